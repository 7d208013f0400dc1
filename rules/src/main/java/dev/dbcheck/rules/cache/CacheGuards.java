package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guards that stop concurrent misses of one key from all loading: locks, SET NX leases (through
 * {@link CacheApis#isExclusiveWrite}), loader calls that run their function once per key, registrations of an
 * in-flight future, and probabilistic early refresh.
 */
final class CacheGuards {

    private CacheGuards() {}


    /** Exclusive locks: JDK locks, Redisson RLock, Spring Integration lock registries. */
    static final MethodMatcher LOCK_ACQUIRE = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.util.concurrent.locks.Lock")
            .named("lock", "tryLock", "lockInterruptibly");

    static final MethodMatcher STAMPED_WRITE_LOCK = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.util.concurrent.locks.StampedLock")
            .named("writeLock", "tryWriteLock", "writeLockInterruptibly");

    /** Calls that run their function argument at most once per key while others wait. */
    static final List<MethodMatcher> LOADER_CALLS = List.of(
            MethodMatcher.instanceMethod().onSubtypeOf("java.util.Map")
                    .named("computeIfAbsent", "compute", "computeIfPresent", "merge"),
            MethodMatcher.instanceMethod().onSubtypeOf("com.github.benmanes.caffeine.cache.Cache",
                    "com.google.common.cache.Cache", "org.springframework.cache.Cache")
                    .named("get").withArgumentCount(2),
            MethodMatcher.instanceMethod().onSubtypeOf("javax.cache.Cache").named("invoke"));

    /** Registration of an in-flight future for a key: single-flight by hand. */
    static final MethodMatcher FUTURE_REGISTRATION = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.util.Map")
            .named("putIfAbsent", "computeIfAbsent", "compute");

    static final Set<String> FUTURE_TYPES = Set.of("java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage");

    /** Randomness inside {@code Math.log(..)}: the XFetch early-refresh test. */
    static final MethodMatcher MATH_LOG = MethodMatcher.staticMethod().onSubtypeOf("java.lang.Math").named("log");
    static final Set<String> RANDOM_CALLS = Set.of("random", "nextDouble", "nextFloat");

    static boolean isLoaderCall(MethodCallExpr call, TypeResolver types) {
        for (MethodMatcher m : LOADER_CALLS) {
            if (m.matches(call, types)) {
                if (m.names().contains("get") && call.getArgument(1) instanceof ClassExpr) {
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    /** A call that, when it runs before the load, stops concurrent misses from all loading. */
    static boolean isGuardAcquire(MethodCallExpr call, TypeResolver types, ValueFlow tracer) {
        return LOCK_ACQUIRE.matches(call, types) || STAMPED_WRITE_LOCK.matches(call, types)
                || CacheApis.isExclusiveWrite(call, types, tracer) || isFutureRegistration(call, types);
    }

    private static boolean isFutureRegistration(MethodCallExpr call, TypeResolver types) {
        if (!FUTURE_REGISTRATION.matches(call, types) || call.getArguments().size() != 2) {
            return false;
        }
        Expression value = call.getArgument(1);
        if (value instanceof LambdaExpr lambda) {
            Optional<Expression> result = lambda.getExpressionBody();
            if (result.isEmpty() && lambda.getBody().isBlockStmt()) {
                result = lambda.getBody().asBlockStmt().getStatements().stream()
                        .filter(ReturnStmt.class::isInstance).map(s -> ((ReturnStmt) s).getExpression())
                        .flatMap(Optional::stream).findFirst();
            }
            if (result.isEmpty()) {
                return false;
            }
            value = result.get();
        }
        return types.typeOf(value).filter(t -> types.isSubtypeOfAny(t, FUTURE_TYPES)).isPresent();
    }

    /** {@code Math.log(random)} with a random draw: probabilistic early expiration. */
    static boolean isProbabilisticRefresh(MethodCallExpr call, TypeResolver types, ValueFlow tracer) {
        return MATH_LOG.matches(call, types) && call.getArguments().size() == 1
                && !tracer.callsBuilding(call.getArgument(0), RANDOM_CALLS).isEmpty();
    }
}
