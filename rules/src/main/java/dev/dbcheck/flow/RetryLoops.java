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
 * <p>Library knowledge used here is the JDK's (sleep and random number APIs), kept in the tables below.
 * Anything the analysis cannot see through is {@link Delay#UNKNOWN} or "bounded", so rules built on it err
 * towards silence.
 */
public final class RetryLoops {

    /** A call that blocks the thread for a time given by one of its arguments. */
    private record Sleep(String owner, boolean isStatic, String name, int delayArgument) {}

    /** Argument index -1 means the last argument. */
    private static final List<Sleep> SLEEPS = List.of(
            new Sleep("java.lang.Thread", true, "sleep", 0),
            new Sleep("java.util.concurrent.TimeUnit", false, "sleep", 0),
            new Sleep("java.util.concurrent.locks.LockSupport", true, "parkNanos", -1),
            new Sleep("com.google.common.util.concurrent.Uninterruptibles", true, "sleepUninterruptibly", 0));

    /** Types whose calls produce random numbers: a wait that uses one is jittered. */
    private static final Set<String> RANDOM_TYPES = Set.of("java.util.Random", "java.util.concurrent.ThreadLocalRandom",
            "java.security.SecureRandom", "java.util.random.RandomGenerator",
            "org.apache.commons.lang3.RandomUtils");

    /** Static calls that make a wait grow exponentially. */
    private static final Map<String, Set<String>> GROWTH_CALLS = Map.of(
            "java.lang.Math", Set.of("pow", "scalb"),
            "java.lang.StrictMath", Set.of("pow", "scalb"));

    /** SDK backoff strategies: exponential with jitter by construction. */
    private static final Map<String, Set<String>> SDK_BACKOFF = Map.of(
            "software.amazon.awssdk.core.retry.backoff.BackoffStrategy", Set.of("computeDelayBeforeNextRetry"),
            "software.amazon.awssdk.retries.api.BackoffStrategy", Set.of("computeDelay"),
            "com.amazonaws.retry.v2.BackoffStrategy", Set.of("computeDelayBeforeNextRetry"));

    /**
     * Backoff policies of retry libraries, asked by the loop itself for the next wait. Each one waits (or
     * returns the wait) as its policy says and reports when the policy gives up (false, or a STOP value), so
     * a loop that asks one in its condition or in an exit guard is backed off and bounded by the policy.
     * Static helpers: owner, then method names; policy objects: the type (subtypes too), then method names.
     */
    private static final Map<String, Set<String>> BACKOFF_HELPERS = Map.of(
            "org.apache.beam.sdk.util.BackOffUtils", Set.of("next"),
            "com.google.api.client.util.BackOffUtils", Set.of("next"));
    private static final Map<String, Set<String>> BACKOFF_POLICIES = Map.of(
            "org.apache.beam.sdk.util.BackOff", Set.of("nextBackOffMillis"),
            "com.google.api.client.util.BackOff", Set.of("nextBackOffMillis"),
            "org.springframework.util.backoff.BackOffExecution", Set.of("nextBackOff"),
            "org.springframework.retry.backoff.BackOffPolicy", Set.of("backOff"),
            "io.github.resilience4j.core.IntervalFunction", Set.of("apply"),
            "io.github.resilience4j.core.IntervalBiFunction", Set.of("apply"),
            "dev.failsafe.RetryPolicy", Set.of("getDelay"));

    private static final Set<String> CLOCK_CALLS = Set.of("currentTimeMillis", "nanoTime", "now", "isBefore",
            "isAfter", "millis", "instant");

    private final TypeResolver types;
    private final ConstantEvaluator constants;
    private final ValueFlow flow;

    public RetryLoops(TypeResolver types, ConstantEvaluator constants, ValueFlow flow) {
        this.types = types;
        this.constants = constants;
        this.flow = flow;
    }

    private static final MemoKey<RetryLoops> KEY = MemoKey.of("retry loops");

    /** The file's retry-loop analysis, on the file's shared {@link ValueFlow}. */
    public static RetryLoops of(JavaContext context) {
        return context.memo(KEY,
                () -> new RetryLoops(context.types(), context.constants(), ValueFlow.of(context)));
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

    /** How {@code loop} waits between iterations and whether it stops. */
    public Backoff backoff(Statement loop) {
        boolean bounded = isBounded(loop);
        Node body = ValueFlow.enclosingBody(loop);
        for (MethodCallExpr call : loop.findAll(MethodCallExpr.class)) {
            if (isBackoffPolicyCall(call)) {
                // The policy decides the wait; asked in the condition or an exit guard, it also ends the loop.
                return new Backoff(Delay.UNKNOWN, false, bounded || policyEndsLoop(call, loop),
                        Optional.of(call));
            }
            Optional<Expression> delay = sleepDelay(call);
            if (delay.isPresent()) {
                return classify(delay.get(), loop, body, call, bounded);
            }
            Optional<MethodDeclaration> helper = helper(call);
            if (helper.isPresent()) {
                Optional<Backoff> inner = helperSleep(helper.get(), call, loop, body, bounded);
                if (inner.isPresent()) {
                    return inner.get();
                }
            }
        }
        return new Backoff(Delay.NONE, false, bounded, Optional.empty());
    }

    private Optional<Backoff> helperSleep(MethodDeclaration helper, MethodCallExpr call, Statement loop, Node body,
            boolean bounded) {
        for (MethodCallExpr inner : helper.findAll(MethodCallExpr.class)) {
            Optional<Expression> delay = sleepDelay(inner);
            if (delay.isEmpty()) {
                continue;
            }
            // sleepQuietly(long ms) { Thread.sleep(ms); }: the delay is the caller's argument.
            if (delay.get() instanceof NameExpr name) {
                List<Parameter> params = helper.getParameters();
                for (int i = 0; i < params.size() && i < call.getArguments().size(); i++) {
                    if (params.get(i).getNameAsString().equals(name.getNameAsString())) {
                        return Optional.of(classify(call.getArgument(i), loop, body, call, bounded));
                    }
                }
            }
            return Optional.of(classify(delay.get(), helper, helper, call, bounded));
        }
        return Optional.empty();
    }

    private Backoff classify(Expression delay, Node loop, Node body, MethodCallExpr sleep, boolean bounded) {
        if (isConstant(delay)) {
            return new Backoff(Delay.CONSTANT, false, bounded, Optional.of(sleep));
        }
        List<AssignExpr> compound = new ArrayList<>();
        List<Expression> traced = trace(delay, compound);
        boolean growing = false;
        boolean jittered = false;
        for (AssignExpr a : compound) {
            if (a.getOperator() == AssignExpr.Operator.MULTIPLY || a.getOperator() == AssignExpr.Operator.LEFT_SHIFT) {
                growing = true;
            }
        }
        for (Expression e : traced) {
            Growth g = growth(e, loop, body, 0);
            growing |= g.growing;
            jittered |= g.jittered;
        }
        Delay kind = growing ? Delay.GROWING : allConstant(traced) ? Delay.CONSTANT : Delay.UNKNOWN;
        return new Backoff(kind, jittered, bounded, Optional.of(sleep));
    }

    private record Growth(boolean growing, boolean jittered) {}

    private Growth growth(Expression e, Node loop, Node body, int depth) {
        boolean growing = false;
        boolean jittered = false;
        for (BinaryExpr b : e.findAll(BinaryExpr.class)) {
            if (b.getOperator() == BinaryExpr.Operator.LEFT_SHIFT) {
                growing = true;
            } else if (b.getOperator() == BinaryExpr.Operator.MULTIPLY
                    && (variesIn(b.getLeft(), loop) || variesIn(b.getRight(), loop))) {
                growing = true;
            }
        }
        for (MethodCallExpr call : e.findAll(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            Optional<String> owner = call.getScope().flatMap(s -> types.typeReferencedBy(s).or(() -> types.typeOf(s)));
            if (owner.isPresent() && GROWTH_CALLS.getOrDefault(owner.get(), Set.of()).contains(name)) {
                growing = true;
            }
            if (owner.isPresent() && SDK_BACKOFF.getOrDefault(owner.get(), Set.of()).contains(name)) {
                growing = true;
                jittered = true;
            }
            if (owner.isPresent() && (RANDOM_TYPES.contains(owner.get())
                    || owner.get().equals("java.lang.Math") && name.equals("random"))) {
                jittered = true;
            }
            Optional<MethodDeclaration> helper = helper(call);
            if (helper.isPresent() && depth < 2) {
                for (ReturnStmt r : helper.get().findAll(ReturnStmt.class)) {
                    if (r.getExpression().isPresent()) {
                        List<Expression> traced = trace(r.getExpression().get(), new ArrayList<>());
                        for (Expression t : traced) {
                            // Inside a helper, any parameter varies from call to call.
                            Growth g = growth(t, helper.get(), helper.get(), depth + 1);
                            growing |= g.growing || helperMultipliesParameter(t, helper.get());
                            jittered |= g.jittered;
                        }
                    }
                }
            }
        }
        return new Growth(growing, jittered);
    }

    private static boolean helperMultipliesParameter(Expression e, MethodDeclaration helper) {
        for (BinaryExpr b : e.findAll(BinaryExpr.class)) {
            if (b.getOperator() == BinaryExpr.Operator.MULTIPLY || b.getOperator() == BinaryExpr.Operator.LEFT_SHIFT) {
                for (NameExpr n : b.findAll(NameExpr.class)) {
                    if (helper.getParameterByName(n.getNameAsString()).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The expression plus everything that gives its variables their values ({@link ValueFlow#sources});
     * compound assignments ({@code delay *= 2}) of those variables are collected in {@code compound}.
     */
    private List<Expression> trace(Expression e, List<AssignExpr> compound) {
        List<Expression> traced = flow.sources(e);
        for (Expression t : traced) {
            List<NameExpr> names = new ArrayList<>(t.findAll(NameExpr.class));
            for (NameExpr name : names) {
                flow.variableOf(name).ifPresent(v -> flow.assignments(v).stream()
                        .filter(a -> a.getOperator() != AssignExpr.Operator.ASSIGN && !compound.contains(a))
                        .forEach(compound::add));
            }
        }
        return traced;
    }

    private boolean allConstant(List<Expression> traced) {
        for (Expression e : traced) {
            if (e instanceof NameExpr n) {
                // A variable stands for the values traced for it; a parameter has none known here.
                if (flow.variableOf(n).filter(v -> !flow.values(v).isEmpty()).isEmpty()) {
                    return false;
                }
                continue;
            }
            if (!isConstant(e)) {
                return false;
            }
        }
        return !traced.isEmpty();
    }

    private boolean isConstant(Expression e) {
        if (constants.value(e).isPresent()) {
            return true;
        }
        // Duration.ofMillis(100), TimeUnit.SECONDS.toMillis(1)
        if (e instanceof MethodCallExpr call && call.getScope().isPresent() && !call.getArguments().isEmpty()) {
            Expression scope = call.getScope().get();
            boolean timeType = types.typeReferencedBy(scope).filter(t -> t.equals("java.time.Duration")).isPresent()
                    || scope instanceof FieldAccessExpr f && types.typeReferencedBy(f.getScope())
                            .filter(t -> t.equals("java.util.concurrent.TimeUnit")).isPresent();
            return timeType && call.getArguments().stream().allMatch(a -> constants.value(a).isPresent());
        }
        return false;
    }

    /** The delay argument when {@code call} is one of the sleeps in {@link #SLEEPS}. */
    private Optional<Expression> sleepDelay(MethodCallExpr call) {
        for (Sleep sleep : SLEEPS) {
            if (!sleep.name().equals(call.getNameAsString()) || call.getArguments().isEmpty()) {
                continue;
            }
            boolean matches;
            if (sleep.isStatic()) {
                matches = call.getScope().isPresent()
                        ? types.typeReferencedBy(call.getScope().get()).filter(sleep.owner()::equals).isPresent()
                        : types.staticImportOwner(call.getNameAsString()).filter(sleep.owner()::equals).isPresent();
            } else {
                matches = call.getScope().isPresent() && isOfType(call.getScope().get(), sleep.owner());
            }
            if (matches) {
                int index = sleep.delayArgument() < 0 ? call.getArguments().size() - 1 : sleep.delayArgument();
                return Optional.of(call.getArgument(index));
            }
        }
        return Optional.empty();
    }

    /** A value of {@code type}: {@code TimeUnit.SECONDS}, a statically imported constant, or a typed variable. */
    private boolean isOfType(Expression e, String type) {
        if (e instanceof FieldAccessExpr f && types.typeReferencedBy(f.getScope()).filter(type::equals).isPresent()) {
            return true;
        }
        if (e instanceof NameExpr n && types.staticImportOwner(n.getNameAsString()).filter(type::equals).isPresent()) {
            return true;
        }
        return types.typeOf(e).filter(type::equals).isPresent();
    }

    /** A call that asks a retry library's backoff policy for the next wait ({@link #BACKOFF_HELPERS}). */
    private boolean isBackoffPolicyCall(MethodCallExpr call) {
        String name = call.getNameAsString();
        Optional<String> helperOwner = call.getScope().isPresent()
                ? types.typeReferencedBy(call.getScope().get())
                : types.staticImportOwner(name);
        if (helperOwner.filter(o -> BACKOFF_HELPERS.getOrDefault(o, Set.of()).contains(name)).isPresent()) {
            return true;
        }
        Optional<String> receiver = call.getScope().flatMap(types::typeOf);
        if (receiver.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> policy : BACKOFF_POLICIES.entrySet()) {
            if (policy.getValue().contains(name) && types.isSubtype(receiver.get(), policy.getKey())) {
                return true;
            }
        }
        return false;
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

    /** A method of the enclosing class called without a receiver (or on {@code this}). */
    private static Optional<MethodDeclaration> helper(MethodCallExpr call) {
        if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
            return Optional.empty();
        }
        Optional<TypeDeclaration<?>> type = call.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        for (MethodDeclaration m : type.get().getMethodsByName(call.getNameAsString())) {
            if (m.getParameters().size() == call.getArguments().size() && m.getBody().isPresent()
                    && !call.findAncestor(MethodDeclaration.class).filter(c -> c == m).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
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
    private static boolean variesIn(Expression e, Node loop) {
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
