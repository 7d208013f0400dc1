package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.RetrySettings.disabling;
import static dev.dbcheck.rules.dynamodb.RetrySettings.noRetryPolicyConstant;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;

/**
 * Flags a DynamoDB client (SDK v1 or v2) configured with the SDK's retries turned off. Follows the
 * configuration object through locals, fields, constants and helper methods of the same file to the client
 * builder; the same calls on S3, SQS or other clients are not flagged, nor are reduced (non-zero) retries.
 */
public final class DynamoDbRetriesDisabled implements JavaRule.MethodCalls, JavaRule.FieldAccesses {

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
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        check(call, disabling(call, context), context);
    }

    @Override
    public void visitFieldAccess(FieldAccessExpr access, JavaContext context) {
        check(access, noRetryPolicyConstant(access, context.types()), context);
    }

    /** Reports {@code what} (a setting that turns retries off) when it reaches a DynamoDB client. */
    private void check(Expression node, Optional<String> what, JavaContext context) {
        TypeResolver types = context.types();
        if (what.isEmpty()) {
            return;
        }
        Optional<String> client = ClientConfigReach.dynamoDbClient(node, types, ValueFlow.of(context));
        if (client.isEmpty()) {
            return;
        }
        boolean v1 = DynamoDbApi.isV1(client.get());
        String defaults = v1
                ? "the SDK v1 retries DynamoDB requests up to 10 times with exponential backoff from 25 ms"
                : "the SDK v2 retries DynamoDB requests up to 8 times with exponential backoff from 25 ms, capped at 20 s";
        String timeout = v1 ? "withClientExecutionTimeout" : "apiCallTimeout";
        String retries = v1 ? "10" : "8";
        context.report(node, context.defaultSeverity(), String.format("%s turns off the SDK's retries for this DynamoDB client: %s, which "
                        + "absorbs throttling (ProvisionedThroughputExceededException); without them every throttle "
                        + "of a traffic spike or a hot partition fails the request %s. Keep the SDK's "
                        + "DynamoDB retry strategy and bound latency with %s instead.",
                what.get(), defaults, METADATA.family().cite(), timeout), Headline.details(
                Headline.code(what.get(), 60) + " turns off the SDK's " + retries + " DynamoDB retries, so every "
                        + "throttle of a traffic spike or a hot partition fails the request.",
                Headline.code(what.get(), 60) + " turns off the SDK's " + retries + " DynamoDB retries: every "
                        + "throttle fails the request."));
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, DynamoDbRetriesDisabled.class, RetrySettings.class, ClientConfigReach.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
