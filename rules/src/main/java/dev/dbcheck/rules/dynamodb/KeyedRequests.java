package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.DynamoDbApi.ENHANCED;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Part;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Role;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DynamoDB requests that address items by key, read from the node where the key is written: key maps of
 * GetItem/UpdateItem/DeleteItem, item maps of PutItem and of batch put requests, enhanced {@code Key}s, key
 * conditions of a Query, the v1 document and mapper APIs, and mapped beans written by the enhanced client or
 * the mapper. Each becomes one {@link Request}: what kind of access it is, its table, its key (or item) parts.
 */
final class KeyedRequests {

    enum Access { ITEM, PUT, QUERY }

    /**
     * One keyed request. {@code bean} is the mapped class for mapper and bean writes (the key is then read from
     * its properties); {@code counter} the atomic counter an update performs; {@code site} the code that sends it.
     */
    record Request(Access access, String operation, Optional<String> table, String bean, List<Part> parts,
            Optional<String> counter, Node site) {}

    private static final String KEY_BUILDER = ENHANCED + "Key.Builder";
    private static final String QUERY_CONDITIONAL = ENHANCED + "model.QueryConditional";

    /** Request types whose key map ({@code key(..)}, {@code withKey(..)}) addresses one item, by operation. */
    private static final Map<String, String> KEY_REQUESTS = Map.of(
            V2 + "model.GetItemRequest.Builder", "getItem", V2 + "model.UpdateItemRequest.Builder", "updateItem",
            V2 + "model.DeleteItemRequest.Builder", "deleteItem", V1 + "model.GetItemRequest", "getItem",
            V1 + "model.UpdateItemRequest", "updateItem", V1 + "model.DeleteItemRequest", "deleteItem");

    /** Request types whose item map ({@code item(..)}, {@code withItem(..)}) is written, by operation. */
    private static final Map<String, String> ITEM_REQUESTS = Map.of(
            V2 + "model.PutItemRequest.Builder", "putItem", V1 + "model.PutItemRequest", "putItem",
            V2 + "model.PutRequest.Builder", "batchWriteItem", V1 + "model.PutRequest", "batchWriteItem");

    private static final Map<String, String> QUERY_REQUESTS = Map.of(
            V2 + "model.QueryRequest.Builder", "query", V1 + "model.QueryRequest", "query");

    /** v1 client overloads {@code getItem(table, key)}, {@code putItem(table, item)}, ... */
    private static final MethodMatcher V1_CLIENT_ITEM_CALLS = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB").named("getItem", "deleteItem", "updateItem", "putItem");

    /** v1 document API: {@code table.getItem("pk", value[, "sk", value])}, {@code table.query("pk", value)}. */
    private static final MethodMatcher V1_DOCUMENT_CALLS = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.Table").named("getItem", "deleteItem", "updateItem", "query");

    /** v1 mapper: {@code mapper.load(Counter.class, hashKey[, rangeKey])}. */
    private static final MethodMatcher V1_MAPPER_LOAD = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper").named("load").withArgumentCount(n -> n == 2 || n == 3);

    /** Bean writes: enhanced {@code table.putItem(bean)} / {@code updateItem(bean)}, mapper {@code save(bean)}. */
    private static final MethodMatcher BEAN_WRITES = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbTable", ENHANCED + "DynamoDbAsyncTable").named("putItem", "updateItem")
            .withArgumentCount(1);
    private static final MethodMatcher MAPPER_SAVE = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper").named("save").withArgumentCount(n -> n >= 1);

    private static final Set<String> KEY_SETTERS = Set.of("key", "withKey", "setKey");
    private static final Set<String> ITEM_SETTERS = Set.of("item", "withItem", "setItem");
    private static final Set<String> CONDITION_SETTERS = Set.of("keyConditionExpression", "withKeyConditionExpression");
    private static final Set<String> VALUE_SETTERS = Set.of("expressionAttributeValues",
            "withExpressionAttributeValues");
    private static final Set<String> NAME_SETTERS = Set.of("expressionAttributeNames", "withExpressionAttributeNames");
    private static final Set<String> INDEX_NAME = Set.of("indexName", "withIndexName");
    private static final Set<String> INDEXES = Set.of(ENHANCED + "DynamoDbIndex", ENHANCED + "DynamoDbAsyncIndex");
    private static final Pattern EQUALITY = Pattern.compile("([#\\w.]+)\\s*=\\s*(:\\w+)|(:\\w+)\\s*=\\s*([#\\w.]+)");

    private KeyedRequests() {}

    /** The keyed request whose key is written at {@code node}, if it is one. */
    static Optional<Request> read(Node node, JavaContext context) {
        if (node instanceof ObjectCreationExpr create) {
            return creation(create, context);
        }
        if (!(node instanceof MethodCallExpr call)) {
            return Optional.empty();
        }
        TypeResolver types = context.types();
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        if ((name.equals("partitionValue") || name.equals("addPartitionValue")) && arity == 1
                && isKeyBuilder(call, types)) {
            return enhancedKey(call, context);
        }
        if (KEY_SETTERS.contains(name) && arity == 1) {
            return requestOperation(call, KEY_REQUESTS, context).map(op -> keyMap(op,
                    DynamoDbKeys.tableOf(call, context), call.getArgument(0), outer(call), call, context));
        }
        if (ITEM_SETTERS.contains(name) && arity == 1) {
            return requestOperation(call, ITEM_REQUESTS, context).map(op -> put(op, op.equals("batchWriteItem")
                    ? batchTable(call, context) : DynamoDbKeys.tableOf(call, context), call.getArgument(0), call,
                    context));
        }
        if (CONDITION_SETTERS.contains(name) && arity == 1) {
            return requestOperation(call, QUERY_REQUESTS, context).flatMap(op -> keyCondition(call, context));
        }
        if (V1_CLIENT_ITEM_CALLS.matches(call, types) && arity >= 2) {
            Optional<String> table = context.constants().stringValue(call.getArgument(0));
            return table.isEmpty() ? Optional.empty() : Optional.of(name.equals("putItem")
                    ? put(name, table, call.getArgument(1), call, context)
                    : keyMap(name, table, call.getArgument(1), call, call, context));
        }
        if (V1_DOCUMENT_CALLS.matches(call, types) && arity >= 2
                && context.constants().stringValue(call.getArgument(0)).isPresent()) {
            return Optional.of(namedKey(name.equals("query") ? Access.QUERY : Access.ITEM, name, call, 0, call,
                    context));
        }
        if (name.equals("withHashKey") && arity == 2 && call.getScope().flatMap(types::typeOf)
                .filter((V1 + "document.spec.QuerySpec")::equals).isPresent()) {
            Node request = clientCall(call, types).map(Node.class::cast).orElse(outer(call));
            return Optional.of(namedKey(Access.QUERY, "query", call, 0, request, context));
        }
        if (V1_MAPPER_LOAD.matches(call, types) && call.getArgument(0) instanceof ClassExpr bean) {
            List<Part> parts = new ArrayList<>(List.of(part(null, Role.PARTITION, call.getArgument(1), context)));
            if (arity == 3) {
                parts.add(part(null, Role.SORT, call.getArgument(2), context));
            }
            return Optional.of(new Request(Access.ITEM, "load", Optional.empty(),
                    types.resolve(bean.getType()).orElse(null), parts, Optional.empty(), call));
        }
        if (BEAN_WRITES.matches(call, types) || MAPPER_SAVE.matches(call, types)) {
            return beanWrite(call, context);
        }
        return Optional.empty();
    }

    private static Optional<Request> creation(ObjectCreationExpr create, JavaContext context) {
        Optional<String> type = context.types().resolve(create.getType());
        int arity = create.getArguments().size();
        if (type.isEmpty() || arity == 0) {
            return Optional.empty();
        }
        String t = type.get();
        if (t.equals(V1 + "document.PrimaryKey") && (arity == 2 || arity == 4)) {
            // table.updateItem(new PrimaryKey(..), updates): the operation and its counter are the call's
            Optional<MethodCallExpr> user = create.getParentNode().filter(MethodCallExpr.class::isInstance)
                    .map(MethodCallExpr.class::cast).filter(c -> DynamoDbApi.isDynamoDbCall(c, context.types()));
            return Optional.of(namedKey(Access.ITEM, user.map(MethodCallExpr::getNameAsString).orElse("PrimaryKey"),
                    create, 0, user.map(Node.class::cast).orElse(create), context));
        }
        if (KEY_REQUESTS.containsKey(t) && arity >= 2) {
            return Optional.of(keyMap(KEY_REQUESTS.get(t), context.constants().stringValue(create.getArgument(0)),
                    create.getArgument(1), create, create, context));
        }
        if (t.equals(V1 + "model.PutItemRequest") && arity == 2) {
            return Optional.of(put("putItem", context.constants().stringValue(create.getArgument(0)),
                    create.getArgument(1), create, context));
        }
        if (t.equals(V1 + "model.PutRequest") && arity == 1) {
            return Optional.of(put("batchWriteItem", batchTable(create, context), create.getArgument(0), create,
                    context));
        }
        return Optional.empty();
    }

    private static Part part(String attribute, Role role, Expression value, JavaContext context) {
        return new Part(attribute, role, value, DynamoDbKeys.constantValue(value, context));
    }

    private static Request keyMap(String operation, Optional<String> table, Expression map, Node request, Node at,
            JavaContext context) {
        Optional<String> counter = operation.equals("updateItem") && request instanceof Expression e
                ? DynamoDbKeys.counter(e, context) : Optional.empty();
        return new Request(Access.ITEM, operation, table, null, DynamoDbKeys.mapParts(map, context), counter, at);
    }

    private static Request put(String operation, Optional<String> table, Expression item, Node at,
            JavaContext context) {
        return new Request(Access.PUT, operation, table, null, DynamoDbKeys.mapParts(item, context),
                Optional.empty(), at);
    }

    /** v1 document API: {@code ("pk", value[, "sk", value])} from argument {@code from}. */
    private static Request namedKey(Access access, String operation, Node call, int from, Node request,
            JavaContext context) {
        List<Expression> args = call instanceof MethodCallExpr m ? m.getArguments() : ((ObjectCreationExpr) call)
                .getArguments();
        List<Part> parts = new ArrayList<>();
        for (int i = from; i + 1 < args.size() && i < from + 4; i += 2) {
            Optional<String> attribute = context.constants().stringValue(args.get(i));
            if (attribute.isEmpty()) {
                break; // updateItem("pk", v, update1, update2): no range key name here
            }
            parts.add(part(attribute.get(), i == from ? Role.PARTITION : Role.SORT, args.get(i + 1), context));
        }
        Optional<String> counter = operation.equals("updateItem") && request instanceof Expression e
                ? DynamoDbKeys.counter(e, context) : Optional.empty();
        return new Request(access, operation, DynamoDbKeys.tableOf(request, context), null, parts, counter, request);
    }

    /** {@code Key.builder().partitionValue(..)[.sortValue(..)]}, or the lambda {@code k -> k.partitionValue(..)}. */
    private static Optional<Request> enhancedKey(MethodCallExpr call, JavaContext context) {
        Node chain = DynamoDbKeys.outermostChain(call);
        List<Part> parts = new ArrayList<>(List.of(part(null, Role.PARTITION, call.getArgument(0), context)));
        chain.findAll(MethodCallExpr.class, m -> (m.getNameAsString().equals("sortValue")
                || m.getNameAsString().equals("addSortValue")) && m.getArguments().size() == 1)
                .forEach(m -> parts.add(part(null, Role.SORT, m.getArgument(0), context)));
        Optional<MethodCallExpr> user = keyUser(chain, context);
        boolean query = user.filter(u -> isQueryConditional(u, context.types())).isPresent();
        Optional<MethodCallExpr> client = user.flatMap(u -> clientCall(u, context.types()));
        if (client.flatMap(MethodCallExpr::getScope).flatMap(context.types()::typeOf)
                .filter(t -> context.types().isSubtypeOfAny(t, INDEXES)).isPresent()) {
            return Optional.empty(); // a secondary index: its key is not the table's (see keyCondition)
        }
        String operation = client.map(MethodCallExpr::getNameAsString).orElse(query ? "query" : "Key");
        Optional<String> table = client.flatMap(c -> DynamoDbKeys.tableOf(c, context));
        return Optional.of(new Request(query ? Access.QUERY : Access.ITEM, operation, table, null, parts,
                Optional.empty(), client.map(c -> (Node) c).orElse(call)));
    }

    /** The call a key goes into: the one its lambda is passed to, its chain's parent, or the user of its variable. */
    private static Optional<MethodCallExpr> keyUser(Node chain, JavaContext context) {
        Optional<LambdaExpr> lambda = lambdaOfParameter(chain);
        Node key = lambda.map(l -> (Node) l).orElse(chain);
        if (key.getParentNode().orElse(null) instanceof MethodCallExpr user) {
            return Optional.of(user);
        }
        if (key.getParentNode().orElse(null) instanceof VariableDeclarator variable) {
            String name = variable.getNameAsString();
            return variable.findAncestor(CallableDeclaration.class).flatMap(body -> body.findFirst(MethodCallExpr.class,
                    c -> c.getArguments().stream().anyMatch(a -> a instanceof NameExpr n
                            && n.getNameAsString().equals(name))));
        }
        return Optional.empty();
    }

    private static boolean isQueryConditional(MethodCallExpr call, TypeResolver types) {
        return call.getScope().flatMap(types::typeReferencedBy).filter(QUERY_CONDITIONAL::equals).isPresent();
    }

    /** The DynamoDB call {@code node} is part of a request of (itself, or the call its request goes to). */
    static Optional<MethodCallExpr> clientCall(Node node, TypeResolver types) {
        for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof MethodCallExpr m && DynamoDbApi.isDynamoDbCall(m, types)) {
                return Optional.of(m);
            }
            if (n instanceof Statement && !isLambdaBody(n)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code Key.builder()...}, or {@code k} in {@code keyEqualTo(k -> k.partitionValue(..))}, {@code key(..)}. */
    private static boolean isKeyBuilder(MethodCallExpr call, TypeResolver types) {
        Expression scope = call.getScope().orElse(null);
        if (scope == null) {
            return false;
        }
        if (types.typeOf(scope).filter(KEY_BUILDER::equals).isPresent()) {
            return true;
        }
        return lambdaOfParameter(scope).flatMap(Node::getParentNode).filter(p -> p instanceof MethodCallExpr m
                && (m.getNameAsString().equals("key") || isQueryConditional(m, types))).isPresent();
    }

    /** The lambda whose parameter {@code node}'s chain starts from, if any. */
    private static Optional<LambdaExpr> lambdaOfParameter(Node node) {
        Node root = node;
        while (root instanceof MethodCallExpr m && m.getScope().isPresent()) {
            root = m.getScope().get();
        }
        if (!(root instanceof NameExpr name)) {
            return Optional.empty();
        }
        return root.findAncestor(LambdaExpr.class).filter(l -> l.getParameters().stream()
                .anyMatch(p -> p.getNameAsString().equals(name.getNameAsString())));
    }

    /** The operation of the request {@code setter} configures: from its type, or the client call of its lambda. */
    private static Optional<String> requestOperation(MethodCallExpr setter, Map<String, String> requests,
            JavaContext context) {
        Expression scope = setter.getScope().orElse(null);
        if (scope == null) {
            return Optional.empty();
        }
        Optional<String> type = context.types().typeOf(scope);
        if (type.isPresent()) {
            return Optional.ofNullable(requests.get(type.get()));
        }
        Optional<MethodCallExpr> user = lambdaOfParameter(scope).flatMap(Node::getParentNode)
                .filter(MethodCallExpr.class::isInstance).map(MethodCallExpr.class::cast);
        if (user.filter(u -> u.getNameAsString().equals("putRequest") && u.getScope().flatMap(context.types()::typeOf)
                .filter((V2 + "model.WriteRequest.Builder")::equals).isPresent()).isPresent()) {
            return Optional.of("batchWriteItem").filter(requests::containsValue); // putRequest(p -> p.item(..))
        }
        return user.filter(m -> DynamoDbApi.isDynamoDbCall(m, context.types()))
                .map(m -> m.getNameAsString().replace("Paginator", "")).filter(requests::containsValue);
    }

    /** The whole request expression around a setter: its chain, or the client call its lambda goes to. */
    private static Node outer(MethodCallExpr setter) {
        Node chain = DynamoDbKeys.outermostChain(setter);
        return lambdaOfParameter(chain).flatMap(Node::getParentNode).orElse(chain);
    }

    /** {@code Map.of("ledger", List.of(WriteRequest...put...))}: the table a batch put request is listed under. */
    private static Optional<String> batchTable(Node request, JavaContext context) {
        Node child = request;
        for (Node n = request.getParentNode().orElse(null); n instanceof Expression || isLambdaBody(n);
                n = n.getParentNode().orElse(null)) {
            if (n instanceof MethodCallExpr m && m.getArguments().size() >= 2) {
                int i = m.getArguments().indexOf(child);
                if (i % 2 == 1 && (m.getNameAsString().equals("of") || m.getNameAsString().equals("singletonMap"))) {
                    return context.constants().stringValue(m.getArgument(i - 1));
                }
            }
            child = n;
        }
        return Optional.empty();
    }

    private static boolean isLambdaBody(Node node) {
        return node instanceof Statement && node.getParentNode().orElse(null) instanceof LambdaExpr;
    }

    /** {@code keyConditionExpression("pk = :pk")} with the values of the same request. */
    private static Optional<Request> keyCondition(MethodCallExpr setter, JavaContext context) {
        Optional<String> condition = context.constants().stringValue(setter.getArgument(0));
        Node request = outer(setter);
        if (condition.isEmpty() || !(request instanceof Expression e)) {
            return Optional.empty();
        }
        ValueFlow tracer = ValueFlow.of(context);
        if (!tracer.callsBuilding(e, INDEX_NAME).isEmpty()) {
            // A secondary index queried by a constant (a sparse "open orders" or status index) is a designed access
            // pattern, the fix DynamoDbScan proposes; the index's key is not the table's either.
            return Optional.empty();
        }
        Map<String, Expression> values = tracer.callsBuilding(e, VALUE_SETTERS).stream()
                .filter(c -> c.getArguments().size() == 1).findFirst()
                .map(c -> DynamoDbKeys.mapValues(c.getArgument(0), context)).orElse(Map.of());
        Map<String, Expression> names = tracer.callsBuilding(e, NAME_SETTERS).stream()
                .filter(c -> c.getArguments().size() == 1).findFirst()
                .map(c -> DynamoDbKeys.mapValues(c.getArgument(0), context)).orElse(Map.of());
        List<String[]> equalities = new ArrayList<>();
        Matcher m = EQUALITY.matcher(condition.get());
        while (m.find()) {
            equalities.add(m.group(1) != null ? new String[] {m.group(1), m.group(2)}
                    : new String[] {m.group(4), m.group(3)});
        }
        List<Part> parts = new ArrayList<>();
        for (String[] eq : equalities) {
            String attribute = eq[0].startsWith("#") ? Optional.ofNullable(names.get(eq[0]))
                    .flatMap(n -> context.constants().stringValue(n)).orElse(null) : eq[0];
            Expression value = values.get(eq[1]);
            if (value != null) {
                parts.add(part(attribute, equalities.size() == 1 ? Role.PARTITION : Role.UNKNOWN, value, context));
            }
        }
        Optional<MethodCallExpr> client = clientCall(setter, context.types());
        return Optional.of(new Request(Access.QUERY, "query", DynamoDbKeys.tableOf(setter, context), null, parts,
                Optional.empty(), client.map(c -> (Node) c).orElse(setter)));
    }

    /** A mapped bean written whole: its properties as the method sets them ({@code s.setToken("X")}, a builder). */
    private static Optional<Request> beanWrite(MethodCallExpr call, JavaContext context) {
        Expression written = call.getArgument(0);
        if (written instanceof LambdaExpr lambda) { // table.putItem(r -> r.item(bean))
            written = lambda.getBody().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("item")
                    && c.getArguments().size() == 1).map(c -> c.getArgument(0)).orElse(null);
        }
        if (!(written instanceof NameExpr bean)) {
            return Optional.empty();
        }
        Optional<String> type = context.types().typeOf(bean);
        Optional<CallableDeclaration> body = call.findAncestor(CallableDeclaration.class);
        if (type.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>();
        for (MethodCallExpr setter : body.get().findAll(MethodCallExpr.class, c -> c.getArguments().size() == 1
                && c.getNameAsString().matches("set[A-Z].*") && c.getScope().filter(s -> s instanceof NameExpr n
                        && n.getNameAsString().equals(bean.getNameAsString())).isPresent())) {
            parts.add(part(TableKeys.propertyName(setter.getNameAsString()), Role.UNKNOWN, setter.getArgument(0),
                    context));
        }
        Optional<Expression> init = context.types().initializerOf(bean);
        for (Expression e = init.orElse(null); e instanceof MethodCallExpr link; e = link.getScope().orElse(null)) {
            if (link.getArguments().size() == 1) {
                parts.add(part(link.getNameAsString(), Role.UNKNOWN, link.getArgument(0), context));
            }
        }
        String operation = call.getNameAsString();
        Optional<String> table = operation.equals("save") ? Optional.empty() : DynamoDbKeys.tableOf(call, context);
        return Optional.of(new Request(Access.PUT, operation, table, type.get(), parts, Optional.empty(), call));
    }
}
