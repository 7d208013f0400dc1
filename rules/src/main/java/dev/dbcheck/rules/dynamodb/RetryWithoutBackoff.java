package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.Backoff;
import dev.dbcheck.flow.Backoff.Delay;
import dev.dbcheck.flow.RetryLoops;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a hand-written retry loop around a DynamoDB call (a loop that repeats the call when it throws, or that
 * resends a batch's unprocessed items) which waits not at all or a constant time between attempts, or which
 * never stops.
 */
public final class RetryWithoutBackoff implements JavaRule.WhileLoops, JavaRule.DoLoops, JavaRule.ForLoops {

    /** Batch calls whose leftovers a loop may resend. */
    private static final List<MethodMatcher> BATCH_CALLS = List.of(UnprocessedItemsIgnored.V2_BATCH_WRITE,
            UnprocessedItemsIgnored.V2_BATCH_GET, UnprocessedItemsIgnored.ENHANCED_BATCH_WRITE,
            UnprocessedItemsIgnored.V1_BATCH_WRITE, UnprocessedItemsIgnored.V1_BATCH_GET,
            UnprocessedItemsIgnored.V1_DOCUMENT_BATCH_WRITE, UnprocessedItemsIgnored.V1_DOCUMENT_BATCH_GET,
            UnprocessedItemsIgnored.V1_MAPPER_BATCH);

    /** Reads of a batch's leftovers: a loop guarded by one resends them. */
    private static final Set<String> LEFTOVERS = Set.of("unprocessedItems", "hasUnprocessedItems", "unprocessedKeys",
            "hasUnprocessedKeys", "getUnprocessedItems", "getUnprocessedKeys", "unprocessedPutItemsForTable",
            "unprocessedDeleteItemsForTable");

    private static final RuleMetadata METADATA = RuleMetadata.builder("RetryWithoutBackoff")
            .family(Family.DYNAMODB_THROTTLING)
            .severity(Severity.WARNING)
            .summary("Retry loop around a DynamoDB call without exponential backoff or a bound")
            .explanation("""
                    A throttled request means the table, or one partition (3,000 RCU / 1,000 WCU), is over \
                    capacity. Retrying at once, or after the same fixed pause, sends the load straight back: \
                    every client retries in lockstep, the partition stays saturated and the retries fail \
                    again, and a loop without a bound never gives up. AWS recommends exponential backoff with \
                    jitter (full jitter: sleep = random(0, min(cap, base * 2^attempt))), giving up after about \
                    a minute. The SDK already does this for DynamoDB (SDK v2: 8 retries from 25 ms, capped at \
                    20 s), so a hand-written loop is often unnecessary. A loop that gives up in any branch (if \
                    (n < 5) sleep; else throw) is bounded; a resend inside an inner loop (over the batch's \
                    tables) belongs to the outer loop that repeats it. A loop that asks a retry library's \
                    backoff policy for the next wait (Google's or Beam's BackOffUtils.next and \
                    BackOff.nextBackOffMillis, Spring's BackOffExecution and BackOffPolicy, resilience4j's \
                    IntervalFunction, Failsafe's RetryPolicy) waits as the policy says, and is bounded when \
                    the policy's answer ends it (in the loop condition, or an exit guard that tests it).""")
            .fix("""
                    Leave retrying to the SDK's retry strategy, or back off exponentially with full jitter \
                    and bound the attempts (then fail loudly). The same goes for loops that resend a batch's \
                    unprocessed items.""")
            .badExample("""
                    void save(Map<String, AttributeValue> item) {
                        while (true) {
                            try {
                                dynamo.putItem(r -> r.tableName("orders").item(item));
                                return;
                            } catch (ProvisionedThroughputExceededException e) {
                                // try again
                            }
                        }
                    }""")
            .goodExample("""
                    void save(Map<String, AttributeValue> item) throws InterruptedException {
                        for (int attempt = 0; ; attempt++) {
                            try {
                                dynamo.putItem(r -> r.tableName("orders").item(item));
                                return;
                            } catch (ProvisionedThroughputExceededException e) {
                                if (attempt == 5) {
                                    throw e;
                                }
                                long cap = Math.min(20_000L, 50L << attempt);
                                Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
                            }
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitWhile(WhileStmt loop, JavaContext context) {
        visitLoop(loop, context);
    }

    @Override
    public void visitDo(DoStmt loop, JavaContext context) {
        visitLoop(loop, context);
    }

    @Override
    public void visitFor(ForStmt loop, JavaContext context) {
        visitLoop(loop, context);
    }

    private void visitLoop(Statement loop, JavaContext context) {
        if (!DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        TypeResolver types = context.types();
        RetryLoops loops = RetryLoops.of(context);
        Optional<String> retried = Optional.empty();
        boolean resend = false;
        for (MethodCallExpr call : loop.findAll(MethodCallExpr.class)) {
            boolean batch = isBatchCall(call, types);
            if (!batch && !DynamoDbApi.isDynamoDbCall(call, types)) {
                continue;
            }
            // A resend inside an inner loop (over the batch's tables) belongs to the outer loop that repeats it.
            if (batch && loops.resendLoop(call, LEFTOVERS).filter(l -> l == loop).isPresent()) {
                retried = Optional.of(call.getNameAsString());
                resend = true;
                break;
            }
            if (loops.enclosingLoop(call).filter(l -> l == loop).isEmpty()) {
                continue;
            }
            if (loops.retriesOnFailure(loop, call)) {
                retried = Optional.of(call.getNameAsString());
                break;
            }
        }
        if (retried.isEmpty()) {
            return;
        }
        Backoff backoff = loops.backoff(loop);
        boolean noBackoff = backoff.delay() == Delay.NONE || backoff.delay() == Delay.CONSTANT;
        if (!noBackoff && backoff.bounded()) {
            return;
        }
        String how = switch (backoff.delay()) {
            case NONE -> "immediately, without waiting" + (backoff.bounded() ? "" : ", and never gives up");
            case CONSTANT -> "after the same fixed pause every time, so clients retry in lockstep"
                    + (backoff.bounded() ? "" : ", and never gives up");
            case GROWING -> "with a growing pause" + (backoff.jittered() ? "" : " (without jitter)")
                    + " but never gives up";
            case UNKNOWN -> "with a pause but never gives up";
        };
        String what = resend
                ? "This loop resends the unprocessed items of " + retried.get() + "() "
                : "This loop retries " + retried.get() + "() ";
        String message = what + how + ": under throttling each retry goes back to a "
                + "table or partition that is already over capacity (3,000 RCU / 1,000 WCU per partition) and fails "
                + "again " + METADATA.family().cite() + ". Back off exponentially with full jitter, "
                + "sleep = random(0, min(cap, base * 2^attempt)), and bound the attempts; or leave retries to the "
                + "SDK (for DynamoDB, SDK v2 retries 8 times with backoff from 25 ms).";
        String shortHow = switch (backoff.delay()) {
            case NONE -> "immediately";
            case CONSTANT -> "after a fixed pause";
            case GROWING -> "with a growing pause";
            case UNKNOWN -> "with a pause";
        } + (backoff.bounded() ? "" : " and never gives up");
        // "immediately, without waiting" is the headline's fact; the lockstep and "never gives up" parts stay.
        context.report(loop, context.defaultSeverity(), message, Headline.details(
                what + how + ", hammering a table or partition already over capacity.",
                what + how + ", against a throttled table.", what + shortHow + ", against a throttled table."));
    }

    private static boolean isBatchCall(MethodCallExpr call, TypeResolver types) {
        for (MethodMatcher m : BATCH_CALLS) {
            if (m.matches(call, types)) {
                return true;
            }
        }
        return false;
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, RetryWithoutBackoff.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
