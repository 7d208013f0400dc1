package dev.dbcheck.rules.dynamodb;

import dev.dbcheck.rule.Relevance;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.ENHANCED;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.MapLiterals;
import dev.dbcheck.flow.MapLiterals.Entry;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.types.ValueTracer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags DynamoDB reads and writes whose partition key value is a compile-time constant, so that every request
 * lands on one partition. The key attribute comes from the request's key map, {@code Key.builder()}, the v1
 * document and mapper APIs, or, for item maps of PutItem, from what the project says about the table: its
 * key schema (createTable), its mapped beans ({@code @DynamoDBHashKey}, {@code @DynamoDbPartitionKey}) or
 * the key maps used elsewhere for it. Those are project facts, so the rule also decides at the end.
 */
public final class ConstantPartitionKey implements JavaRule, ProjectRule {

    /** Enhanced client keys: {@code Key.builder().partitionValue(..)}. */
    private static final String KEY_BUILDER = ENHANCED + "Key.Builder";

    /** v2 request builders whose {@code key(..)} is a key map, by operation. */
    private static final Map<String, String> V2_KEY_REQUESTS = Map.of(
            V2 + "model.GetItemRequest.Builder", "getItem",
            V2 + "model.UpdateItemRequest.Builder", "updateItem",
            V2 + "model.DeleteItemRequest.Builder", "deleteItem");

    /** v1 requests whose {@code withKey(..)} / constructor's second argument is a key map, by operation. */
    private static final Map<String, String> V1_KEY_REQUESTS = Map.of(
            V1 + "model.GetItemRequest", "getItem",
            V1 + "model.UpdateItemRequest", "updateItem",
            V1 + "model.DeleteItemRequest", "deleteItem");

    private static final String V2_PUT = V2 + "model.PutItemRequest.Builder";
    private static final String V1_PUT = V1 + "model.PutItemRequest";

    /** Client calls that take a request lambda, by operation kind. */
    private static final Set<String> KEYED_CALLS = Set.of("getItem", "updateItem", "deleteItem");

    /** v1 client overloads {@code getItem(table, key)}, {@code putItem(table, item)}, ... */
    static final MethodMatcher V1_CLIENT_ITEM_CALLS = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB").named("getItem", "deleteItem", "updateItem", "putItem");

    /** v1 document API: {@code table.getItem("id", value)} and friends. */
    static final MethodMatcher V1_DOCUMENT_ITEM_CALLS = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.Table").named("getItem", "deleteItem", "updateItem");

    /** v1 mapper: {@code mapper.load(Counter.class, hashKey[, rangeKey])}. */
    static final MethodMatcher V1_MAPPER_LOAD = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper").named("load").withArgumentCount(n -> n == 2 || n == 3);

    /** Enhanced client: {@code enhanced.table("name", TableSchema.fromBean(Bean.class))}. */
    static final MethodMatcher ENHANCED_TABLE = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbEnhancedClient", ENHANCED + "DynamoDbEnhancedAsyncClient")
            .named("table").withArgumentCount(2);

    private static final Set<String> READS = Set.of("getItem", "load");
    private static final Set<String> TABLE_NAME = Set.of("tableName", "withTableName");
    private static final Set<String> KEY_TYPES = Set.of(V2 + "model.KeyType", V1 + "model.KeyType");
    private static final Set<String> STARTUP_ANNOTATIONS = Set.of("PostConstruct");

    // Fact kinds.
    private static final String SCHEMA = "schema";
    private static final String BEAN = "bean";
    private static final String TABLE_BEAN = "tableBean";
    private static final String KEY_MAP = "keyMap";
    private static final String CANDIDATE = "candidate";

    private static final RuleMetadata METADATA = RuleMetadata.builder("ConstantPartitionKey")
            .family(Family.DYNAMODB_HOT_PARTITION)
            .severity(Severity.WARNING)
            .summary("DynamoDB request with a constant partition key")
            .explanation("""
                    DynamoDB spreads a table over partitions by the partition key. A key that is a \
                    compile-time constant (a literal, a static final, a concatenation of constants) sends \
                    every such request to one partition, which serves at most 3,000 RCU and 1,000 WCU \
                    whatever the table's provisioned or on-demand capacity. A global counter, a "current" \
                    item or a status key works in tests and throttles with \
                    ProvisionedThroughputExceededException as traffic grows, while the rest of the table \
                    is idle: the hot partition the guide calls the silent reliability killer.""")
            .fix("""
                    Spread the load with write sharding: append a suffix to the key ("COUNTER#" + \
                    ThreadLocalRandom.current().nextInt(N) for writes, summed over the N keys on read, or a \
                    hash of another attribute), or move a hot counter out of DynamoDB (ElastiCache, a \
                    stream aggregation). A single configuration item read once at start-up is fine.""")
            .badExample("""
                    void countVisit() {
                        dynamo.updateItem(r -> r.tableName("counters")
                                .key(Map.of("pk", AttributeValue.fromS("GLOBAL")))
                                .updateExpression("ADD visits :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    }""")
            .goodExample("""
                    private static final int SHARDS = 20;

                    void countVisit() {
                        String shard = "GLOBAL#" + ThreadLocalRandom.current().nextInt(SHARDS);
                        dynamo.updateItem(r -> r.tableName("counters")
                                .key(Map.of("pk", AttributeValue.fromS(shard)))
                                .updateExpression("ADD visits :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class, ObjectCreationExpr.class, ClassOrInterfaceDeclaration.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        if (!DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        if (node instanceof MethodCallExpr call) {
            visitCall(call, context);
        } else if (node instanceof ObjectCreationExpr create) {
            visitCreation(create, context);
        } else {
            visitType((ClassOrInterfaceDeclaration) node, context);
        }
    }

    // ---- calls -----------------------------------------------------------------------------------------

    private void visitCall(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        String name = call.getNameAsString();
        switch (name) {
            case "partitionValue", "addPartitionValue" -> {
                if (call.getArguments().size() == 1 && isKeyBuilder(call, types)) {
                    Optional<String> value = constantKeyValue(call.getArgument(0), context);
                    if (value.isPresent() && !isStartup(call)) {
                        report(context, call.getArgument(0), "this Key", null, null, value.get());
                    }
                }
            }
            case "key", "withKey", "setKey" -> {
                Optional<String> op = keyRequestOperation(call, types);
                if (op.isPresent() && call.getArguments().size() == 1) {
                    keyMap(context, op.get(), tableOf(call, context), call.getArgument(0), call);
                }
            }
            case "item", "withItem", "setItem" -> {
                if (call.getArguments().size() == 1 && isPutRequest(call, types)) {
                    itemMap(context, tableOf(call, context), call.getArgument(0));
                }
            }
            case "keyType", "withKeyType" -> schemaFromKeySchemaElement(call, context);
            case "table" -> tableBean(call, context);
            default -> {
            }
        }
        if (V1_CLIENT_ITEM_CALLS.matches(call, types) && call.getArguments().size() >= 2) {
            Optional<String> table = context.constants().stringValue(call.getArgument(0));
            if (table.isPresent()) {
                if (name.equals("putItem")) {
                    itemMap(context, table, call.getArgument(1));
                } else {
                    keyMap(context, name, table, call.getArgument(1), call);
                }
            }
        }
        if (V1_DOCUMENT_ITEM_CALLS.matches(call, types) && call.getArguments().size() >= 2) {
            Optional<String> attribute = context.constants().stringValue(call.getArgument(0));
            Optional<String> value = constantKeyValue(call.getArgument(1), context);
            if (attribute.isPresent() && value.isPresent() && !(READS.contains(name) && isStartup(call))) {
                report(context, call.getArgument(1), "this " + name + "()", attribute.get(), null, value.get());
            }
        }
        if (V1_MAPPER_LOAD.matches(call, types)) {
            Optional<String> value = constantKeyValue(call.getArgument(1), context);
            if (value.isPresent() && call.getArgument(0) instanceof ClassExpr && !isStartup(call)) {
                report(context, call.getArgument(1), "this load()", null, null, value.get());
            }
        }
    }

    /** {@code Key.builder()...}, or {@code k} in {@code keyEqualTo(k -> k.partitionValue(..))} / {@code key(k -> ..)}. */
    private static boolean isKeyBuilder(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        Expression scope = call.getScope().get();
        if (types.typeOf(scope).filter(KEY_BUILDER::equals).isPresent()) {
            return true;
        }
        Optional<LambdaExpr> lambda = lambdaOfParameter(scope);
        return lambda.flatMap(l -> l.getParentNode()).filter(p -> p instanceof MethodCallExpr m
                && (m.getNameAsString().equals("key") || m.getScope().flatMap(types::typeReferencedBy)
                        .filter((ENHANCED + "model.QueryConditional")::equals).isPresent())).isPresent();
    }

    /** The lambda whose parameter {@code scope} names (a root of a chain), if any. */
    private static Optional<LambdaExpr> lambdaOfParameter(Expression scope) {
        Expression root = scope;
        while (root instanceof MethodCallExpr m && m.getScope().isPresent()) {
            root = m.getScope().get();
        }
        if (!(root instanceof NameExpr name)) {
            return Optional.empty();
        }
        Optional<LambdaExpr> lambda = root.findAncestor(LambdaExpr.class);
        return lambda.filter(l -> l.getParameters().stream()
                .anyMatch(p -> p.getNameAsString().equals(name.getNameAsString())));
    }

    /** The operation whose key map {@code call} sets: from the request type, or the client call of its lambda. */
    private static Optional<String> keyRequestOperation(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> type = types.typeOf(call.getScope().get());
        if (type.isPresent()) {
            return Optional.ofNullable(V2_KEY_REQUESTS.getOrDefault(type.get(), V1_KEY_REQUESTS.get(type.get())));
        }
        return clientCallOfLambda(call, types).filter(KEYED_CALLS::contains);
    }

    private static boolean isPutRequest(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        Optional<String> type = types.typeOf(call.getScope().get());
        if (type.isPresent()) {
            return type.get().equals(V2_PUT) || type.get().equals(V1_PUT);
        }
        return clientCallOfLambda(call, types).filter("putItem"::equals).isPresent();
    }

    /** {@code dynamo.getItem(r -> r.tableName(..).key(..))}: the DynamoDB call the request lambda is passed to. */
    private static Optional<String> clientCallOfLambda(MethodCallExpr call, TypeResolver types) {
        Optional<LambdaExpr> lambda = lambdaOfParameter(call.getScope().get());
        return lambda.flatMap(l -> l.getParentNode())
                .filter(p -> p instanceof MethodCallExpr m && DynamoDbApi.isDynamoDbCall(m, types))
                .map(p -> ((MethodCallExpr) p).getNameAsString());
    }

    /** The table named in the request chain around {@code call}. */
    private static Optional<String> tableOf(Node call, JavaContext context) {
        Node top = outermostChain(call);
        if (!(top instanceof Expression expression)) {
            return Optional.empty();
        }
        ValueTracer tracer = new ValueTracer(context.types());
        Optional<String> table = tracer.constantArgument(expression, TABLE_NAME, context.constants());
        if (table.isEmpty() && call instanceof MethodCallExpr m && m.getScope().isPresent()) {
            table = tracer.constantArgument(m.getScope().get(), TABLE_NAME, context.constants());
        }
        return table;
    }

    /** The last call of the chain {@code node} is part of ({@code a.b(node-ish).c()} → the {@code c()} call). */
    private static Node outermostChain(Node node) {
        Node top = node;
        while (top.getParentNode().orElse(null) instanceof MethodCallExpr parent
                && parent.getScope().isPresent() && parent.getScope().get() == top) {
            top = parent;
        }
        return top;
    }

    // ---- object creations ------------------------------------------------------------------------------

    private void visitCreation(ObjectCreationExpr create, JavaContext context) {
        Optional<String> type = context.types().resolve(create.getType());
        if (type.isEmpty() || !type.get().startsWith(V1)) {
            return;
        }
        String t = type.get();
        if (t.equals(V1 + "document.PrimaryKey") && create.getArguments().size() >= 2) {
            Optional<String> attribute = context.constants().stringValue(create.getArgument(0));
            Optional<String> value = constantKeyValue(create.getArgument(1), context);
            if (attribute.isPresent() && value.isPresent() && !isStartup(create)) {
                report(context, create.getArgument(1), "this PrimaryKey", attribute.get(), null, value.get());
            }
        } else if (V1_KEY_REQUESTS.containsKey(t) && create.getArguments().size() >= 2) {
            keyMap(context, V1_KEY_REQUESTS.get(t), context.constants().stringValue(create.getArgument(0)),
                    create.getArgument(1), create);
        } else if (t.equals(V1_PUT) && create.getArguments().size() == 2) {
            itemMap(context, context.constants().stringValue(create.getArgument(0)), create.getArgument(1));
        } else if (t.equals(V1 + "model.KeySchemaElement") && create.getArguments().size() == 2
                && isHash(create.getArgument(1), context)) {
            context.constants().stringValue(create.getArgument(0)).ifPresent(attribute ->
                    tableOf(create, context).ifPresent(table ->
                            context.addFact(SCHEMA, create, Map.of("table", table, "attribute", attribute))));
        }
    }

    // ---- key maps and item maps ------------------------------------------------------------------------

    private void keyMap(JavaContext context, String operation, Optional<String> table, Expression map, Node at) {
        MapLiterals literals = context.memo(MapLiterals.class,
                () -> new MapLiterals(context.types(), context.constants()));
        Optional<List<Entry>> entries = literals.entries(map);
        if (entries.isEmpty() || entries.get().isEmpty()) {
            return;
        }
        boolean startupRead = READS.contains(operation) && isStartup(at);
        List<Entry> all = entries.get();
        if (all.size() == 1) {
            Entry only = all.get(0);
            table.ifPresent(t -> context.addFact(KEY_MAP, only.value(), Map.of("table", t, "attribute", only.key())));
            Optional<String> value = constantKeyValue(only.value(), context);
            if (value.isPresent() && !startupRead) {
                report(context, only.value(), "this " + operation + "()", only.key(), table.orElse(null), value.get());
            }
            return;
        }
        boolean allConstant = all.stream().allMatch(e -> constantKeyValue(e.value(), context).isPresent());
        if (table.isEmpty()) {
            if (allConstant && !startupRead) {
                Entry first = all.get(0);
                report(context, first.value(), "this " + operation + "()", null, null,
                        constantKeyValue(first.value(), context).get());
            }
            return;
        }
        if (startupRead) {
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            candidate(context, all.get(i), operation, table.get(), allConstant && i == 0);
        }
    }

    private void itemMap(JavaContext context, Optional<String> table, Expression map) {
        if (table.isEmpty()) {
            return;
        }
        MapLiterals literals = context.memo(MapLiterals.class,
                () -> new MapLiterals(context.types(), context.constants()));
        literals.entries(map).ifPresent(entries -> {
            for (Entry entry : entries) {
                candidate(context, entry, "putItem", table.get(), false);
            }
        });
    }

    /** A constant entry whose attribute may be the table's partition key: decided in {@link #finish}. */
    private void candidate(JavaContext context, Entry entry, String operation, String table, boolean certain) {
        Optional<String> value = constantKeyValue(entry.value(), context);
        if (value.isEmpty()) {
            return;
        }
        Position end = entry.value().getEnd().orElse(new Position(1, 1));
        Map<String, String> data = new HashMap<>();
        data.put("table", table);
        data.put("attribute", entry.key());
        data.put("operation", operation);
        data.put("value", value.get());
        data.put("endLine", Integer.toString(end.line));
        data.put("endColumn", Integer.toString(end.column));
        data.put("certain", Boolean.toString(certain));
        context.addFact(CANDIDATE, entry.value(), data);
    }

    /**
     * The constant a key value expression stands for, for messages: a constant ({@code "GLOBAL"}, a
     * {@code static final}), or an attribute value built from one ({@code AttributeValue.fromS(..)},
     * {@code AttributeValue.builder().s(..).build()}, v1 {@code new AttributeValue(..)} / {@code withS(..)}).
     */
    private static Optional<String> constantKeyValue(Expression value, JavaContext context) {
        return constantKeyValue(value, context, 0);
    }

    private static Optional<String> constantKeyValue(Expression value, JavaContext context, int depth) {
        ConstantEvaluator constants = context.constants();
        TypeResolver types = context.types();
        if (depth > 4) {
            return Optional.empty();
        }
        Optional<Object> direct = constants.value(value);
        if (direct.isPresent()) {
            return direct.map(ConstantPartitionKey::display);
        }
        if (value instanceof NameExpr name) {
            return types.initializerOf(name).flatMap(init -> constantKeyValue(init, context, depth + 1));
        }
        if (value instanceof ObjectCreationExpr create && create.getArguments().size() == 1
                && types.resolve(create.getType()).filter((V1 + "model.AttributeValue")::equals).isPresent()) {
            return constants.value(create.getArgument(0)).map(ConstantPartitionKey::display);
        }
        if (!(value instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        Expression scope = call.getScope().get();
        // AttributeValue.fromS("x") / fromN("1")
        if ((name.equals("fromS") || name.equals("fromN")) && call.getArguments().size() == 1
                && types.typeReferencedBy(scope).filter((V2 + "model.AttributeValue")::equals).isPresent()) {
            return constants.value(call.getArgument(0)).map(ConstantPartitionKey::display);
        }
        // new AttributeValue().withS("x")
        if ((name.equals("withS") || name.equals("withN")) && call.getArguments().size() == 1
                && types.typeOf(scope).filter((V1 + "model.AttributeValue")::equals).isPresent()) {
            return constants.value(call.getArgument(0)).map(ConstantPartitionKey::display);
        }
        // AttributeValue.builder().s("x").build()
        if (name.equals("build") && types.typeOf(call).filter((V2 + "model.AttributeValue")::equals).isPresent()) {
            Expression e = scope;
            while (e instanceof MethodCallExpr link) {
                if ((link.getNameAsString().equals("s") || link.getNameAsString().equals("n"))
                        && link.getArguments().size() == 1) {
                    return constants.value(link.getArgument(0)).map(ConstantPartitionKey::display);
                }
                e = link.getScope().orElse(null);
            }
        }
        return Optional.empty();
    }

    private static String display(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** Start-up code: constructors, initialisers, field initialisers, {@code @PostConstruct}, {@code main}. */
    private static boolean isStartup(Node node) {
        Optional<BodyDeclaration> declaration = node.findAncestor(BodyDeclaration.class);
        if (declaration.isEmpty()) {
            return false;
        }
        BodyDeclaration<?> d = declaration.get();
        if (d instanceof ConstructorDeclaration || d instanceof InitializerDeclaration || d instanceof FieldDeclaration) {
            return true;
        }
        if (d instanceof MethodDeclaration m) {
            return m.getNameAsString().equals("main") && m.isStatic()
                    || m.getAnnotations().stream().anyMatch(a -> STARTUP_ANNOTATIONS.contains(a.getName().getIdentifier()));
        }
        return false;
    }

    // ---- what the project says about tables ------------------------------------------------------------

    /** {@code KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH)} in a createTable request. */
    private void schemaFromKeySchemaElement(MethodCallExpr call, JavaContext context) {
        if (call.getArguments().size() != 1 || !isHash(call.getArgument(0), context)) {
            return;
        }
        Optional<String> attribute = Optional.empty();
        // the attribute name is set in the same element's chain, before or after keyType
        Node top = outermostChain(call);
        for (MethodCallExpr link : top.findAll(MethodCallExpr.class, m -> (m.getNameAsString().equals("attributeName")
                || m.getNameAsString().equals("withAttributeName")) && m.getArguments().size() == 1)) {
            attribute = context.constants().stringValue(link.getArgument(0));
            if (attribute.isPresent()) {
                break;
            }
        }
        if (attribute.isEmpty()) {
            return;
        }
        String name = attribute.get();
        Node outer = top;
        while (outer.getParentNode().orElse(null) instanceof Expression parent) {
            outer = parent;
        }
        Optional<String> table = new ValueTracer(context.types())
                .constantArgument((Expression) outer, TABLE_NAME, context.constants());
        table.ifPresent(t -> context.addFact(SCHEMA, call, Map.of("table", t, "attribute", name)));
    }

    private static boolean isHash(Expression keyType, JavaContext context) {
        if (keyType instanceof FieldAccessExpr f && f.getNameAsString().equals("HASH")) {
            return context.types().typeReferencedBy(f.getScope()).filter(KEY_TYPES::contains).isPresent();
        }
        return context.constants().stringValue(keyType).filter("HASH"::equals).isPresent();
    }

    /** {@code enhanced.table("counters", TableSchema.fromBean(Counter.class))}. */
    private void tableBean(MethodCallExpr call, JavaContext context) {
        if (!ENHANCED_TABLE.matches(call, context.types())) {
            return;
        }
        Optional<String> table = context.constants().stringValue(call.getArgument(0));
        if (table.isEmpty() || !(call.getArgument(1) instanceof MethodCallExpr schema)
                || schema.getArguments().size() != 1 || !(schema.getArgument(0) instanceof ClassExpr bean)) {
            return;
        }
        context.types().resolve(bean.getType()).ifPresent(b ->
                context.addFact(TABLE_BEAN, call, Map.of("table", table.get(), "bean", b)));
    }

    /** v1 {@code @DynamoDBTable} + {@code @DynamoDBHashKey}; v2 {@code @DynamoDbBean} + {@code @DynamoDbPartitionKey}. */
    private void visitType(ClassOrInterfaceDeclaration type, JavaContext context) {
        TypeResolver types = context.types();
        Optional<AnnotationExpr> v1Table = annotation(type, V1 + "datamodeling.DynamoDBTable", types);
        if (v1Table.isPresent()) {
            Optional<String> table = annotationValue(v1Table.get(), "tableName", context);
            Optional<String> attribute = keyProperty(type, V1 + "datamodeling.DynamoDBHashKey", "attributeName",
                    context);
            if (table.isPresent() && attribute.isPresent()) {
                context.addFact(SCHEMA, type, Map.of("table", table.get(), "attribute", attribute.get()));
            }
        }
        if (annotation(type, ENHANCED + "mapper.annotations.DynamoDbBean", types).isPresent()
                || annotation(type, ENHANCED + "mapper.annotations.DynamoDbImmutable", types).isPresent()) {
            Optional<String> attribute = keyProperty(type, ENHANCED + "mapper.annotations.DynamoDbPartitionKey", null,
                    context);
            Optional<String> bean = type.getFullyQualifiedName();
            if (attribute.isPresent() && bean.isPresent()) {
                context.addFact(BEAN, type, Map.of("bean", bean.get(), "attribute", attribute.get()));
            }
        }
    }

    /** The attribute name of the property (field or getter) carrying {@code keyAnnotation}. */
    private static Optional<String> keyProperty(ClassOrInterfaceDeclaration type, String keyAnnotation,
            String nameMember, JavaContext context) {
        TypeResolver types = context.types();
        for (BodyDeclaration<?> member : type.getMembers()) {
            NodeWithAnnotations<?> annotated = member;
            Optional<AnnotationExpr> key = annotation(annotated, keyAnnotation, types);
            if (key.isEmpty()) {
                continue;
            }
            if (nameMember != null) {
                Optional<String> named = annotationValue(key.get(), nameMember, context);
                if (named.isPresent()) {
                    return named;
                }
            }
            Optional<AnnotationExpr> renamed = annotation(annotated, ENHANCED + "mapper.annotations.DynamoDbAttribute",
                    types);
            if (renamed.isPresent()) {
                Optional<String> named = annotationValue(renamed.get(), "value", context);
                if (named.isPresent()) {
                    return named;
                }
            }
            if (member instanceof FieldDeclaration field) {
                return Optional.of(field.getVariable(0).getNameAsString());
            }
            if (member instanceof MethodDeclaration method) {
                return Optional.of(propertyName(method.getNameAsString()));
            }
        }
        return Optional.empty();
    }

    private static String propertyName(String getter) {
        String base = getter.startsWith("get") && getter.length() > 3 ? getter.substring(3)
                : getter.startsWith("is") && getter.length() > 2 ? getter.substring(2) : getter;
        return base.substring(0, 1).toLowerCase(Locale.ROOT) + base.substring(1);
    }

    private static Optional<AnnotationExpr> annotation(NodeWithAnnotations<?> node, String qualified,
            TypeResolver types) {
        for (AnnotationExpr a : node.getAnnotations()) {
            if (types.resolveName(a.getNameAsString()).filter(qualified::equals).isPresent()) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> annotationValue(AnnotationExpr annotation, String member, JavaContext context) {
        if (annotation instanceof SingleMemberAnnotationExpr single && member.equals("value")) {
            return context.constants().stringValue(single.getMemberValue());
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            return normal.getPairs().stream().filter(p -> p.getNameAsString().equals(member)).findFirst()
                    .flatMap(p -> context.constants().stringValue(p.getValue()));
        }
        return Optional.empty();
    }

    // ---- reporting -------------------------------------------------------------------------------------

    private static String message(String operation, String attribute, String table, String value) {
        return "The partition key" + (attribute == null ? "" : " \"" + attribute + "\"") + " of " + operation
                + (table == null ? "" : " on table \"" + table + "\"") + " is the constant " + value
                + ": every such request goes to the same partition, which serves at most 3,000 RCU / 1,000 WCU "
                + "whatever the table's capacity, so it throttles (ProvisionedThroughputExceededException) as "
                + "traffic grows (guide: " + METADATA.family().shortSection() + "). Shard the key ("
                + (value.startsWith("\"") ? value.substring(0, value.length() - 1) + "#\" + shard" : "a shard suffix")
                + ", aggregated on read), or move a hot counter out of DynamoDB.";
    }

    private static void report(JavaContext context, Expression value, String operation, String attribute,
            String table, String constant) {
        context.report(value, message(operation, attribute, table, constant));
    }

    @Override
    public void finish(ProjectContext context) {
        Map<String, String> partitionKeys = new HashMap<>();
        Map<String, String> beanKeys = new HashMap<>();
        Map<String, String> keyMaps = new HashMap<>();
        for (Fact f : context.facts()) {
            if (!f.ruleId().equals(METADATA.id())) {
                continue;
            }
            switch (f.kind()) {
                case SCHEMA -> partitionKeys.putIfAbsent(f.data().get("table"), f.data().get("attribute"));
                case BEAN -> beanKeys.putIfAbsent(f.data().get("bean"), f.data().get("attribute"));
                case KEY_MAP -> keyMaps.putIfAbsent(f.data().get("table"), f.data().get("attribute"));
                default -> {
                }
            }
        }
        for (Fact f : context.facts()) {
            if (f.ruleId().equals(METADATA.id()) && f.kind().equals(TABLE_BEAN)) {
                String key = beanKeys.get(f.data().get("bean"));
                if (key != null) {
                    partitionKeys.putIfAbsent(f.data().get("table"), key);
                }
            }
        }
        keyMaps.forEach(partitionKeys::putIfAbsent);
        for (Fact f : context.facts()) {
            if (!f.ruleId().equals(METADATA.id()) || !f.kind().equals(CANDIDATE)) {
                continue;
            }
            Map<String, String> d = f.data();
            String key = partitionKeys.get(d.get("table"));
            boolean isKey = key != null ? key.equals(d.get("attribute")) : Boolean.parseBoolean(d.get("certain"));
            if (isKey) {
                context.report(f.file(), f.line(), f.column(), Integer.parseInt(d.get("endLine")),
                        Integer.parseInt(d.get("endColumn")), message("this " + d.get("operation") + "()",
                                key == null ? null : key, d.get("table"), d.get("value")));
            }
        }
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, ConstantPartitionKey.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
