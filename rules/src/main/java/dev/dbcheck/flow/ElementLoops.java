package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loops that run their body once per element of a collection: {@code for (x : xs)}, counted {@code for}
 * loops, {@code while} loops that take the next element from an iterator or queue, and stream or
 * {@code Iterable.forEach} lambdas. For each it knows the names bound to the current element: the loop
 * variable and every local of the body computed from it, so a rule can ask whether a call's arguments come
 * from the element (a key per element) or not (a retry of the same request).
 *
 * <p>Not per-element loops: loops over result pages (one iteration per page), loops with a small constant
 * number of iterations ({@code List.of(a, b)}, {@code for (int i = 0; i < 3; i++)}), and lambdas of calls
 * that do not iterate ({@code Optional.map}, request-builder consumers).
 */
public final class ElementLoops {

    /** At most this many iterations counts as "a small constant number": a handful of fixed keys. */
    public static final int SMALL_CONSTANT_LOOP = 3;

    private static final Set<String> ITERATING_TYPES = Set.of("java.lang.Iterable", "java.util.Map",
            "java.util.stream.BaseStream");
    private static final Set<String> STREAM_OPERATIONS = Set.of("forEach", "forEachOrdered", "map", "flatMap",
            "mapToObj", "peek", "filter", "anyMatch", "allMatch", "noneMatch", "replaceAll");
    private static final Set<String> NEXT_ELEMENT = Set.of("next", "poll", "pollFirst", "pollLast", "pop",
            "take", "remove", "removeFirst", "removeLast", "nextElement");
    private static final Set<String> LITERAL_COLLECTIONS = Set.of("of", "asList");

    /**
     * A per-element loop.
     *
     * @param loop the loop statement or the lambda
     * @param over what it iterates, as written (for messages)
     * @param elementNames the loop variable(s) and the locals of the body computed from them
     */
    public record ElementLoop(Node loop, String over, Set<String> elementNames) {

        /** Whether {@code e} uses the current element (directly or through a local computed from it). */
        public boolean uses(Node e) {
            if (e instanceof NameExpr n && elementNames.contains(n.getNameAsString())) {
                return true;
            }
            return e.findFirst(NameExpr.class, n -> elementNames.contains(n.getNameAsString())).isPresent();
        }

        public int line() {
            return loop.getBegin().map(p -> p.line).orElse(0);
        }
    }

    private final TypeResolver types;
    private final ConstantEvaluator constants;
    private final Set<String> pageTypes;

    /**
     * @param pageTypes types whose iteration yields pages of results, not items (a loop over them runs once
     *     per page)
     */
    public ElementLoops(TypeResolver types, ConstantEvaluator constants, Set<String> pageTypes) {
        this.types = types;
        this.constants = constants;
        this.pageTypes = pageTypes;
    }

    /**
     * The per-element loops around {@code node} in its method, innermost first. A lambda that is not an
     * iteration (a request-builder consumer) is looked through; a method, constructor or type ends the search.
     */
    public List<ElementLoop> enclosing(Node node) {
        List<ElementLoop> loops = new java.util.ArrayList<>();
        Node child = node;
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent()) {
            Node p = parent.get();
            if (p instanceof CallableDeclaration<?> || p instanceof TypeDeclaration<?>) {
                break;
            }
            elementLoop(p, child).ifPresent(loops::add);
            child = p;
            parent = p.getParentNode();
        }
        return loops;
    }

    private Optional<ElementLoop> elementLoop(Node p, Node child) {
        if (p instanceof ForEachStmt f && child == f.getBody()) {
            if (isSmallLiteral(f.getIterable()) || iteratesPages(f)) {
                return Optional.empty();
            }
            Set<String> names = new HashSet<>();
            f.getVariable().getVariables().forEach(v -> names.add(v.getNameAsString()));
            return Optional.of(new ElementLoop(f, f.getIterable().toString(), derived(f.getBody(), names)));
        }
        if (p instanceof ForStmt f && child == f.getBody()) {
            if (isSmallCount(f)) {
                return Optional.empty();
            }
            Set<String> names = new HashSet<>();
            for (Expression init : f.getInitialization()) {
                if (init instanceof VariableDeclarationExpr d) {
                    d.getVariables().forEach(v -> names.add(v.getNameAsString()));
                }
            }
            if (names.isEmpty()) {
                return Optional.empty();
            }
            String over = f.getCompare().map(Node::toString).orElse("the counter");
            return Optional.of(new ElementLoop(f, over, derived(f.getBody(), names)));
        }
        if ((p instanceof WhileStmt w && child == w.getBody()) || (p instanceof DoStmt d && child == d.getBody())) {
            Statement body = p instanceof WhileStmt w2 ? w2.getBody() : ((DoStmt) p).getBody();
            Set<String> names = new HashSet<>();
            for (VariableDeclarator v : body.findAll(VariableDeclarator.class)) {
                if (v.getInitializer().filter(i -> i instanceof MethodCallExpr c
                        && NEXT_ELEMENT.contains(c.getNameAsString()) && c.getScope().isPresent()).isPresent()) {
                    names.add(v.getNameAsString());
                }
            }
            if (names.isEmpty()) {
                return Optional.empty(); // a retry or polling loop: no element to take a key from
            }
            Expression condition = p instanceof WhileStmt w3 ? w3.getCondition() : ((DoStmt) p).getCondition();
            return Optional.of(new ElementLoop(p, condition.toString(), derived(body, names)));
        }
        if (p instanceof LambdaExpr lambda && child == lambda.getBody()) {
            return iterationLambda(lambda);
        }
        return Optional.empty();
    }

    /** A lambda passed to {@code stream.forEach/map/..} or {@code iterable.forEach}: its parameters are elements. */
    private Optional<ElementLoop> iterationLambda(LambdaExpr lambda) {
        if (!(lambda.getParentNode().orElse(null) instanceof MethodCallExpr call)
                || !call.getArguments().contains(lambda) || !STREAM_OPERATIONS.contains(call.getNameAsString())
                || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Expression scope = call.getScope().get();
        Optional<String> type = types.typeOf(scope);
        if (type.isEmpty() || !types.isSubtypeOfAny(type.get(), ITERATING_TYPES) || isSmallStream(scope)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        lambda.getParameters().forEach(prm -> names.add(prm.getNameAsString()));
        return Optional.of(new ElementLoop(lambda, scope.toString(), derived(lambda.getBody(), names)));
    }

    /** The element names plus every local of {@code body} computed from them (two passes: chains of locals). */
    private static Set<String> derived(Node body, Set<String> elementNames) {
        Set<String> names = new HashSet<>(elementNames);
        for (int pass = 0; pass < 2; pass++) {
            for (VariableDeclarator v : body.findAll(VariableDeclarator.class)) {
                if (v.getInitializer().filter(i -> mentions(i, names)).isPresent()) {
                    names.add(v.getNameAsString());
                }
            }
            for (AssignExpr a : body.findAll(AssignExpr.class)) {
                if (a.getTarget() instanceof NameExpr target && mentions(a.getValue(), names)) {
                    names.add(target.getNameAsString());
                }
            }
        }
        return Set.copyOf(names);
    }

    private static boolean mentions(Node e, Set<String> names) {
        if (e instanceof NameExpr n && names.contains(n.getNameAsString())) {
            return true;
        }
        return e.findFirst(NameExpr.class, n -> names.contains(n.getNameAsString())).isPresent();
    }

    private boolean iteratesPages(ForEachStmt f) {
        Optional<String> variableType = types.resolve(f.getVariable().getElementType());
        if (variableType.filter(t -> types.isSubtypeOfAny(t, pageTypes)).isPresent()) {
            return true;
        }
        return types.typeOf(f.getIterable()).filter(t -> types.isSubtypeOfAny(t, pageTypes)).isPresent();
    }

    /** {@code List.of(a, b)}, {@code Arrays.asList(..)}, {@code new String[] {..}}, or a local holding one. */
    private boolean isSmallLiteral(Expression iterable) {
        Expression e = iterable;
        if (e instanceof NameExpr n) {
            Optional<Expression> init = types.initializerOf(n);
            if (init.isEmpty()) {
                return false;
            }
            e = init.get();
        }
        if (e instanceof MethodCallExpr call && LITERAL_COLLECTIONS.contains(call.getNameAsString())
                && call.getScope().isPresent() && types.typeReferencedBy(call.getScope().get()).isPresent()) {
            return call.getArguments().size() <= SMALL_CONSTANT_LOOP;
        }
        if (e instanceof ArrayCreationExpr a && a.getInitializer().isPresent()) {
            return a.getInitializer().get().getValues().size() <= SMALL_CONSTANT_LOOP;
        }
        return e instanceof ArrayInitializerExpr init && init.getValues().size() <= SMALL_CONSTANT_LOOP;
    }

    /** {@code Stream.of(a, b).forEach(..)} or {@code List.of(a, b).forEach(..)}. */
    private boolean isSmallStream(Expression scope) {
        Expression e = scope;
        if (e instanceof MethodCallExpr call && call.getNameAsString().equals("stream") && call.getScope().isPresent()
                && call.getArguments().isEmpty()) {
            e = call.getScope().get();
        }
        return isSmallLiteral(e);
    }

    /** {@code for (int i = 0; i < 3; i++)}: constant bounds at most {@link #SMALL_CONSTANT_LOOP} apart. */
    private boolean isSmallCount(ForStmt f) {
        if (f.getInitialization().size() != 1 || !(f.getInitialization().get(0) instanceof VariableDeclarationExpr d)
                || d.getVariables().size() != 1 || d.getVariable(0).getInitializer().isEmpty()
                || f.getCompare().isEmpty() || !(f.getCompare().get() instanceof BinaryExpr compare)) {
            return false;
        }
        Optional<Long> from = constants.longValue(d.getVariable(0).getInitializer().get());
        Optional<Long> to = constants.longValue(compare.getRight());
        if (from.isEmpty() || to.isEmpty()) {
            return false;
        }
        long count = switch (compare.getOperator()) {
            case LESS -> to.get() - from.get();
            case LESS_EQUALS -> to.get() - from.get() + 1;
            default -> Long.MAX_VALUE;
        };
        return count <= SMALL_CONSTANT_LOOP;
    }
}
