package dev.dbcheck.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.flow.Backoff.Delay;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a retry loop waits between attempts ({@link RetryLoops#backoff}): the sleep it calls, directly or through a
 * helper of its class or of a project superclass, and whether that wait is constant, grows with the attempt, or is
 * jittered; or the retry library's backoff policy it asks instead.
 *
 * <p>Library knowledge used here is the JDK's (sleep and random number APIs), the AWS SDKs' backoff strategies and
 * retry libraries' backoff policies, kept in the tables below.
 */
final class Waits {

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


    private final TypeResolver types;
    private final ConstantEvaluator constants;
    private final ValueFlow flow;
    private final MethodSummaries summaries;
    private final Map<CompilationUnit, Waits> otherFiles = new IdentityHashMap<>();

    Waits(TypeResolver types, ConstantEvaluator constants, ValueFlow flow, MethodSummaries summaries) {
        this.types = types;
        this.constants = constants;
        this.flow = flow;
        this.summaries = summaries;
    }


    /**
     * How {@code loop} waits between iterations; {@code bounded} says whether it stops, and {@code policyEndsLoop}
     * whether a backoff policy's answer ends it.
     */
    Backoff backoff(Statement loop, boolean bounded, Predicate<MethodCallExpr> policyEndsLoop) {
        Node body = ValueFlow.enclosingBody(loop);
        for (MethodCallExpr call : loop.findAll(MethodCallExpr.class)) {
            if (isBackoffPolicyCall(call)) {
                // The policy decides the wait; asked in the condition or an exit guard, it also ends the loop.
                return new Backoff(Delay.UNKNOWN, false, bounded || policyEndsLoop.test(call),
                        Optional.of(call));
            }
            Optional<Expression> delay = sleepDelay(call);
            if (delay.isPresent()) {
                return classify(delay.get(), loop, body, call, bounded);
            }
            Optional<Helper> helper = helper(call);
            if (helper.isPresent()) {
                Optional<Backoff> inner = helperSleep(helper.get(), call, loop, body, bounded);
                if (inner.isPresent()) {
                    return inner.get();
                }
            }
        }
        return new Backoff(Delay.NONE, false, bounded, Optional.empty());
    }

    /**
     * The wait of a helper the loop calls ({@code pause(attempt)}), judged in the helper's own file: its delay
     * argument traced to the caller's argument when it is a parameter, and a delay that multiplies or shifts a
     * parameter grows when the loop changes the argument it passes ({@code Thread.sleep(40L << attempt)}).
     */
    private Optional<Backoff> helperSleep(Helper helper, MethodCallExpr call, Statement loop, Node body,
            boolean bounded) {
        MethodDeclaration method = helper.method();
        for (MethodCallExpr inner : method.findAll(MethodCallExpr.class)) {
            Optional<Expression> delay = helper.in().sleepDelay(inner);
            if (delay.isEmpty()) {
                continue;
            }
            // sleepQuietly(long ms) { Thread.sleep(ms); }: the delay is the caller's argument.
            if (delay.get() instanceof NameExpr name) {
                int i = parameterIndex(method, name.getNameAsString());
                if (i >= 0 && i < call.getArguments().size()) {
                    return Optional.of(classify(call.getArgument(i), loop, body, call, bounded));
                }
            }
            Backoff own = helper.in().classify(delay.get(), method, method, call, bounded);
            if (own.delay() != Delay.GROWING && growsWithArgument(delay.get(), method, call, loop)) {
                return Optional.of(new Backoff(Delay.GROWING, own.jittered(), bounded, Optional.of(call)));
            }
            return Optional.of(own);
        }
        return Optional.empty();
    }

    /** {@code delay} multiplies or shifts a parameter of {@code helper} whose argument at {@code call} the loop changes. */
    private static boolean growsWithArgument(Expression delay, MethodDeclaration helper, MethodCallExpr call,
            Statement loop) {
        for (BinaryExpr b : delay.findAll(BinaryExpr.class)) {
            if (b.getOperator() != BinaryExpr.Operator.MULTIPLY && b.getOperator() != BinaryExpr.Operator.LEFT_SHIFT) {
                continue;
            }
            for (NameExpr n : b.findAll(NameExpr.class)) {
                int i = parameterIndex(helper, n.getNameAsString());
                if (i >= 0 && i < call.getArguments().size() && RetryLoops.variesIn(call.getArgument(i), loop)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int parameterIndex(MethodDeclaration method, String name) {
        List<Parameter> params = method.getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).getNameAsString().equals(name)) {
                return i;
            }
        }
        return -1;
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
                    && (RetryLoops.variesIn(b.getLeft(), loop) || RetryLoops.variesIn(b.getRight(), loop))) {
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
            Optional<Helper> helper = helper(call);
            if (helper.isPresent() && depth < 2) {
                Waits in = helper.get().in();
                MethodDeclaration method = helper.get().method();
                for (ReturnStmt r : method.findAll(ReturnStmt.class)) {
                    if (r.getExpression().isPresent()) {
                        List<Expression> traced = in.trace(r.getExpression().get(), new ArrayList<>());
                        for (Expression t : traced) {
                            // Inside a helper, any parameter varies from call to call.
                            Growth g = in.growth(t, method, method, depth + 1);
                            growing |= g.growing || helperMultipliesParameter(t, method);
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

    /** A method a loop calls and the analysis of the file that declares it, which judges its body. */
    private record Helper(MethodDeclaration method, Waits in) {}

    /**
     * A method of the enclosing class called without a receiver (or on {@code this}), or, through the project
     * model, one it inherits from a project superclass, in this file or another ({@code pause(attempt)} declared
     * by an abstract base class). A helper of another file is judged there, with that file's imports: a subclass
     * never changes what a name means in its superclass.
     */
    private Optional<Helper> helper(MethodCallExpr call) {
        if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)
                && !(call.getScope().get() instanceof SuperExpr)) {
            return Optional.empty();
        }
        Optional<MethodDeclaration> caller = call.findAncestor(MethodDeclaration.class);
        Optional<TypeDeclaration<?>> type = call.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (type.isPresent() && !(call.getScope().orElse(null) instanceof SuperExpr)) {
            for (MethodDeclaration m : type.get().getMethodsByName(call.getNameAsString())) {
                if (m.getParameters().size() == call.getArguments().size() && m.getBody().isPresent()
                        && !caller.filter(c -> c == m).isPresent()) {
                    return Optional.of(new Helper(m, this));
                }
            }
        }
        Optional<MethodInfo> inherited = summaries.target(call, types).filter(MethodInfo::hasBody);
        if (inherited.isEmpty()) {
            return Optional.empty();
        }
        Optional<MethodDeclaration> declared = summaries.declaration(inherited.get())
                .filter(MethodDeclaration.class::isInstance).map(MethodDeclaration.class::cast)
                .filter(m -> m.getBody().isPresent() && !caller.filter(c -> c == m).isPresent());
        return declared.flatMap(m -> m.findCompilationUnit().map(cu -> new Helper(m, inFile(cu))));
    }

    /** This analysis for this file, a fresh one (on that file's resolver) for another. */
    private Waits inFile(CompilationUnit cu) {
        if (cu == types.compilationUnit()) {
            return this;
        }
        return otherFiles.computeIfAbsent(cu, c -> {
            TypeResolver theirs = summaries.types(c);
            return new Waits(theirs, new ConstantEvaluator(theirs), new ValueFlow(theirs), summaries);
        });
    }
}
