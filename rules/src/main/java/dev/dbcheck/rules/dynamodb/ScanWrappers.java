package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectType;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scan wrappers: methods whose job is to run a scan that their caller describes. A scan is the caller's when
 * what decides it (the request or scan expression, the entity class or the table handle, or a table name) comes
 * as written from a parameter of a non-private method ({@code PageIterable<T> scanAll(Class<T> type)}, the
 * SDK mapper's {@code scan(Class, DynamoDBScanExpression)}), or when the request is a field that the object's
 * creator handed to its constructor (a lazy page list or iterator fetching its next page). Such a scan is not
 * reported inside the wrapper: whether the project scans is decided by its callers. As a method summary
 * ({@link EffectAnalysis}), a call to a project wrapper whose own arguments are not its caller's parameters in
 * turn runs the scan right there, and that call is reported; a wrapper of a wrapper passes the decision on.
 *
 * <p>What does not make a wrapper: values that only fill a filter ({@code byStatus(String status)} builds its
 * own request on a fixed table and is a scan where it is written), a client or table handle held in a field
 * (a DAO with an injected table), and private methods (their callers are in the same class; the finding stays
 * at the scan).
 */
final class ScanWrappers implements EffectAnalysis<ScanWrappers.Effect> {

    static final ScanWrappers INSTANCE = new ScanWrappers();

    /** Calls in a request that name the table it reads: a caller's value there chooses the table. */
    private static final Set<String> TABLE_CHOICES = Set.of("tableName", "withTableName", "setTableName", "table",
            "getTable", "index", "getIndex", "indexName", "withIndexName");

    private static final int MAX_TRACE = 16; // builder chains are long: toBuilder().segment(..).exclusiveStartKey(..).build()

    private static final String V2 = "software.amazon.awssdk.services.dynamodb.";
    private static final String ENHANCED = "software.amazon.awssdk.enhanced.dynamodb.";
    private static final String V1 = "com.amazonaws.services.dynamodbv2.";

    /** Clients and mappers: which one a method is given does not say what it scans. */
    private static final Set<String> CLIENTS = Set.of(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient",
            ENHANCED + "DynamoDbEnhancedClient", ENHANCED + "DynamoDbEnhancedAsyncClient", V1 + "AmazonDynamoDB",
            V1 + "document.DynamoDB", V1 + "datamodeling.IDynamoDBMapper", "io.awspring.cloud.dynamodb.DynamoDbOperations");

    /** Table handles: the table (or index) is the handle's. */
    private static final Set<String> HANDLES = Set.of(ENHANCED + "DynamoDbTable", ENHANCED + "DynamoDbAsyncTable",
            ENHANCED + "DynamoDbIndex", ENHANCED + "DynamoDbAsyncIndex", V1 + "document.Table", V1 + "document.Index",
            V1 + "datamodeling.DynamoDBTableMapper");

    enum Kind {
        /** The scan is decided by the parameters {@link Effect#parameters()} of the summarised method. */
        FORWARDS,
        /** The wrapper's scan runs with this call's own request: the finding belongs at this call. */
        RUNS_HERE,
        /** A scan that was already placed deeper (at a library call, or at a call of a wrapper). */
        PLACED
    }

    /**
     * @param kind what a call of the summarised method means for the scan
     * @param parameters for {@link Kind#FORWARDS}: the indices of the parameters the scan comes from
     * @param via the library scan method, as messages name it
     */
    record Effect(Kind kind, Set<Integer> parameters, String via) {}

    private ScanWrappers() {}

    @Override
    public List<Effect> local(MethodCallExpr call, TypeResolver types) {
        if (!DynamoDbScan.isScanCall(call, types)) {
            return List.of();
        }
        Set<Integer> given = callerParameters(call, types);
        String via = call.getNameAsString() + "()";
        return List.of(given.isEmpty() ? new Effect(Kind.PLACED, Set.of(), via) : new Effect(Kind.FORWARDS, given, via));
    }

    @Override
    public Effect lift(Effect effect, MethodCallExpr call, MethodInfo callee) {
        if (effect.kind() != Kind.FORWARDS) {
            return new Effect(Kind.PLACED, Set.of(), effect.via());
        }
        Optional<CallableDeclaration<?>> caller = openMethod(call);
        Set<Integer> given = new TreeSet<>();
        for (int index : effect.parameters()) {
            if (index < call.getArguments().size() && caller.isPresent()) {
                given.addAll(parametersIn(call.getArgument(index), caller.get(), false, 0, null));
            }
        }
        return given.isEmpty() ? new Effect(Kind.RUNS_HERE, Set.of(), effect.via())
                : new Effect(Kind.FORWARDS, Set.copyOf(given), effect.via());
    }

    @Override
    public boolean seesCreations() {
        return true;
    }

    /**
     * Creating an object whose constructor keeps a scan request that the object runs later ({@code new
     * PageCursor(client, request)}): the scan is the creator's. It runs with this creation's own request unless the
     * kept arguments are, as written, parameters of the enclosing non-private method (then that method's callers
     * decide it, as for a scan wrapper).
     */
    @Override
    public List<Effect> creation(ObjectCreationExpr create, TypeResolver types, MethodSummaries summaries) {
        Optional<Captured> captured = captured(create, types, summaries);
        if (captured.isEmpty()) {
            return List.of();
        }
        Optional<CallableDeclaration<?>> holder = create.findAncestor(CallableDeclaration.class)
                .map(m -> (CallableDeclaration<?>) m);
        if (holder.isPresent() && captured.get().parameters().stream().anyMatch(index -> index < create.getArguments()
                .size() && requestFromCreator(create.getArgument(index), holder.get(), 0))) {
            // The next page of a scan this object's own creator described (new ScanPage(client, spec, request, ..)
            // inside the class that runs it): placed where that creator chose the request.
            return List.of(new Effect(Kind.PLACED, Set.of(), captured.get().via()));
        }
        Optional<CallableDeclaration<?>> caller = openMethod(create);
        Set<Integer> given = new TreeSet<>();
        for (int index : captured.get().parameters()) {
            if (index < create.getArguments().size() && caller.isPresent()) {
                given.addAll(parametersIn(create.getArgument(index), caller.get(), false, 0, types));
            }
        }
        return List.of(given.isEmpty() ? new Effect(Kind.RUNS_HERE, Set.of(), captured.get().via())
                : new Effect(Kind.FORWARDS, Set.copyOf(given), captured.get().via()));
    }

    /**
     * What a constructor keeps for a later scan: the indices of its parameters, and the scan as messages name it
     * ({@code PageCursor's scan()}).
     */
    record Captured(Set<Integer> parameters, String via) {}

    private record CapturedKey(String constructor) {}

    /**
     * The scan request a created project class keeps from its constructor's arguments, when the class runs a scan
     * with it ({@link #capturedScanParameters}); judged once per constructor and analysis, in the class's own file.
     */
    static Optional<Captured> captured(ObjectCreationExpr create, TypeResolver types, MethodSummaries summaries) {
        if (create.getAnonymousClassBody().isPresent()) {
            return Optional.empty();
        }
        Optional<ProjectType> type = types.resolve(create.getType()).flatMap(summaries.model()::type)
                .filter(t -> t.file() != null && summaries.mayHaveEffects(INSTANCE, t.file()));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int arity = create.getArguments().size();
        for (MethodInfo constructor : type.get().methods()) {
            if (!constructor.name().equals(MethodInfo.CONSTRUCTOR) || constructor.arity() != arity) {
                continue;
            }
            Optional<Captured> kept = summaries.memo(new CapturedKey(constructor.key()), () -> summaries
                    .declaration(constructor).filter(ConstructorDeclaration.class::isInstance)
                    .map(ConstructorDeclaration.class::cast).flatMap(c -> c.findCompilationUnit().flatMap(cu -> {
                        TypeResolver theirs = cu == types.compilationUnit() ? types : summaries.types(cu);
                        return capturedBy(c, theirs);
                    })));
            if (kept.isPresent()) {
                return kept;
            }
        }
        return Optional.empty();
    }

    private static Optional<Captured> capturedBy(ConstructorDeclaration constructor, TypeResolver types) {
        Set<Integer> parameters = new TreeSet<>();
        String via = capturedScanParameters(constructor, types, parameters);
        return parameters.isEmpty() ? Optional.empty()
                : Optional.of(new Captured(Set.copyOf(parameters), constructor.getNameAsString() + "'s " + via));
    }

    /** Whether the library scan {@code call} runs a scan that its method's caller or its object's creator decides. */
    static boolean isCallersScan(MethodCallExpr call, TypeResolver types) {
        if (!callerParameters(call, types).isEmpty()) {
            return true;
        }
        Optional<CallableDeclaration<?>> method = call.findAncestor(CallableDeclaration.class)
                .map(m -> (CallableDeclaration<?>) m);
        return method.isPresent() && call.getArguments().stream()
                .anyMatch(a -> requestFromCreator(a, method.get(), 0));
    }

    /** The parameters of the enclosing non-private method that decide the library scan {@code call}. */
    private static Set<Integer> callerParameters(MethodCallExpr call, TypeResolver types) {
        Optional<CallableDeclaration<?>> method = openMethod(call);
        if (method.isEmpty()) {
            return Set.of();
        }
        Set<Integer> out = new TreeSet<>();
        for (Expression argument : call.getArguments()) {
            out.addAll(parametersIn(argument, method.get(), false, 0, types));
        }
        // The receiver decides the table only when it is a table handle (a client or mapper does not).
        call.getScope().filter(scope -> decidesTable(scope, types))
                .ifPresent(scope -> out.addAll(parametersIn(scope, method.get(), false, 0, types)));
        return out;
    }

    /** A receiver that chooses the table: a table handle, a table lookup, or a helper of the class that makes one. */
    private static boolean decidesTable(Expression scope, TypeResolver types) {
        if (types.typeOf(scope).filter(t -> types.isSubtypeOfAny(t, HANDLES)).isPresent()) {
            return true;
        }
        return scope instanceof MethodCallExpr c && (TABLE_CHOICES.contains(c.getNameAsString())
                || c.getScope().isEmpty() || c.getScope().get() instanceof ThisExpr);
    }

    /** The enclosing method when the call is in its own body (not a lambda's) and the method is not private. */
    private static Optional<CallableDeclaration<?>> openMethod(Node node) {
        Optional<Node> owner = node.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof LambdaExpr,
                Node.class);
        if (owner.isEmpty() || !(owner.get() instanceof MethodDeclaration method) || method.isPrivate()) {
            return Optional.empty();
        }
        return Optional.of(method);
    }

    /**
     * The parameters that {@code e} is as written: the parameter itself, a local assigned from one, a call on
     * one ({@code spec.request().toBuilder()...}), a helper or static call given one, or a table choice
     * ({@code tableName(t)}, {@code table(t)}) given one. A fresh builder or object whose other setters read a
     * parameter is the method's own request: filter values do not make a wrapper.
     */
    private static Set<Integer> parametersIn(Expression e, CallableDeclaration<?> method, boolean inTableChoice,
            int depth, TypeResolver types) {
        Set<Integer> out = new TreeSet<>();
        if (depth > MAX_TRACE) {
            return out;
        }
        if (e instanceof EnclosedExpr en) {
            return parametersIn(en.getInner(), method, inTableChoice, depth + 1, types);
        }
        if (e instanceof CastExpr c) {
            return parametersIn(c.getExpression(), method, inTableChoice, depth + 1, types);
        }
        if (e instanceof NameExpr name) {
            int index = parameterIndex(method, name.getNameAsString());
            if (index >= 0) {
                // A plain value (a status, an id, a limit) fills a filter or a page size unless it names the table.
                boolean client = types != null && types.typeOf(name)
                        .filter(t -> types.isSubtypeOfAny(t, CLIENTS)).isPresent();
                if (!client && (inTableChoice || !isPlainValue((Parameter) method.getParameter(index)))) {
                    out.add(index);
                }
                return out;
            }
            for (Expression value : localValues(method, name.getNameAsString())) {
                out.addAll(parametersIn(value, method, inTableChoice, depth + 1, types));
            }
            return out;
        }
        if (e instanceof MethodCallExpr call) {
            Set<Integer> described = describedByParameters(call, method);
            if (!described.isEmpty()) {
                return described;
            }
            boolean choice = TABLE_CHOICES.contains(call.getNameAsString());
            boolean helper = call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr;
            if (choice || helper) {
                for (Expression a : call.getArguments()) {
                    out.addAll(parametersIn(a, method, true, depth + 1, types));
                }
            }
            if (call.getScope().isPresent() && !helper) {
                Expression scope = call.getScope().get();
                if (isTypeName(scope)) {
                    // Static helpers (DynamoDBMapper.applyUserAgent(request)) pass their arguments through.
                    for (Expression a : call.getArguments()) {
                        out.addAll(parametersIn(a, method, inTableChoice, depth + 1, types));
                    }
                } else {
                    out.addAll(parametersIn(scope, method, inTableChoice, depth + 1, types));
                }
            }
            return out;
        }
        if (e instanceof LambdaExpr lambda) {
            // A consumer builder: scan(r -> r.tableName(table)).
            for (MethodCallExpr c : lambda.getBody().findAll(MethodCallExpr.class)) {
                if (TABLE_CHOICES.contains(c.getNameAsString())) {
                    for (Expression a : c.getArguments()) {
                        out.addAll(parametersIn(a, method, true, depth + 1, types));
                    }
                }
            }
            return out;
        }
        return out;
    }

    /**
     * A fresh request or spec whose every setter is given, as written, a parameter of the method (or a getter of one),
     * one of them more than a plain value ({@code new ScanSpec().withScanFilters(filters)}, {@code
     * ScanEnhancedRequest.builder().filterExpression(expression).build()}, {@code new ScanSpec()
     * .withFilterExpression(expression).withNameMap(names).withValueMap(values)}): the method adds nothing of its own
     * (no table, no condition, no constant), so the request is its caller's in another form, and the method is a
     * scan wrapper. The indices of those parameters, or none. A request with a value of the method's own (a table
     * name, a filter expression written out) is the method's, whatever its caller fills in.
     */
    private static Set<Integer> describedByParameters(MethodCallExpr chain, CallableDeclaration<?> method) {
        Set<Integer> out = new TreeSet<>();
        boolean structured = false;
        Expression e = chain;
        while (e instanceof MethodCallExpr call) {
            Optional<Expression> scope = call.getScope();
            boolean root = scope.isEmpty() || isTypeName(scope.get());
            if (root) {
                // ScanRequest.builder(): the start of a fresh builder
                return call.getArguments().isEmpty() && call.getNameAsString().equals("builder") && !out.isEmpty()
                        && structured ? out : Set.of();
            }
            for (Expression a : call.getArguments()) {
                // the parameter, or one of its getters: withFilterExpression(spec.getFilterExpression())
                Expression given = a instanceof MethodCallExpr getter && getter.getArguments().isEmpty()
                        && getter.getNameAsString().startsWith("get") && getter.getScope().isPresent()
                        ? getter.getScope().get() : a;
                int index = given instanceof NameExpr n ? parameterIndex(method, n.getNameAsString()) : -1;
                if (index < 0) {
                    return Set.of();
                }
                out.add(index);
                structured |= !isPlainValue((Parameter) method.getParameter(index));
            }
            e = scope.get();
        }
        return e instanceof ObjectCreationExpr o && o.getArguments().isEmpty() && o.getAnonymousClassBody().isEmpty()
                && !out.isEmpty() && structured ? out : Set.of();
    }

    /** A scope written as a type name ({@code DynamoDBMapper}, {@code Objects}): starts with a capital, not a local. */
    private static boolean isTypeName(Expression scope) {
        if (scope instanceof NameExpr n) {
            return Character.isUpperCase(n.getNameAsString().charAt(0));
        }
        return scope instanceof FieldAccessExpr f && Character.isUpperCase(f.getNameAsString().charAt(0))
                && !(f.getScope() instanceof ThisExpr);
    }

    private static final Set<String> PLAIN_VALUES = Set.of("String", "CharSequence", "int", "long", "short", "byte",
            "boolean", "char", "double", "float", "Integer", "Long", "Short", "Byte", "Boolean", "Character",
            "Double", "Float", "UUID", "Instant", "LocalDate");

    private static boolean isPlainValue(Parameter p) {
        String t = p.getType().asString();
        String simple = t.substring(t.lastIndexOf('.') + 1);
        return PLAIN_VALUES.contains(simple);
    }

    private static int parameterIndex(CallableDeclaration<?> method, String name) {
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (((Parameter) method.getParameter(i)).getNameAsString().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The values a local variable of {@code method} is declared or assigned with (in its own body). */
    private static List<Expression> localValues(CallableDeclaration<?> method, String name) {
        List<Expression> values = new java.util.ArrayList<>();
        boolean declared = false;
        for (VariableDeclarator v : method.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name))) {
            if (v.getParentNode().filter(FieldDeclaration.class::isInstance).isPresent()) {
                continue;
            }
            declared = true;
            v.getInitializer().ifPresent(values::add);
        }
        if (!declared) {
            return values; // a field of that name
        }
        for (AssignExpr a : method.findAll(AssignExpr.class, a -> a.getOperator() == AssignExpr.Operator.ASSIGN
                && a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name))) {
            values.add(a.getValue());
        }
        return values;
    }

    // ---- requests handed over by the object's creator -------------------------------------------------------

    /**
     * Whether the request {@code e} is (or is read from) a field that the class's constructors set from their
     * parameters and that other methods only set from itself (the next page's request built from the last
     * one): a lazy list or iterator running, page by page, a scan that whoever created it described.
     */
    private static boolean requestFromCreator(Expression e, CallableDeclaration<?> method, int depth) {
        return creatorField(e, method, depth).isPresent();
    }

    /** The field of {@link #requestFromCreator} that {@code e} is or is read from. */
    private static Optional<String> creatorField(Expression e, CallableDeclaration<?> method, int depth) {
        if (depth > MAX_TRACE) {
            return Optional.empty();
        }
        if (e instanceof EnclosedExpr en) {
            return creatorField(en.getInner(), method, depth + 1);
        }
        if (e instanceof CastExpr c) {
            return creatorField(c.getExpression(), method, depth + 1);
        }
        if (e instanceof MethodCallExpr call) {
            if (call.getScope().isPresent() && isTypeName(call.getScope().get())) {
                return call.getArguments().stream().map(a -> creatorField(a, method, depth + 1))
                        .flatMap(Optional::stream).findFirst();
            }
            return call.getScope().filter(s -> !(s instanceof ThisExpr))
                    .flatMap(s -> creatorField(s, method, depth + 1));
        }
        String field;
        if (e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            field = f.getNameAsString();
        } else if (e instanceof NameExpr n) {
            if (parameterIndex(method, n.getNameAsString()) >= 0) {
                return Optional.empty();
            }
            List<Expression> values = localValues(method, n.getNameAsString());
            if (!values.isEmpty()) {
                return values.stream().map(v -> creatorField(v, method, depth + 1)).flatMap(Optional::stream)
                        .findFirst();
            }
            field = n.getNameAsString();
        } else {
            return Optional.empty();
        }
        return setByCreator(method, field) ? Optional.of(field) : Optional.empty();
    }

    /**
     * The parameters of {@code constructor} whose values become a scan request that its class runs later (a field
     * set from them that a library scan call of the class reads, {@link #requestFromCreator}), as indices added to
     * {@code out}; returns the scan method as messages name it. The scan calls are matched with {@code types}, the
     * resolver of the class's own file.
     */
    private static String capturedScanParameters(ConstructorDeclaration constructor, TypeResolver types,
            Set<Integer> out) {
        Optional<TypeDeclaration<?>> owner = constructor.getParentNode().filter(TypeDeclaration.class::isInstance)
                .map(t -> (TypeDeclaration<?>) t);
        if (owner.isEmpty()) {
            return "";
        }
        String via = "";
        Set<String> fields = new TreeSet<>();
        for (MethodCallExpr call : owner.get().findAll(MethodCallExpr.class)) {
            Optional<CallableDeclaration<?>> method = call.findAncestor(CallableDeclaration.class)
                    .<CallableDeclaration<?>>map(m -> (CallableDeclaration<?>) m)
                    .filter(m -> m.getParentNode().orElse(null) == owner.get());
            if (method.isEmpty() || !DynamoDbScan.isScanCall(call, types)) {
                continue;
            }
            for (Expression argument : call.getArguments()) {
                Optional<String> field = creatorField(argument, method.get(), 0);
                if (field.isPresent() && fields.add(field.get()) && via.isEmpty()) {
                    via = call.getNameAsString() + "()";
                }
            }
        }
        for (AssignExpr a : constructor.findAll(AssignExpr.class, a -> a.getOperator() == AssignExpr.Operator.ASSIGN
                && fields.stream().anyMatch(f -> assignsField(a.getTarget(), f)))) {
            for (NameExpr n : a.getValue().findAll(NameExpr.class)) {
                int index = parameterIndex(constructor, n.getNameAsString());
                if (index >= 0) {
                    out.add(index);
                }
            }
        }
        return via;
    }

    private static boolean setByCreator(CallableDeclaration<?> method, String field) {
        Optional<TypeDeclaration<?>> type = method.getParentNode().filter(TypeDeclaration.class::isInstance)
                .map(t -> (TypeDeclaration<?>) t);
        if (type.isEmpty()) {
            return false;
        }
        Optional<VariableDeclarator> declared = type.get().getFields().stream()
                .flatMap(f -> f.getVariables().stream()).filter(v -> v.getNameAsString().equals(field)).findFirst();
        if (declared.isEmpty() || declared.get().getInitializer().isPresent()
                || declared.get().getTypeAsString().equals("String")) {
            return false;
        }
        boolean fromConstructor = false;
        for (AssignExpr a : type.get().findAll(AssignExpr.class, a -> a.getOperator() == AssignExpr.Operator.ASSIGN
                && assignsField(a.getTarget(), field))) {
            Optional<CallableDeclaration> where = a.findAncestor(CallableDeclaration.class);
            if (where.isEmpty()) {
                return false;
            }
            if (where.get() instanceof ConstructorDeclaration constructor) {
                boolean given = a.getValue().findAll(NameExpr.class).stream()
                        .anyMatch(n -> parameterIndex(constructor, n.getNameAsString()) >= 0);
                if (!given) {
                    return false;
                }
                fromConstructor = true;
            } else if (a.getValue().findAll(NameExpr.class).stream().noneMatch(n -> n.getNameAsString().equals(field))
                    && a.getValue().findAll(FieldAccessExpr.class).stream()
                            .noneMatch(f -> f.getNameAsString().equals(field))) {
                return false; // a request built afresh elsewhere in the class
            }
        }
        return fromConstructor;
    }

    private static boolean assignsField(Expression target, String field) {
        return target instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                && f.getNameAsString().equals(field)
                || target instanceof NameExpr n && n.getNameAsString().equals(field);
    }
}
