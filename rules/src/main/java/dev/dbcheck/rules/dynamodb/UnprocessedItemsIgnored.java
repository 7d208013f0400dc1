package dev.dbcheck.rules.dynamodb;

import dev.dbcheck.rule.Relevance;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.ENHANCED;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.flow.ValueUse;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import java.util.List;
import java.util.Set;

/**
 * Flags batch writes and reads whose leftovers (unprocessed items, unprocessed keys, failed batches) the
 * method never reads, resends or hands back to its caller. Under throttling DynamoDB accepts part of a batch
 * and returns the rest: ignoring it silently loses writes.
 */
public final class UnprocessedItemsIgnored implements JavaRule.MethodCalls {

    /**
     * One batch API shape and the reads of its leftovers.
     *
     * @param leftovers methods of the result that read the leftovers; empty means any use of the result does
     * @param what what is lost, for the message
     */
    private record Batch(MethodMatcher matcher, Set<String> leftovers, String leftoversName, boolean write) {}

    /** SDK v2 low-level client, sync and async. */
    static final MethodMatcher V2_BATCH_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient")
            .named("batchWriteItem")
            .orUnresolvedReceiverWithArgumentOf(V2 + "model.BatchWriteItemRequest");

    static final MethodMatcher V2_BATCH_GET = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient")
            .named("batchGetItem")
            .orUnresolvedReceiverWithArgumentOf(V2 + "model.BatchGetItemRequest");

    /**
     * SDK v2 enhanced client batch writes. (The enhanced {@code batchGetItem} is not here: it pages through
     * {@code batchGetItemPaginator}, which resends unprocessed keys itself.)
     */
    static final MethodMatcher ENHANCED_BATCH_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbEnhancedClient", ENHANCED + "DynamoDbEnhancedAsyncClient")
            .named("batchWriteItem")
            .orUnresolvedReceiverWithArgumentOf(ENHANCED + "model.BatchWriteItemEnhancedRequest");

    /** SDK v1 low-level client, sync and async. */
    static final MethodMatcher V1_BATCH_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB")
            .named("batchWriteItem", "batchWriteItemAsync")
            .orUnresolvedReceiverWithArgumentOf(V1 + "model.BatchWriteItemRequest");

    static final MethodMatcher V1_BATCH_GET = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB")
            .named("batchGetItem", "batchGetItemAsync")
            .orUnresolvedReceiverWithArgumentOf(V1 + "model.BatchGetItemRequest");

    /** SDK v1 document API: outcomes carry the leftovers. */
    static final MethodMatcher V1_DOCUMENT_BATCH_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.DynamoDB").named("batchWriteItem", "batchWriteItemUnprocessed");

    static final MethodMatcher V1_DOCUMENT_BATCH_GET = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.DynamoDB").named("batchGetItem", "batchGetItemUnprocessed");

    /** SDK v1 mapper: batch writes return the batches that failed ({@code List<FailedBatch>}). */
    static final MethodMatcher V1_MAPPER_BATCH = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper", V1 + "datamodeling.DynamoDBTableMapper")
            .named("batchSave", "batchWrite", "batchDelete");

    private static final List<Batch> BATCHES = List.of(
            new Batch(V2_BATCH_WRITE, Set.of("unprocessedItems", "hasUnprocessedItems"), "unprocessedItems()", true),
            new Batch(V2_BATCH_GET, Set.of("unprocessedKeys", "hasUnprocessedKeys"), "unprocessedKeys()", false),
            new Batch(ENHANCED_BATCH_WRITE, Set.of("unprocessedPutItemsForTable", "unprocessedDeleteItemsForTable"),
                    "unprocessedPutItemsForTable() / unprocessedDeleteItemsForTable()", true),
            new Batch(V1_BATCH_WRITE, Set.of("getUnprocessedItems"), "getUnprocessedItems()", true),
            new Batch(V1_BATCH_GET, Set.of("getUnprocessedKeys"), "getUnprocessedKeys()", false),
            new Batch(V1_DOCUMENT_BATCH_WRITE, Set.of("getUnprocessedItems"), "getUnprocessedItems()", true),
            new Batch(V1_DOCUMENT_BATCH_GET, Set.of("getUnprocessedKeys"), "getUnprocessedKeys()", false),
            new Batch(V1_MAPPER_BATCH, Set.of(), "failed batches (List<FailedBatch>)", true));

    private static final Set<String> NAMES = Set.of("batchWriteItem", "batchGetItem", "batchWriteItemAsync",
            "batchGetItemAsync", "batchWriteItemUnprocessed", "batchGetItemUnprocessed", "batchSave", "batchWrite",
            "batchDelete");

    private static final RuleMetadata METADATA = RuleMetadata.builder("UnprocessedItemsIgnored")
            .family(Family.DYNAMODB_THROTTLING)
            .severity(Severity.ERROR)
            .summary("Unprocessed items of a DynamoDB batch are never retried")
            .explanation("""
                    BatchWriteItem and BatchGetItem succeed as long as one item succeeds: whatever DynamoDB \
                    could not process comes back in UnprocessedItems / UnprocessedKeys (DynamoDBMapper's \
                    batchSave, batchWrite and batchDelete return them as a List<FailedBatch>). The most likely \
                    cause is throttling: the table's capacity or one partition's 3,000 RCU / 1,000 WCU is \
                    exceeded. No exception is thrown, so code that ignores the response loses those writes \
                    (or silently returns fewer items) exactly when the table is under pressure. The response \
                    is followed through locals, futures (join, continuations), lambdas, handler methods of the \
                    same class and anonymous classes; one returned to the caller, also through a lambda, is the \
                    caller's to handle, while one dropped by forEach or execute is lost.""")
            .fix("""
                    Resend the unprocessed items until none are left, with exponential backoff and jitter \
                    between attempts and a bound on the attempts, then fail loudly; or return them to the \
                    caller. For reads, the SDK v2 batchGetItemPaginator and the enhanced client's batchGetItem \
                    resend unprocessed keys themselves.""")
            .badExample("""
                    void saveAll(List<WriteRequest> writes) {
                        dynamo.batchWriteItem(r -> r.requestItems(Map.of("orders", writes)));
                    }""")
            .goodExample("""
                    void saveAll(List<WriteRequest> writes) throws InterruptedException {
                        Map<String, List<WriteRequest>> pending = Map.of("orders", writes);
                        for (int attempt = 0; !pending.isEmpty(); attempt++) {
                            if (attempt == 8) {
                                throw new IllegalStateException("orders throttled: " + pending.size() + " tables left");
                            }
                            if (attempt > 0) {
                                Thread.sleep(ThreadLocalRandom.current().nextLong(Math.min(20_000L, 25L << attempt)));
                            }
                            Map<String, List<WriteRequest>> request = pending;
                            pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        if (!NAMES.contains(call.getNameAsString()) || !DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        for (Batch batch : BATCHES) {
            if (!batch.matcher().matches(call, context.types())) {
                continue;
            }
            ValueUse use = ValueFlow.of(context).usesOf(call);
            boolean handled = use.escapes()
                    || (batch.leftovers().isEmpty() ? use.isUsed() : use.calls(batch.leftovers()));
            if (!handled) {
                report(call, batch, use, context);
            }
            return;
        }
    }

    private static void report(MethodCallExpr call, Batch batch, ValueUse use, JavaContext context) {
        String name = call.getNameAsString() + "()";
        String where = use.variable().map(v -> "the result in '" + v + "' is kept, but its ")
                .orElse("the result is discarded: its ");
        String lost = batch.write()
                ? "ignoring them silently loses those writes"
                : "ignoring them silently returns fewer items than were asked for";
        String message = String.format("%s: %s%s are never read, retried or returned. DynamoDB accepts part of a "
                        + "batch and hands back the rest, most often because the table or one partition (3,000 RCU / "
                        + "1,000 WCU) is throttled; %s %s. Resend them with exponential backoff and jitter "
                        + "until none are left (bounded), or return them to the caller.",
                name, where, batch.leftoversName(), lost, METADATA.family().cite());
        String dropped = batch.write() ? "the writes DynamoDB hands back under throttling are silently lost."
                : "the keys DynamoDB hands back under throttling are silently missing from the result.";
        context.report(call.getName(), call, context.defaultSeverity(), message, Headline.details(
                name + " never reads its " + batch.leftoversName() + ": " + dropped, name + " never reads what is "
                        + "left over: " + dropped));
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, UnprocessedItemsIgnored.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
