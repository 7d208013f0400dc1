package dev.dbcheck.rules.dynamodb;

import dev.dbcheck.rule.Relevance;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a DynamoDB client (SDK v1 or v2) configured with the SDK's retries turned off. Follows the
 * configuration object through locals, fields, constants and helper methods of the same file to the client
 * builder; the same calls on S3, SQS or other clients are not flagged, nor are reduced (non-zero) retries.
 */
public final class DynamoDbRetriesDisabled implements JavaRule {

    private static final String V2_RETRY_POLICY = "software.amazon.awssdk.core.retry.RetryPolicy";
    private static final String V2_OVERRIDE = "software.amazon.awssdk.core.client.config.ClientOverrideConfiguration";
    private static final String V1_CONFIG = "com.amazonaws.ClientConfiguration";
    private static final String V1_POLICIES = "com.amazonaws.retry.PredefinedRetryPolicies";

    /** v2: {@code RetryPolicy.none()}: no retries, no backoff. */
    static final MethodMatcher V2_POLICY_NONE = MethodMatcher.staticMethod()
            .onSubtypeOf(V2_RETRY_POLICY).named("none").withArgumentCount(0);

    /** v2: the retry strategies that never retry. */
    static final MethodMatcher V2_DO_NOT_RETRY = MethodMatcher.staticMethod()
            .onSubtypeOf("software.amazon.awssdk.awscore.retry.AwsRetryStrategy",
                    "software.amazon.awssdk.retries.DefaultRetryStrategy")
            .named("doNotRetry").withArgumentCount(0);

    /** v2: {@code RetryPolicy.builder().numRetries(0)}. */
    static final MethodMatcher V2_NUM_RETRIES = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2_RETRY_POLICY + ".Builder").named("numRetries").withArgumentCount(1);

    /** v1: {@code new ClientConfiguration().withMaxErrorRetry(0)} / {@code setMaxErrorRetry(0)}. */
    static final MethodMatcher V1_MAX_ERROR_RETRY = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1_CONFIG).named("withMaxErrorRetry", "setMaxErrorRetry").withArgumentCount(1);

    /** v1: a predefined policy with a custom retry count. */
    static final MethodMatcher V1_CUSTOM_MAX_RETRIES = MethodMatcher.staticMethod()
            .onSubtypeOf(V1_POLICIES)
            .named("getDynamoDBDefaultRetryPolicyWithCustomMaxRetries", "getDefaultRetryPolicyWithCustomMaxRetries")
            .withArgumentCount(1);

    /** v2: where a retry strategy builder is configured ({@code retryStrategy(b -> b.maxAttempts(1))}). */
    static final MethodMatcher V2_RETRY_STRATEGY = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2_OVERRIDE + ".Builder").named("retryStrategy").withArgumentCount(1);

    /** Where a configuration enters a client builder. */
    private static final Set<String> CONFIG_SINKS = Set.of("overrideConfiguration", "withClientConfiguration",
            "setClientConfiguration", "clientConfiguration");

    private static final int MAX_DEPTH = 6;

    private static final RuleMetadata METADATA = RuleMetadata.builder("DynamoDbRetriesDisabled")
            .family(Family.DYNAMODB_THROTTLING)
            .severity(Severity.ERROR)
            .summary("DynamoDB client built with the SDK's retries turned off")
            .explanation("""
                    Provisioned tables throttle requests above their capacity, and any table throttles a \
                    partition above 3,000 RCU or 1,000 WCU, with ProvisionedThroughputExceededException. The \
                    AWS SDKs absorb this: for DynamoDB, SDK v2 retries up to 8 times with exponential backoff \
                    from 25 ms (capped at 20 s), SDK v1 up to 10 times. A client built with retries off \
                    (RetryPolicy.none(), numRetries(0), doNotRetry(), maxAttempts(1), maxErrorRetry 0, \
                    NO_RETRY_POLICY) turns every throttle of a traffic spike into a failed request, and \
                    application code rarely retries as well as the SDK does.""")
            .fix("""
                    Keep the SDK's DynamoDB retry strategy (or raise the attempts); bound latency with \
                    apiCallTimeout / apiCallAttemptTimeout (v2) or withClientExecutionTimeout (v1) instead \
                    of disabling retries. Monitor throttling (ThrottledRequests, ReadThrottleEvents, \
                    WriteThrottleEvents).""")
            .badExample("""
                    DynamoDbClient dynamo = DynamoDbClient.builder()
                            .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                            .build();""")
            .goodExample("""
                    DynamoDbClient dynamo = DynamoDbClient.builder()
                            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2)))
                            .build(); // the SDK's DynamoDB retries (8, exponential backoff) stay on""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class, FieldAccessExpr.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        TypeResolver types = context.types();
        Optional<String> what = node instanceof MethodCallExpr call
                ? disabling(call, context)
                : noRetryPolicyConstant((FieldAccessExpr) node, types);
        if (what.isEmpty()) {
            return;
        }
        Optional<String> client = reachesDynamoDbClient((Expression) node, types, ValueFlow.of(context),
                Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        if (client.isEmpty()) {
            return;
        }
        boolean v1 = DynamoDbApi.isV1(client.get());
        String defaults = v1
                ? "the SDK v1 retries DynamoDB requests up to 10 times with exponential backoff from 25 ms"
                : "the SDK v2 retries DynamoDB requests up to 8 times with exponential backoff from 25 ms, capped at 20 s";
        String timeout = v1 ? "withClientExecutionTimeout" : "apiCallTimeout";
        context.report(node, String.format("%s turns off the SDK's retries for this DynamoDB client: %s, which "
                        + "absorbs throttling (ProvisionedThroughputExceededException); without them every throttle "
                        + "of a traffic spike or a hot partition fails the request (guide: %s). Keep the SDK's "
                        + "DynamoDB retry strategy and bound latency with %s instead.",
                what.get(), defaults, METADATA.family().shortSection(), timeout));
    }

    /** A description of the call when it turns retries off. */
    private static Optional<String> disabling(MethodCallExpr call, JavaContext context) {
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

    private static Optional<String> noRetryPolicyConstant(FieldAccessExpr field, TypeResolver types) {
        if (field.getNameAsString().equals("NO_RETRY_POLICY")
                && types.typeReferencedBy(field.getScope()).filter(V1_POLICIES::equals).isPresent()) {
            return Optional.of("PredefinedRetryPolicies.NO_RETRY_POLICY");
        }
        return Optional.empty();
    }

    // ---- where the configuration goes ------------------------------------------------------------------

    /**
     * The DynamoDB client type the configuration containing {@code value} is handed to, if this file shows
     * it: up through the expression (and lambdas) to a client builder's configuration call; through the
     * local, field or constant it is stored in; through the helper method that returns it.
     */
    private static Optional<String> reachesDynamoDbClient(Expression value, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(value)) {
            return Optional.empty();
        }
        Node child = value;
        Node n = value.getParentNode().orElse(null);
        while (n != null && !(n instanceof BodyDeclaration<?> && !(n instanceof FieldDeclaration))) {
            if (n instanceof MethodCallExpr call) {
                Optional<String> sink = sink(call, child, types);
                if (sink.isPresent()) {
                    return sink.get().isEmpty() ? Optional.empty() : sink;
                }
            } else if (n instanceof ObjectCreationExpr create && create.getArguments().contains(child)) {
                Optional<String> created = types.resolve(create.getType());
                if (created.filter(DynamoDbApi.V1_CLIENT_CLASSES::contains).isPresent()) {
                    return created;
                }
            } else if (n instanceof VariableDeclarator declarator) {
                return followVariable(ValueFlow.declaredBy(declarator), types, flow, seen, depth);
            } else if (n instanceof AssignExpr assign && assign.getValue() == child) {
                return flow.variableOf(assign.getTarget())
                        .flatMap(v -> followVariable(v, types, flow, seen, depth));
            } else if (n instanceof ReturnStmt ret) {
                return followMethodResult(ret, types, flow, seen, depth);
            } else if (n instanceof Statement && !(n.getParentNode().orElse(null) instanceof LambdaExpr)
                    && n.findAncestor(LambdaExpr.class).isEmpty()) {
                // cfg.setMaxErrorRetry(0); builder.retryPolicy(..);: the configuration is the chain's root variable.
                return rootVariable(child).flatMap(flow::variableOf)
                        .flatMap(v -> followVariable(v, types, flow, seen, depth));
            }
            child = n;
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * For a call on the way up: the client type when it is a DynamoDB builder's configuration call; an empty
     * string when it hands the configuration to another client's builder (stop: not DynamoDB); empty to go on.
     */
    private static Optional<String> sink(MethodCallExpr call, Node child, TypeResolver types) {
        if (!CONFIG_SINKS.contains(call.getNameAsString()) || call.getScope().isEmpty()
                || call.getScope().get() == child) {
            return Optional.empty();
        }
        Optional<String> builder = types.typeOf(call.getScope().get());
        if (builder.isEmpty()) {
            return Optional.empty();
        }
        if (types.isSubtypeOfAny(builder.get(), DynamoDbApi.CLIENT_BUILDERS)) {
            return builder;
        }
        return Optional.of("");
    }

    private static Optional<Expression> rootVariable(Node expression) {
        Node n = expression;
        while (n instanceof MethodCallExpr call && call.getScope().isPresent()) {
            n = call.getScope().get();
        }
        return n instanceof NameExpr || n instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                ? Optional.of((Expression) n)
                : Optional.empty();
    }

    /** Every read of the variable the configuration is stored in (a local in its method, a field in the file). */
    private static Optional<String> followVariable(ValueFlow.Variable variable, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        for (Expression use : flow.reads(variable)) {
            Optional<String> found = reachesDynamoDbClient(use, types, flow, seen, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** {@code ClientConfiguration noRetries() { return ...; }}: follow the calls of the helper. */
    private static Optional<String> followMethodResult(ReturnStmt ret, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        Optional<MethodDeclaration> method = ret.findAncestor(MethodDeclaration.class);
        if (method.isEmpty()) {
            return Optional.empty();
        }
        String name = method.get().getNameAsString();
        for (MethodCallExpr call : types.compilationUnit().findAll(MethodCallExpr.class,
                c -> c.getNameAsString().equals(name) && (c.getScope().isEmpty() || c.getScope().get() instanceof ThisExpr))) {
            Optional<String> found = reachesDynamoDbClient(call, types, flow, seen, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, DynamoDbRetriesDisabled.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
