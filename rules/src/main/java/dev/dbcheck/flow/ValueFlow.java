package dev.dbcheck.flow;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.rule.MemoKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one value-flow analysis of a file, shared by every rule ({@link #of(JavaContext)}): which variable a
 * name refers to, where a variable gets its values and where it is read (backwards: "what builds this
 * request?"), and what a method does with a value it produced (forwards: "is this result read, returned or
 * dropped?"). Lambdas, method references and anonymous classes are followed: an expression lambda returns
 * its value, a continuation's parameter receives it, a loader or callback runs where it is passed.
 *
 * <p>Names are resolved once, by Java's scoping (blocks, loops, resources, catch clauses, lambdas, methods,
 * fields of the enclosing and anonymous classes); the names of each method are indexed once (of the file, for
 * fields), and every variable's definitions and reads, and every producer's uses, are computed once and reused. Anything the analysis cannot follow counts as an
 * escape (forwards) or is left out (backwards), so rules built on it err towards silence.
 */
public final class ValueFlow {

    /**
     * A variable of this file: a local, a parameter (of a method, constructor, lambda or catch clause) or a
     * field of a type declared here.
     *
     * @param declaration the {@link VariableDeclarator} or {@link Parameter} that declares it
     */
    public record Variable(String name, Node declaration) {

        /** A field (of a class, record or anonymous class) rather than a local or parameter. */
        public boolean isField() {
            return declaration.getParentNode().filter(p -> p instanceof FieldDeclaration
                    || p instanceof RecordDeclaration).isPresent();
        }

        /** The initialiser of a declared local or field. */
        public Optional<Expression> initializer() {
            return declaration instanceof VariableDeclarator d ? d.getInitializer() : Optional.empty();
        }
    }

    /** Calls that hand back the value a future holds. */
    private static final Set<String> FUTURE_UNWRAP = Set.of("join", "get", "getNow", "resultNow");

    /** Future continuations whose callback receives the value as its first parameter. */
    private static final Set<String> FUTURE_CONTINUATIONS = Set.of("thenApply", "thenApplyAsync", "thenAccept",
            "thenAcceptAsync", "thenCompose", "thenComposeAsync", "whenComplete", "whenCompleteAsync", "handle",
            "handleAsync");

    /** Calls whose callback's result is dropped: a value an expression lambda returns there is discarded. */
    private static final Set<String> VOID_CALLBACKS = Set.of("forEach", "forEachOrdered", "execute", "runAsync",
            "ifPresent", "ifPresentOrElse", "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync", "peek",
            "forEachRemaining");

    /** Calls that keep the callback's result in the future they return. */
    private static final Set<String> FUTURE_PRODUCERS = Set.of("supplyAsync", "submit", "submitListenable", "thenApply",
            "thenApplyAsync", "thenCompose", "thenComposeAsync", "handle", "handleAsync");

    private static final int MAX_DEPTH = 8;

    private final TypeResolver types;
    private final Map<Node, Map<String, List<Expression>>> mentionIndex = new IdentityHashMap<>();
    private final Map<Expression, Optional<Variable>> resolved = new IdentityHashMap<>();
    private final Map<Node, List<Expression>> readsOf = new IdentityHashMap<>();
    private final Map<Node, List<AssignExpr>> assignmentsOf = new IdentityHashMap<>();
    private final Map<Expression, ValueUse> usesOf = new IdentityHashMap<>();

    public ValueFlow(TypeResolver types) {
        this.types = types;
    }

    private static final MemoKey<ValueFlow> KEY = MemoKey.of("value flow");

    /** The file's analysis, computed for the first rule that asks and shared with the others. */
    public static ValueFlow of(JavaContext context) {
        return context.memo(KEY, () -> new ValueFlow(context.types()));
    }

    // ---- variables ---------------------------------------------------------------------------------------

    /** The variable {@code e} names: a simple name, or {@code this.name}. */
    public Optional<Variable> variableOf(Expression e) {
        if (!(e instanceof NameExpr) && !(e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr)) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(e, this::resolve);
    }

    /** The variable a declarator or parameter declares. */
    public static Variable declaredBy(VariableDeclarator declarator) {
        return new Variable(declarator.getNameAsString(), declarator);
    }

    /** The variable a parameter declares. */
    public static Variable declaredBy(Parameter parameter) {
        return new Variable(parameter.getNameAsString(), parameter);
    }

    /** Every read of {@code v} in the file (assignment targets are writes, not reads). */
    public List<Expression> reads(Variable v) {
        return readsOf.computeIfAbsent(v.declaration(), d -> {
            List<Expression> out = new ArrayList<>();
            for (Expression m : mentions(v)) {
                if (!isAssignmentTarget(m) && variableOf(m).filter(x -> x.declaration() == d).isPresent()) {
                    out.add(m);
                }
            }
            return List.copyOf(out);
        });
    }

    /** Every assignment to {@code v} in the file, plain ({@code =}) and compound ({@code *=}, {@code +=}...). */
    public List<AssignExpr> assignments(Variable v) {
        return assignmentsOf.computeIfAbsent(v.declaration(), d -> {
            List<AssignExpr> out = new ArrayList<>();
            for (Expression m : mentions(v)) {
                if (isAssignmentTarget(m) && variableOf(m).filter(x -> x.declaration() == d).isPresent()) {
                    out.add((AssignExpr) m.getParentNode().get());
                }
            }
            return List.copyOf(out);
        });
    }

    /** The values {@code v} is given: its initialiser and the right-hand side of every assignment. */
    public List<Expression> values(Variable v) {
        List<Expression> out = new ArrayList<>();
        v.initializer().ifPresent(out::add);
        for (AssignExpr a : assignments(v)) {
            out.add(a.getValue());
        }
        return out;
    }

    /**
     * The one value the variable {@code name} ever holds: the initialiser of a local or field that is never
     * assigned; for a name this file does not declare (an inherited field, a static import), the initialiser
     * the type resolver finds. Empty for parameters and for variables assigned more than once.
     */
    public Optional<Expression> onlyValue(Expression name) {
        Optional<Variable> v = variableOf(name);
        if (v.isPresent()) {
            return assignments(v.get()).isEmpty() ? v.get().initializer() : Optional.empty();
        }
        return name instanceof NameExpr n ? types.initializerOf(n) : Optional.empty();
    }

    /** Whether a {@code ++}/{@code --} or compound assignment changes {@code v}. */
    public boolean isUpdated(Variable v) {
        if (assignments(v).stream().anyMatch(a -> a.getOperator() != AssignExpr.Operator.ASSIGN)) {
            return true;
        }
        for (Expression read : reads(v)) {
            if (read.getParentNode().orElse(null) instanceof UnaryExpr u && (u.getOperator().isPrefix()
                    || u.getOperator().isPostfix()) && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
                    && u.getOperator() != UnaryExpr.Operator.MINUS && u.getOperator() != UnaryExpr.Operator.PLUS
                    && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT) {
                return true;
            }
        }
        return false;
    }

    // ---- backwards: what builds a value -----------------------------------------------------------------

    /**
     * {@code value} and, transitively, every value given to a variable it reads (initialisers and
     * assignments, of locals and of this file's fields), nearest first. A value handed to a builder through a
     * lambda ({@code r -> r.tableName("orders")}) is part of the expression and so is found too.
     */
    public List<Expression> sources(Expression value) {
        List<Expression> out = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Expression> queue = new ArrayDeque<>();
        Map<Expression, Integer> depth = new IdentityHashMap<>();
        queue.add(value);
        depth.put(value, 0);
        while (!queue.isEmpty()) {
            Expression e = queue.poll();
            if (!seen.add(e)) {
                continue;
            }
            out.add(e);
            int d = depth.get(e);
            if (d >= MAX_DEPTH) {
                continue;
            }
            List<Expression> names = new ArrayList<>(e.findAll(NameExpr.class));
            e.findAll(FieldAccessExpr.class, f -> f.getScope() instanceof ThisExpr).forEach(names::add);
            for (Expression name : names) {
                Optional<Variable> v = variableOf(name);
                // A name this file does not declare (an inherited field): what the type resolver knows of it.
                List<Expression> values = v.isPresent() ? values(v.get())
                        : name instanceof NameExpr n ? types.initializerOf(n).map(List::of).orElse(List.of()) : List.of();
                for (Expression source : values) {
                    if (!source.isAncestorOf(name) && depth.putIfAbsent(source, d + 1) == null) {
                        queue.add(source);
                    }
                }
            }
        }
        return out;
    }

    /** Every call named one of {@code names} in the expressions that build {@code value} ({@link #sources}). */
    public List<MethodCallExpr> callsBuilding(Expression value, Set<String> names) {
        List<MethodCallExpr> found = new ArrayList<>();
        for (Expression source : sources(value)) {
            source.findAll(MethodCallExpr.class, c -> names.contains(c.getNameAsString())).forEach(found::add);
        }
        return found;
    }

    /** The first argument of the first call named one of {@code names} that builds {@code value}, as a constant. */
    public Optional<String> constantArgument(Expression value, Set<String> names, ConstantEvaluator constants) {
        for (MethodCallExpr call : callsBuilding(value, names)) {
            if (!call.getArguments().isEmpty()) {
                Optional<String> s = constants.stringValue(call.getArgument(0));
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    // ---- forwards: what the method does with a value ----------------------------------------------------

    /** What the code around {@code producer} does with the value {@code producer} evaluates to. */
    public ValueUse usesOf(Expression producer) {
        ValueUse cached = usesOf.get(producer);
        if (cached != null) {
            return cached;
        }
        Accumulator acc = new Accumulator();
        follow(producer, acc, 0);
        ValueUse use = new ValueUse(acc.escapes, acc.methods, Optional.ofNullable(acc.variable));
        usesOf.put(producer, use);
        return use;
    }

    private static final class Accumulator {
        boolean escapes;
        final Set<String> methods = new HashSet<>();
        String variable;
        /** The last continuation was a reference to a method of the value itself, recorded as a call. */
        boolean handledByReference;
        final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Classifies one occurrence of the value: {@code value} is the producer or a name that holds it. */
    private void follow(Expression value, Accumulator acc, int depth) {
        if (depth > MAX_DEPTH || !acc.seen.add(value)) {
            return;
        }
        Node parent = value.getParentNode().orElse(null);
        if (parent == null) {
            return;
        }
        if (parent instanceof ExpressionStmt stmt) {
            // An expression lambda's body is an expression statement: the lambda returns the value.
            if (stmt.getParentNode().orElse(null) instanceof LambdaExpr lambda) {
                followLambdaResult(lambda, acc, depth + 1);
            }
            return; // otherwise discarded
        }
        if (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            follow((Expression) parent, acc, depth + 1);
            return;
        }
        if (parent instanceof ConditionalExpr c) {
            if (c.getCondition() != value) {
                follow(c, acc, depth + 1);
            }
            return;
        }
        if (parent instanceof MethodCallExpr call) {
            if (call.getScope().filter(s -> s == value).isPresent()) {
                followReceiver(call, acc, depth);
                return;
            }
            if (isCallbackRegistration(call) && call.getArgument(0) == value && call.getArguments().size() >= 2) {
                // Futures.addCallback(future, callback, executor): the callback's onSuccess receives the value.
                followCallback(call.getArgument(1), acc, depth);
                return;
            }
            acc.escapes = true; // an argument of another method
            return;
        }
        if (parent instanceof BinaryExpr || parent instanceof InstanceOfExpr) {
            return; // null checks and the like read the reference, not the contents
        }
        if (parent instanceof IfStmt || parent instanceof WhileStmt || parent instanceof DoStmt
                || parent instanceof ForStmt) {
            return;
        }
        if (parent instanceof ForEachStmt each && each.getIterable() == value) {
            acc.methods.add("iterator");
            return;
        }
        if (parent instanceof VariableDeclarator declarator && declarator.getInitializer().filter(i -> i == value)
                .isPresent()) {
            followVariable(declaredBy(declarator), acc, depth + 1);
            return;
        }
        if (parent instanceof AssignExpr assign) {
            if (assign.getTarget() == value) {
                return; // overwritten, not read
            }
            Optional<Variable> target = variableOf(assign.getTarget());
            if (assign.getOperator() == AssignExpr.Operator.ASSIGN && target.isPresent() && !target.get().isField()) {
                followVariable(target.get(), acc, depth + 1);
                if (!(assign.getParentNode().orElse(null) instanceof ExpressionStmt)) {
                    follow(assign, acc, depth + 1);
                }
                return;
            }
            acc.escapes = true; // stored in a field or an array
            return;
        }
        if (parent instanceof ReturnStmt ret && enclosingBody(ret) instanceof LambdaExpr lambda) {
            followLambdaResult(lambda, acc, depth + 1);
            return;
        }
        // return, throw, array initialisers, constructor arguments, yields, ...: out of this method's sight
        acc.escapes = true;
    }

    /** A method called on the value: record it; unwrap futures; follow continuations into their callback. */
    private void followReceiver(MethodCallExpr call, Accumulator acc, int depth) {
        String name = call.getNameAsString();
        acc.methods.add(name);
        if (FUTURE_UNWRAP.contains(name)) {
            follow(call, acc, depth + 1);
        } else if (name.equals("addCallback") && !call.getArguments().isEmpty()) {
            // Spring's ListenableFuture.addCallback(callback) or addCallback(onSuccess, onFailure).
            followCallback(call.getArgument(0), acc, depth);
        } else if (FUTURE_CONTINUATIONS.contains(name) && !call.getArguments().isEmpty()) {
            Optional<Parameter> receiver = callbackParameter(call.getArgument(0), acc);
            if (receiver.isPresent()) {
                followVariable(declaredBy(receiver.get()), acc, depth + 1);
            } else if (!acc.handledByReference) {
                acc.escapes = true;
            }
            acc.handledByReference = false;
        }
    }

    /**
     * Guava's {@code Futures.addCallback(future, callback[, executor])}, which hands the future's value to the
     * callback's {@code onSuccess} (com.google.common.util.concurrent.Futures).
     */
    private boolean isCallbackRegistration(MethodCallExpr call) {
        if (!call.getNameAsString().equals("addCallback") || call.getArguments().size() < 2) {
            return false;
        }
        Optional<String> owner = call.getScope().isPresent() ? types.typeReferencedBy(call.getScope().get())
                : types.staticImportOwner("addCallback");
        return owner.filter(GUAVA_FUTURES::equals).isPresent();
    }

    private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";

    /**
     * A result delivered to an async handler is a result: the value is followed into the parameter of the
     * handler's {@code onSuccess} (Guava's {@code FutureCallback}, Spring's {@code ListenableFutureCallback} and
     * {@code SuccessCallback}), of a lambda, or of a method reference of this class; a handler that cannot be seen
     * into is an escape.
     */
    private void followCallback(Expression callback, Accumulator acc, int depth) {
        Optional<Parameter> receiver = Optional.empty();
        if (callback instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
            for (BodyDeclaration<?> member : anonymous.getAnonymousClassBody().get()) {
                if (member instanceof MethodDeclaration m && m.getNameAsString().equals("onSuccess")
                        && m.getParameters().size() == 1) {
                    receiver = Optional.of(m.getParameter(0));
                }
            }
        } else {
            receiver = callbackParameter(callback, acc);
        }
        if (receiver.isPresent()) {
            followVariable(declaredBy(receiver.get()), acc, depth + 1);
        } else if (!acc.handledByReference) {
            acc.escapes = true;
        }
        acc.handledByReference = false;
    }

    /**
     * The parameter of a continuation callback that receives the value: a lambda's first parameter, the first
     * parameter of a method of this file named by a method reference ({@code this::handle}), or of the one
     * method of an anonymous class. A reference to a method of the value itself ({@code Response::items})
     * is recorded as that call.
     */
    private Optional<Parameter> callbackParameter(Expression callback, Accumulator acc) {
        if (callback instanceof LambdaExpr lambda) {
            return lambda.getParameters().isEmpty() ? Optional.empty() : Optional.of(lambda.getParameter(0));
        }
        if (callback instanceof MethodReferenceExpr ref) {
            Optional<MethodDeclaration> target = referencedMethod(ref);
            if (target.isPresent() && !target.get().getParameters().isEmpty()) {
                return Optional.of(target.get().getParameter(0));
            }
            if (ref.getScope() instanceof TypeExpr) {
                acc.methods.add(ref.getIdentifier());
                acc.handledByReference = true;
            }
            return Optional.empty();
        }
        if (callback instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
            List<MethodDeclaration> methods = new ArrayList<>();
            for (BodyDeclaration<?> member : anonymous.getAnonymousClassBody().get()) {
                if (member instanceof MethodDeclaration m && !m.isStatic() && !m.getParameters().isEmpty()) {
                    methods.add(m);
                }
            }
            return methods.size() == 1 ? Optional.of(methods.get(0).getParameter(0)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code this::handle} or {@code handle} of this class by a simple type name: the method, if unique. */
    private static Optional<MethodDeclaration> referencedMethod(MethodReferenceExpr ref) {
        Optional<TypeDeclaration<?>> owner = ref.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        boolean ownType = ref.getScope() instanceof ThisExpr || ref.getScope() instanceof TypeExpr t
                && t.getType().asString().equals(owner.get().getNameAsString());
        if (!ownType) {
            return Optional.empty();
        }
        List<MethodDeclaration> candidates = owner.get().getMethodsByName(ref.getIdentifier());
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /**
     * The value is the result of a lambda: dropped when the lambda is a callback whose result nobody reads
     * ({@code forEach}, {@code execute}, {@code thenAccept}); held in the future a producer returns
     * ({@code supplyAsync}, {@code submit}, {@code thenApply}); otherwise handed to code this file does not
     * show (an escape).
     */
    private void followLambdaResult(LambdaExpr lambda, Accumulator acc, int depth) {
        Node parent = lambda.getParentNode().orElse(null);
        if (parent instanceof MethodCallExpr call && call.getArguments().contains(lambda)) {
            String name = call.getNameAsString();
            if (VOID_CALLBACKS.contains(name)) {
                return;
            }
            if (FUTURE_PRODUCERS.contains(name)) {
                follow(call, acc, depth + 1);
                return;
            }
        }
        acc.escapes = true;
    }

    private void followVariable(Variable v, Accumulator acc, int depth) {
        if (acc.variable == null) {
            acc.variable = v.name();
        }
        if (v.isField()) {
            acc.escapes = true;
            return;
        }
        for (Expression read : reads(v)) {
            follow(read, acc, depth);
        }
    }

    // ---- name resolution --------------------------------------------------------------------------------

    /**
     * The simple names and {@code this.x} accesses that could mean {@code v}: in the member (method,
     * constructor, initialiser) that declares a local or parameter, in the whole file for a field. Indexed once
     * per member and once per file.
     */
    private List<Expression> mentions(Variable v) {
        Node scope = v.isField() ? v.declaration().findCompilationUnit().map(Node.class::cast).orElse(null)
                : v.declaration().findAncestor(BodyDeclaration.class).map(Node.class::cast).orElse(null);
        if (scope == null) {
            return List.of();
        }
        return mentionIndex.computeIfAbsent(scope, ValueFlow::indexMentions).getOrDefault(v.name(), List.of());
    }

    private static Map<String, List<Expression>> indexMentions(Node scope) {
        Map<String, List<Expression>> index = new HashMap<>();
        for (NameExpr n : scope.findAll(NameExpr.class)) {
            index.computeIfAbsent(n.getNameAsString(), k -> new ArrayList<>()).add(n);
        }
        for (FieldAccessExpr f : scope.findAll(FieldAccessExpr.class, f -> f.getScope() instanceof ThisExpr)) {
            index.computeIfAbsent(f.getNameAsString(), k -> new ArrayList<>()).add(f);
        }
        return index;
    }

    private static boolean isAssignmentTarget(Expression e) {
        return e.getParentNode().filter(p -> p instanceof AssignExpr a && a.getTarget() == e).isPresent();
    }

    /** Java's scoping, innermost first: locals declared earlier in an enclosing block, parameters, fields. */
    private Optional<Variable> resolve(Expression mention) {
        String name = mention instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) mention).getNameAsString();
        boolean fieldOnly = mention instanceof FieldAccessExpr;
        Node child = mention;
        Node scope = mention.getParentNode().orElse(null);
        while (scope != null) {
            Optional<Node> declaration = fieldOnly && !(scope instanceof TypeDeclaration<?>)
                    && !(scope instanceof ObjectCreationExpr) ? Optional.empty() : declaredIn(scope, child, name);
            if (declaration.isPresent()) {
                return Optional.of(new Variable(name, declaration.get()));
            }
            if (fieldOnly && (scope instanceof TypeDeclaration<?> || scope instanceof ObjectCreationExpr o
                    && o.getAnonymousClassBody().isPresent() && child instanceof BodyDeclaration<?>)) {
                return Optional.empty(); // this.x names the innermost class's field only
            }
            child = scope;
            scope = scope.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    private static Optional<Node> declaredIn(Node scope, Node child, String name) {
        List<VariableDeclarator> locals = new ArrayList<>();
        if (scope instanceof com.github.javaparser.ast.nodeTypes.NodeWithStatements<?> block
                && !(scope instanceof TypeDeclaration<?>)) {
            Position before = child.getBegin().orElse(null);
            for (VariableDeclarationExpr v : block.getStatements().stream()
                    .filter(s -> s instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr
                            && before != null && s.getBegin().filter(b -> b.isBefore(before)).isPresent())
                    .map(s -> (VariableDeclarationExpr) ((ExpressionStmt) s).getExpression()).toList()) {
                locals.addAll(v.getVariables());
            }
        } else if (scope instanceof ForStmt f) {
            f.getInitialization().stream().filter(VariableDeclarationExpr.class::isInstance)
                    .forEach(v -> locals.addAll(((VariableDeclarationExpr) v).getVariables()));
        } else if (scope instanceof ForEachStmt f && f.getBody() == child) {
            locals.addAll(f.getVariable().getVariables());
        } else if (scope instanceof com.github.javaparser.ast.stmt.TryStmt t) {
            t.getResources().stream().filter(VariableDeclarationExpr.class::isInstance)
                    .forEach(v -> locals.addAll(((VariableDeclarationExpr) v).getVariables()));
        } else if (scope instanceof CatchClause c) {
            return named(List.of(c.getParameter()), name);
        } else if (scope instanceof LambdaExpr lambda) {
            return named(lambda.getParameters(), name);
        } else if (scope instanceof CallableDeclaration<?> callable) {
            return named(callable.getParameters(), name);
        } else if (scope instanceof TypeDeclaration<?> type) {
            Optional<Node> field = fieldIn(type.getMembers(), name);
            if (field.isEmpty() && type instanceof RecordDeclaration record) {
                return named(record.getParameters(), name);
            }
            return field;
        } else if (scope instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()
                && child instanceof BodyDeclaration<?>) {
            return fieldIn(anonymous.getAnonymousClassBody().get(), name);
        }
        for (int i = locals.size() - 1; i >= 0; i--) {
            if (locals.get(i).getNameAsString().equals(name)) {
                return Optional.of(locals.get(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<Node> named(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> p.getNameAsString().equals(name)).map(p -> (Node) p).findFirst();
    }

    private static Optional<Node> fieldIn(NodeList<BodyDeclaration<?>> members, String name) {
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator d : field.getVariables()) {
                    if (d.getNameAsString().equals(name)) {
                        return Optional.of(d);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The body of the method, constructor, initialiser or lambda that contains {@code node}. */
    public static Node enclosingBody(Node node) {
        Node n = node;
        while (n != null) {
            if (n instanceof CallableDeclaration<?> || n instanceof InitializerDeclaration
                    || n instanceof LambdaExpr) {
                return n;
            }
            n = n.getParentNode().orElse(null);
        }
        return null;
    }
}
