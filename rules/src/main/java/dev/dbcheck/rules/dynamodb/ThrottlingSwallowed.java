package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.CatchHandling.caughtTypes;
import static dev.dbcheck.rules.dynamodb.CatchHandling.directDynamoDbCall;
import static dev.dbcheck.rules.dynamodb.CatchHandling.handles;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;

/**
 * Flags a catch of DynamoDB throttling (or of a service exception type that includes it, directly around a
 * DynamoDB call) whose handler ignores the exception: no rethrow, no log, no metric, no retry, no use of the
 * exception at all. {@code Exception}, {@code RuntimeException} and {@code Throwable} catches are left to
 * general-purpose linters.
 */
public final class ThrottlingSwallowed implements JavaRule.CatchClauses {

    private static final RuleMetadata METADATA = RuleMetadata.builder("ThrottlingSwallowed")
            .family(Family.DYNAMODB_THROTTLING)
            .severity(Severity.WARNING)
            .summary("DynamoDB throttling caught and ignored")
            .explanation("""
                    DynamoDB rejects requests above a table's provisioned capacity, and above 3,000 RCU or \
                    1,000 WCU on a single partition, with ProvisionedThroughputExceededException (or \
                    RequestLimitExceededException / ThrottlingException). By the time the application sees \
                    one, the SDK has already retried (8 times in SDK v2, 10 in v1). A catch block that \
                    ignores it drops the read or write silently: data is lost or stale, and nothing tells \
                    the team that the table is throttling. The guide's rule is that the application handles \
                    throttling with exponential backoff and that monitoring surfaces throttling events. A \
                    catch of DynamoDbException, AwsServiceException, AmazonServiceException or \
                    AmazonClientException around a DynamoDB call catches throttling too.""")
            .fix("""
                    Rethrow (or let it propagate) so the caller can back off or fail visibly; if the failure \
                    may be tolerated, log it and record a metric (a throttle counter) before moving on, or \
                    retry with exponential backoff and jitter.""")
            .badExample("""
                    void record(Order order) {
                        try {
                            dynamo.putItem(r -> r.tableName("orders").item(toItem(order)));
                        } catch (ProvisionedThroughputExceededException e) {
                            // ignore: best effort
                        }
                    }""")
            .goodExample("""
                    void record(Order order) {
                        try {
                            dynamo.putItem(r -> r.tableName("orders").item(toItem(order)));
                        } catch (ProvisionedThroughputExceededException e) {
                            throttles.increment();
                            log.warn("orders table throttled; order {} not recorded", order.id(), e);
                            throw e;
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitCatchClause(CatchClause clause, JavaContext context) {
        if (!DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        TypeResolver types = context.types();
        List<String> caught = caughtTypes(clause, types);
        Optional<String> throttling = caught.stream().filter(DynamoDbApi.THROTTLING_EXCEPTIONS::contains).findFirst();
        Optional<String> broad = caught.stream().filter(DynamoDbApi.BROAD_SERVICE_EXCEPTIONS::contains).findFirst();
        if (throttling.isEmpty() && broad.isEmpty()) {
            return;
        }
        TryStmt tryStmt = (TryStmt) clause.getParentNode().orElseThrow();
        Optional<MethodCallExpr> dynamoCall = directDynamoDbCall(tryStmt, types);
        if (throttling.isEmpty() && dynamoCall.isEmpty()) {
            return;
        }
        if (handles(clause, tryStmt, dynamoCall, context)) {
            return;
        }
        String type = simpleName(throttling.orElseGet(broad::get));
        String what = throttling.isPresent()
                ? "catch (" + type + ") ignores DynamoDB throttling"
                : "catch (" + type + ") around " + dynamoCall.get().getNameAsString()
                        + "() also catches DynamoDB throttling (ProvisionedThroughputExceededException) and ignores it";
        String headline = (throttling.isPresent() ? "catch (" + type + ") swallows DynamoDB throttling"
                : "catch (" + type + ") around " + dynamoCall.get().getNameAsString()
                        + "() swallows DynamoDB throttling too")
                + ": the rejected request is silently dropped and nobody sees the throttling.";
        context.report(clause, context.defaultSeverity(), String.format("%s: it is neither rethrown, logged, counted nor retried, so a request "
                        + "DynamoDB rejected because the table or one partition (3,000 RCU / 1,000 WCU) is over "
                        + "capacity is silently dropped, after the SDK's own retries, and nobody sees the throttling "
                        + "%s. Rethrow it, or log it and record "
                        + "a throttle metric, or retry with exponential backoff and jitter.",
                what, METADATA.family().cite("monitoring must surface throttling events")),
                Headline.details(headline));
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, CatchHandling.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
