package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import dev.dbcheck.types.TypeResolver;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the value of an expression through its method: into the local that holds it (and aliases of that
 * local), through {@code CompletableFuture} joins and continuations, and records what the method does with it
 * ({@link ValueUse}). Intra-procedural and flow-insensitive by design: a use anywhere in the method counts,
 * and anything the analysis cannot follow counts as an escape, so rules built on it err towards silence.
 *
 * <p>Shared by rules through {@code JavaContext.memo}; one instance per file.
 */
public final class ValueFlow {

    /** Calls that hand back the value a future holds. */
    private static final Set<String> FUTURE_UNWRAP = Set.of("join", "get", "getNow", "resultNow");

    /** Future continuations whose callback receives the value as its first parameter. */
    private static final Set<String> FUTURE_CONTINUATIONS = Set.of("thenApply", "thenApplyAsync", "thenAccept",
            "thenAcceptAsync", "thenCompose", "thenComposeAsync", "whenComplete", "whenCompleteAsync", "handle",
            "handleAsync");

    private static final int MAX_DEPTH = 8;

    private final TypeResolver types;

    public ValueFlow(TypeResolver types) {
        this.types = types;
    }

    /** What the method around {@code producer} does with the value {@code producer} evaluates to. */
    public ValueUse usesOf(Expression producer) {
        Accumulator acc = new Accumulator();
        follow(producer, acc, 0);
        return new ValueUse(acc.escapes, acc.methods, Optional.ofNullable(acc.variable));
    }

    private static final class Accumulator {
        boolean escapes;
        final Set<String> methods = new HashSet<>();
        String variable;
        final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Classifies one occurrence of the value: {@code value} is the producer or a name that holds it. */
    private void follow(Expression value, Accumulator acc, int depth) {
        if (depth > MAX_DEPTH || !acc.seen.add(value)) {
            return;
        }
        Node parent = value.getParentNode().orElse(null);
        if (parent == null || parent instanceof ExpressionStmt) {
            return; // discarded
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
                String name = call.getNameAsString();
                acc.methods.add(name);
                if (FUTURE_UNWRAP.contains(name)) {
                    follow(call, acc, depth + 1);
                } else if (FUTURE_CONTINUATIONS.contains(name) && !call.getArguments().isEmpty()) {
                    if (call.getArgument(0) instanceof LambdaExpr lambda && !lambda.getParameters().isEmpty()) {
                        followParameter(lambda, lambda.getParameter(0), acc, depth + 1);
                    } else {
                        acc.escapes = true;
                    }
                }
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
            followVariable(declarator.getNameAsString(), declarator, acc, depth + 1);
            return;
        }
        if (parent instanceof AssignExpr assign) {
            if (assign.getTarget() == value) {
                return; // overwritten, not read
            }
            if (assign.getOperator() == AssignExpr.Operator.ASSIGN && assign.getTarget() instanceof NameExpr target
                    && types.isLocal(target)) {
                followVariable(target.getNameAsString(), assign, acc, depth + 1);
                if (!(assign.getParentNode().orElse(null) instanceof ExpressionStmt)) {
                    follow(assign, acc, depth + 1);
                }
                return;
            }
            acc.escapes = true; // stored in a field or an array
            return;
        }
        if (parent instanceof LambdaExpr) {
            acc.escapes = true; // the result of an expression lambda
            return;
        }
        // return, throw, array initialisers, constructor arguments, yields, ...: out of this method's sight
        acc.escapes = true;
    }

    /** Every read of the local {@code name} that the value was stored in, within the enclosing body. */
    private void followVariable(String name, Node definition, Accumulator acc, int depth) {
        if (acc.variable == null) {
            acc.variable = name;
        }
        Node body = enclosingBody(definition);
        if (body == null) {
            acc.escapes = true;
            return;
        }
        for (NameExpr use : body.findAll(NameExpr.class, n -> n.getNameAsString().equals(name))) {
            if (use == definition || !types.isLocal(use) || !sameVariable(use, definition)) {
                continue;
            }
            follow(use, acc, depth);
        }
    }

    private void followParameter(LambdaExpr lambda, Parameter parameter, Accumulator acc, int depth) {
        String name = parameter.getNameAsString();
        for (NameExpr use : lambda.getBody().findAll(NameExpr.class, n -> n.getNameAsString().equals(name))) {
            follow(use, acc, depth);
        }
    }

    /**
     * Whether {@code use} reads the variable defined at {@code definition}: for a declaration, the use must be
     * in the declaration's scope (its resolved initialiser is the same node); for an assignment, the use must
     * resolve to the same declaration as the assignment's target.
     */
    private boolean sameVariable(NameExpr use, Node definition) {
        Optional<Expression> useInit = types.initializerOf(use);
        if (definition instanceof VariableDeclarator d) {
            return d.getInitializer().isPresent() && useInit.isPresent() && useInit.get() == d.getInitializer().get();
        }
        if (definition instanceof AssignExpr a && a.getTarget() instanceof NameExpr target) {
            Optional<Expression> targetInit = types.initializerOf(target);
            return targetInit.isEmpty() ? useInit.isEmpty() : useInit.filter(i -> i == targetInit.get()).isPresent();
        }
        return false;
    }

    /** The body of the method, constructor, initialiser or lambda that contains {@code node}. */
    static Node enclosingBody(Node node) {
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
