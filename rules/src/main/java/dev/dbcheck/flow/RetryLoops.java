package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.flow.Backoff.Delay;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.rule.MemoKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hand-written retry loops inside one method: which loop repeats a call when it fails (or while a batch
 * leaves work behind), whether the loop waits between attempts, whether that wait grows with the attempt and
 * is jittered, and whether the attempts are bounded by a counter or a deadline.
 *
 * <p>How the loop waits is {@link Waits}'s; the clock calls a deadline reads are the JDK's. Anything the analysis cannot see through is {@link Delay#UNKNOWN} or "bounded", so rules built on it err
 * towards silence.
 */
public final class RetryLoops {

    private static final Set<String> CLOCK_CALLS = Set.of("currentTimeMillis", "nanoTime", "now", "isBefore",
            "isAfter", "millis", "instant");

    private final TypeResolver types;
    private final Waits waits;

    /** Within one file: helpers of the loop's own class only. */
    public RetryLoops(TypeResolver types, ConstantEvaluator constants, ValueFlow flow) {
        this(types, constants, flow, MethodSummaries.none());
    }

    /** With the project model: helpers inherited from project superclasses too, judged in their own files. */
    public RetryLoops(TypeResolver types, ConstantEvaluator constants, ValueFlow flow, MethodSummaries summaries) {
        this.types = types;
        this.waits = new Waits(types, constants, flow, summaries);
    }

    private static final MemoKey<RetryLoops> KEY = MemoKey.of("retry loops");

    /** The file's retry-loop analysis, on the file's shared {@link ValueFlow}. */
    public static RetryLoops of(JavaContext context) {
        return context.memo(KEY,
                () -> new RetryLoops(context.types(), context.constants(), ValueFlow.of(context), context.summaries()));
    }

    // ---- which loop ------------------------------------------------------------------------------------

    /** The innermost {@code while}, {@code do} or {@code for} loop around {@code node} in the same body. */
    public Optional<Statement> enclosingLoop(Node node) {
        Node n = node.getParentNode().orElse(null);
        while (n != null) {
            if (n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt) {
                return Optional.of((Statement) n);
            }
            if (n instanceof LambdaExpr || n instanceof MethodDeclaration || n instanceof TypeDeclaration<?>
                    || n instanceof ForEachStmt) {
                return Optional.empty();
            }
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * The loop that resends the leftovers of the batch {@code call}: the innermost loop around it, in the
     * same body, that goes round again while one of {@code leftovers} reports work left
     * ({@link #repeatsOn}). A resend inside an inner loop (over the tables of the batch, say) belongs to the
     * outer loop that repeats it.
     */
    public Optional<Statement> resendLoop(Node call, Set<String> leftovers) {
        Node n = call.getParentNode().orElse(null);
        while (n != null && !(n instanceof LambdaExpr) && !(n instanceof MethodDeclaration)
                && !(n instanceof TypeDeclaration<?>)) {
            if ((n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt)
                    && repeatsOn((Statement) n, leftovers)) {
                return Optional.of((Statement) n);
            }
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code loop} repeats {@code call} when it throws: the call sits in a {@code try} inside the loop
     * whose catch lets the loop go round again, and success leaves the loop (a break or return, or a flag the
     * loop condition reads). A loop that polls or processes items one by one is not a retry loop.
     */
    public boolean retriesOnFailure(Statement loop, Node call) {
        TryStmt tryStmt = innermostTry(call, loop);
        if (tryStmt == null || tryStmt.getCatchClauses().stream().noneMatch(RetryLoops::canCompleteNormally)) {
            return false;
        }
        if (exitsLoop(tryStmt.getTryBlock(), loop)) {
            return true;
        }
        Optional<Expression> condition = condition(loop);
        if (condition.isEmpty()) {
            return false;
        }
        for (NameExpr flag : condition.get().findAll(NameExpr.class)) {
            if (isAssignedIn(tryStmt.getTryBlock(), flag.getNameAsString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code loop} goes round again while one of {@code methods} (say {@code unprocessedItems}) reports
     * work left: its condition, or an exit guard in its body, reads such a call or a local assigned from one.
     */
    public boolean repeatsOn(Statement loop, Set<String> methods) {
        List<Expression> guards = new ArrayList<>();
        condition(loop).ifPresent(guards::add);
        for (IfStmt guard : loop.findAll(IfStmt.class)) {
            if (exitsLoop(guard.getThenStmt(), loop)) {
                guards.add(guard.getCondition());
            }
        }
        Node body = ValueFlow.enclosingBody(loop);
        for (Expression guard : guards) {
            if (callsAny(guard, methods)) {
                return true;
            }
            for (NameExpr name : guard.findAll(NameExpr.class)) {
                if (body != null && assignedFromAny(body, name.getNameAsString(), methods)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- how it waits ----------------------------------------------------------------------------------

    /** How {@code loop} waits between iterations ({@link Waits}) and whether it stops. */
    public Backoff backoff(Statement loop) {
        return waits.backoff(loop, isBounded(loop), call -> policyEndsLoop(call, loop));
    }

    /**
     * Whether the policy's answer ends the loop: the call is in the loop condition, or in an exit guard (or
     * the guard reads a local assigned from it: {@code if ((wait = backoff.nextBackOffMillis()) == STOP) throw}).
     */
    private boolean policyEndsLoop(MethodCallExpr call, Statement loop) {
        if (condition(loop).filter(c -> c.isAncestorOf(call) || c == call).isPresent()) {
            return true;
        }
        Optional<String> assigned = call.getParentNode()
                .flatMap(p -> p instanceof VariableDeclarator v ? Optional.of(v.getNameAsString())
                        : p instanceof AssignExpr a && a.getTarget() instanceof NameExpr n
                                ? Optional.of(n.getNameAsString()) : Optional.empty());
        for (IfStmt guard : loop.findAll(IfStmt.class)) {
            boolean exits = guardExits(guard.getThenStmt(), loop)
                    || guard.getElseStmt().filter(e -> guardExits(e, loop)).isPresent();
            if (!exits) {
                continue;
            }
            if (guard.getCondition().isAncestorOf(call)) {
                return true;
            }
            if (assigned.isPresent() && guard.getCondition().findAll(NameExpr.class).stream()
                    .anyMatch(n -> n.getNameAsString().equals(assigned.get()))) {
                return true;
            }
        }
        return false;
    }



    // ---- does it stop ----------------------------------------------------------------------------------

    /** A counter compared in the loop condition or in an exit guard, or a deadline checked against a clock. */
    private boolean isBounded(Statement loop) {
        Optional<Expression> condition = condition(loop);
        if (condition.isPresent() && limits(condition.get(), loop)) {
            return true;
        }
        // An exit in either branch bounds the loop: if (n < 5) sleep(..); else throw e;
        for (IfStmt guard : loop.findAll(IfStmt.class)) {
            boolean exits = guardExits(guard.getThenStmt(), loop)
                    || guard.getElseStmt().filter(e -> guardExits(e, loop)).isPresent();
            if (exits && limits(guard.getCondition(), loop)) {
                return true;
            }
        }
        return false;
    }

    private boolean limits(Expression condition, Statement loop) {
        for (BinaryExpr b : condition.findAll(BinaryExpr.class)) {
            switch (b.getOperator()) {
                case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS, NOT_EQUALS, EQUALS -> {
                    if (b.getLeft() instanceof NullLiteralExpr || b.getRight() instanceof NullLiteralExpr) {
                        continue; // a null check bounds nothing
                    }
                    if (countsIn(b.getLeft(), loop) || countsIn(b.getRight(), loop) || readsClock(b)) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        for (MethodCallExpr call : condition.findAll(MethodCallExpr.class)) {
            if ((call.getNameAsString().equals("isBefore") || call.getNameAsString().equals("isAfter"))
                    && readsClock(call)) {
                return true;
            }
        }
        return false;
    }

    private boolean readsClock(Node n) {
        for (MethodCallExpr call : n.findAll(MethodCallExpr.class)) {
            if (CLOCK_CALLS.contains(call.getNameAsString()) && call.getScope().isPresent()) {
                Optional<String> owner = types.typeReferencedBy(call.getScope().get())
                        .or(() -> types.typeOf(call.getScope().get()));
                if (owner.filter(t -> t.equals("java.lang.System") || t.startsWith("java.time.")).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code e} reads a local that the loop changes (assigned, incremented, in the for update). */
    static boolean variesIn(Expression e, Node loop) {
        List<NameExpr> names = new ArrayList<>(e.findAll(NameExpr.class));
        for (NameExpr name : names) {
            if (isAssignedIn(loop, name.getNameAsString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} reads a counter of the loop: a local incremented or decremented in it ({@code ++},
     * {@code --}, {@code +=}, {@code -=}, {@code n = n + 1}). A value reassigned from a call (the unprocessed
     * items, a response) is not a counter: comparing its size bounds nothing.
     */
    private static boolean countsIn(Expression e, Node loop) {
        List<NameExpr> names = new ArrayList<>(e.findAll(NameExpr.class));
        if (e instanceof NameExpr n) {
            names.add(n);
        }
        for (NameExpr name : names) {
            String id = name.getNameAsString();
            for (UnaryExpr u : loop.findAll(UnaryExpr.class)) {
                if ((u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                        || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                        || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                        || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)
                        && u.getExpression() instanceof NameExpr t && t.getNameAsString().equals(id)) {
                    return true;
                }
            }
            for (AssignExpr a : loop.findAll(AssignExpr.class)) {
                if (!(a.getTarget() instanceof NameExpr t) || !t.getNameAsString().equals(id)) {
                    continue;
                }
                if (a.getOperator() == AssignExpr.Operator.PLUS || a.getOperator() == AssignExpr.Operator.MINUS
                        || a.getValue() instanceof BinaryExpr v && v.findFirst(NameExpr.class,
                                n -> n.getNameAsString().equals(id)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAssignedIn(Node scope, String name) {
        for (AssignExpr a : scope.findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name)) {
                return true;
            }
        }
        for (UnaryExpr u : scope.findAll(UnaryExpr.class)) {
            if (!u.getOperator().isPostfix() && !u.getOperator().isPrefix()) {
                continue;
            }
            if ((u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                    || u.getOperator().isPostfix())
                    && u.getExpression() instanceof NameExpr t && t.getNameAsString().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- control flow helpers --------------------------------------------------------------------------

    private static Optional<Expression> condition(Statement loop) {
        if (loop instanceof WhileStmt w) {
            return Optional.of(w.getCondition());
        }
        if (loop instanceof DoStmt d) {
            return Optional.of(d.getCondition());
        }
        if (loop instanceof ForStmt f) {
            return f.getCompare();
        }
        return Optional.empty();
    }

    private static TryStmt innermostTry(Node call, Statement loop) {
        Node child = call;
        Node n = call.getParentNode().orElse(null);
        while (n != null && n != loop) {
            if (n instanceof TryStmt t && t.getTryBlock() == child) {
                return t;
            }
            child = n;
            n = n.getParentNode().orElse(null);
        }
        return null;
    }

    /** A catch whose last statement is not an unconditional throw, return or break. */
    private static boolean canCompleteNormally(CatchClause clause) {
        BlockStmt body = clause.getBody();
        if (body.getStatements().isEmpty()) {
            return true;
        }
        Statement last = body.getStatements().getLast().get();
        return !(last instanceof ThrowStmt || last instanceof ReturnStmt || last instanceof BreakStmt);
    }

    /** Whether {@code region} contains a return, or a break that leaves {@code loop}. */
    private static boolean exitsLoop(Node region, Statement loop) {
        if (region.findFirst(ReturnStmt.class, r -> !insideLambda(r, region)).isPresent()) {
            return true;
        }
        Optional<String> label = loop.getParentNode().filter(p -> p instanceof LabeledStmt)
                .map(p -> ((LabeledStmt) p).getLabel().asString());
        for (BreakStmt b : region.findAll(BreakStmt.class)) {
            if (b.getLabel().isPresent()) {
                if (label.isPresent() && b.getLabel().get().asString().equals(label.get())) {
                    return true;
                }
            } else if (innermostBreakTarget(b) == loop) {
                return true;
            }
        }
        return false;
    }

    /** An exit guard: leaves the loop by return, break or throw. */
    private static boolean guardExits(Statement then, Statement loop) {
        return exitsLoop(then, loop) || then.findFirst(ThrowStmt.class, t -> !insideLambda(t, then)).isPresent()
                || then instanceof ThrowStmt;
    }

    private static boolean insideLambda(Node n, Node region) {
        Node p = n.getParentNode().orElse(null);
        while (p != null && p != region) {
            if (p instanceof LambdaExpr) {
                return true;
            }
            p = p.getParentNode().orElse(null);
        }
        return false;
    }

    private static Node innermostBreakTarget(BreakStmt b) {
        Node n = b.getParentNode().orElse(null);
        while (n != null) {
            if (n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt || n instanceof ForEachStmt
                    || n instanceof SwitchStmt) {
                return n;
            }
            n = n.getParentNode().orElse(null);
        }
        return null;
    }

    private static boolean callsAny(Node n, Set<String> methods) {
        return n.findFirst(MethodCallExpr.class, c -> methods.contains(c.getNameAsString())).isPresent();
    }

    private static boolean assignedFromAny(Node body, String name, Set<String> methods) {
        for (VariableDeclarator d : body.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name))) {
            if (d.getInitializer().filter(i -> callsAny(i, methods)).isPresent()) {
                return true;
            }
        }
        for (AssignExpr a : body.findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name) && callsAny(a.getValue(), methods)) {
                return true;
            }
        }
        return false;
    }
}
