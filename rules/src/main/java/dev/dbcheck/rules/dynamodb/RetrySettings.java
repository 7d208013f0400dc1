package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;

/**
 * The SDK settings that turn a client's retries off, for {@link DynamoDbRetriesDisabled}: v2
 * {@code RetryPolicy.none()}, the never-retrying strategies, {@code numRetries(0)} and {@code maxAttempts(1)} in a
 * retry strategy; v1 {@code withMaxErrorRetry(0)}, a predefined policy with no retries and
 * {@code NO_RETRY_POLICY}. Each is matched by the declared type of its receiver.
 */
final class RetrySettings {

    private static final String V2_RETRY_POLICY = "software.amazon.awssdk.core.retry.RetryPolicy";
    private static final String V2_OVERRIDE = "software.amazon.awssdk.core.client.config.ClientOverrideConfiguration";
    private static final String V1_CONFIG = "com.amazonaws.ClientConfiguration";
    private static final String V1_POLICIES = "com.amazonaws.retry.PredefinedRetryPolicies";

    /** v2: {@code RetryPolicy.none()}: no retries, no backoff. */
    private static final MethodMatcher V2_POLICY_NONE = MethodMatcher.staticMethod()
            .onSubtypeOf(V2_RETRY_POLICY).named("none").withArgumentCount(0);

    /** v2: the retry strategies that never retry. */
    private static final MethodMatcher V2_DO_NOT_RETRY = MethodMatcher.staticMethod()
            .onSubtypeOf("software.amazon.awssdk.awscore.retry.AwsRetryStrategy",
                    "software.amazon.awssdk.retries.DefaultRetryStrategy")
            .named("doNotRetry").withArgumentCount(0);

    /** v2: {@code RetryPolicy.builder().numRetries(0)}. */
    private static final MethodMatcher V2_NUM_RETRIES = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2_RETRY_POLICY + ".Builder").named("numRetries").withArgumentCount(1);

    /** v1: {@code new ClientConfiguration().withMaxErrorRetry(0)} / {@code setMaxErrorRetry(0)}. */
    private static final MethodMatcher V1_MAX_ERROR_RETRY = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1_CONFIG).named("withMaxErrorRetry", "setMaxErrorRetry").withArgumentCount(1);

    /** v1: a predefined policy with a custom retry count. */
    private static final MethodMatcher V1_CUSTOM_MAX_RETRIES = MethodMatcher.staticMethod()
            .onSubtypeOf(V1_POLICIES)
            .named("getDynamoDBDefaultRetryPolicyWithCustomMaxRetries", "getDefaultRetryPolicyWithCustomMaxRetries")
            .withArgumentCount(1);

    /** v2: where a retry strategy builder is configured ({@code retryStrategy(b -> b.maxAttempts(1))}). */
    private static final MethodMatcher V2_RETRY_STRATEGY = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2_OVERRIDE + ".Builder").named("retryStrategy").withArgumentCount(1);

    /** A description of the call when it turns retries off. */
    static Optional<String> disabling(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        String name = call.getNameAsString();
        switch (name) {
            case "none", "doNotRetry", "numRetries", "withMaxErrorRetry", "setMaxErrorRetry", "maxAttempts",
                    "getDynamoDBDefaultRetryPolicyWithCustomMaxRetries", "getDefaultRetryPolicyWithCustomMaxRetries" -> {
            }
            default -> {
                return Optional.empty();
            }
        }
        if (V2_POLICY_NONE.matches(call, types)) {
            return Optional.of("RetryPolicy.none()");
        }
        if (V2_DO_NOT_RETRY.matches(call, types)) {
            return Optional.of("doNotRetry()");
        }
        if ((V2_NUM_RETRIES.matches(call, types) || V1_MAX_ERROR_RETRY.matches(call, types)
                || V1_CUSTOM_MAX_RETRIES.matches(call, types)) && isLong(call, 0, 0, context)) {
            return Optional.of(name + "(0)");
        }
        if (name.equals("maxAttempts") && call.getArguments().size() == 1 && isLong(call, 0, 1, context)
                && insideRetryStrategy(call, types)) {
            return Optional.of("maxAttempts(1)");
        }
        return Optional.empty();
    }

    private static boolean isLong(MethodCallExpr call, int argument, long value, JavaContext context) {
        return context.constants().longValue(call.getArgument(argument)).filter(v -> v == value).isPresent();
    }

    /** {@code retryStrategy(b -> b.maxAttempts(1))} or a strategy built inline in {@code retryStrategy(..)}. */
    private static boolean insideRetryStrategy(MethodCallExpr call, TypeResolver types) {
        Node n = call.getParentNode().orElse(null);
        while (n instanceof Expression || n instanceof Statement && n.findAncestor(LambdaExpr.class).isPresent()) {
            if (n instanceof MethodCallExpr outer && outer.getNameAsString().equals("retryStrategy")
                    && (V2_RETRY_STRATEGY.matches(outer, types) || isOverrideBuilderLambdaParameter(outer, types))) {
                return true;
            }
            n = n.getParentNode().orElse(null);
        }
        return false;
    }

    /** {@code o} in {@code overrideConfiguration(o -> o.retryStrategy(..))}: an override configuration builder. */
    private static boolean isOverrideBuilderLambdaParameter(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty() || !(call.getScope().get() instanceof NameExpr name)) {
            return false;
        }
        Optional<LambdaExpr> lambda = call.findAncestor(LambdaExpr.class);
        return lambda.isPresent()
                && lambda.get().getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name.getNameAsString()))
                && lambda.get().getParentNode().filter(p -> p instanceof MethodCallExpr m
                        && m.getNameAsString().equals("overrideConfiguration")).isPresent();
    }

    static Optional<String> noRetryPolicyConstant(FieldAccessExpr field, TypeResolver types) {
        if (field.getNameAsString().equals("NO_RETRY_POLICY")
                && types.typeReferencedBy(field.getScope()).filter(V1_POLICIES::equals).isPresent()) {
            return Optional.of("PredefinedRetryPolicies.NO_RETRY_POLICY");
        }
        return Optional.empty();
    }

    private RetrySettings() {}
}
