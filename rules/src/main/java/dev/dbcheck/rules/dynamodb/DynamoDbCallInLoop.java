package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.ItemCalls.CALLS;
import static dev.dbcheck.rules.dynamodb.ItemCalls.ENHANCED_TABLE;
import static dev.dbcheck.rules.dynamodb.ItemCalls.GETS;
import static dev.dbcheck.rules.dynamodb.ItemCalls.NAMES;
import static dev.dbcheck.rules.dynamodb.ItemCalls.PAGE_TYPES;
import static dev.dbcheck.rules.dynamodb.ItemCalls.PUTS;
import static dev.dbcheck.rules.dynamodb.ItemCalls.V1_MAPPER;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ElementLoops;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import java.util.List;
import java.util.Optional;

/**
 * One GetItem, PutItem or DeleteItem per element of a collection, with the key taken from the element: the
 * guide's "using DynamoDB like a relational database" (a loop of point reads where a batch or one Query
 * would do).
 *
 * <p>Facts: {@code BatchGetItem} takes up to 100 keys and 16 MB per call, {@code BatchWriteItem} up to 25 put
 * or delete requests and has no update form (domain-facts.md section 10, from the DynamoDB API reference);
 * the enhanced client's {@code batchGetItem}/{@code batchWriteItem} and the v1 mapper's {@code batchLoad},
 * {@code batchSave}, {@code batchDelete} are the batch forms (same section; SDKv2
 * {@code DynamoDbEnhancedClient.java}, SDKv1 {@code IDynamoDBMapper.java}). {@code UpdateItem} has no batch
 * form and is therefore not flagged. Loop shapes are in {@link ElementLoops}.
 */
public final class DynamoDbCallInLoop implements JavaRule.MethodCalls {

    private static final RuleMetadata METADATA = RuleMetadata.builder("DynamoDbCallInLoop")
            .family(Family.DYNAMODB_ACCESS_PATTERN)
            .severity(Severity.WARNING)
            .summary("One DynamoDB GetItem, PutItem or DeleteItem per element of a collection")
            .explanation("""
                    A loop (or a stream) that reads, writes or deletes one item per element makes N \
                    sequential round trips and N requests against the table's capacity: the latency grows \
                    with the collection, and a large collection is a burst of requests that provisioned \
                    tables throttle. This is using DynamoDB like a relational database, one row at a time. \
                    DynamoDB has batch forms: BatchGetItem reads up to 100 keys (16 MB) per call and \
                    BatchWriteItem puts or deletes up to 25 items per call; items that share a partition \
                    key are read with one Query. UpdateItem has no batch form and is not flagged. Loops over \
                    result pages, retry loops, loops over a few constant keys and calls whose key does not \
                    come from the loop element are not flagged either.""")
            .fix("""
                    Collect the keys and use BatchGetItem (enhanced client: batchGetItem, v1 mapper: \
                    batchLoad) or BatchWriteItem (batchWriteItem, batchSave, batchDelete), in chunks of 100 \
                    and 25, and retry the unprocessed keys or items with backoff; or model the items under \
                    one partition key and read them with one Query.""")
            .badExample("""
                    List<Order> orders(DynamoDbTable<Order> table, List<String> ids) {
                        List<Order> orders = new ArrayList<>();
                        for (String id : ids) {
                            orders.add(table.getItem(Key.builder().partitionValue(id).build()));
                        }
                        return orders;
                    }""")
            .goodExample("""
                    List<Order> orders(DynamoDbEnhancedClient enhanced, DynamoDbTable<Order> table, List<String> ids) {
                        ReadBatch.Builder<Order> batch = ReadBatch.builder(Order.class).mappedTableResource(table);
                        ids.forEach(id -> batch.addGetItem(Key.builder().partitionValue(id).build()));
                        // up to 100 keys per request; the SDK pages and resends unprocessed keys
                        return enhanced.batchGetItem(r -> r.readBatches(batch.build()))
                                .resultsForTable(table).stream().toList();
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        if (!NAMES.contains(call.getNameAsString()) || call.getArguments().isEmpty()
                || !DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        Optional<MethodMatcher> matched = CALLS.stream().filter(m -> m.matches(call, context.types())).findFirst();
        if (matched.isEmpty()) {
            return;
        }
        ElementLoops loops = new ElementLoops(context.types(), context.constants(), PAGE_TYPES);
        // The innermost loop whose element the key (or item) comes from: a retry loop inside it does not count.
        Optional<ElementLoops.ElementLoop> loop = loops.enclosing(call).stream()
                .filter(l -> call.getArguments().stream().anyMatch(l::uses))
                .findFirst();
        loop.ifPresent(l -> context.report(call.getName(), call, context.defaultSeverity(),
                message(call, matched.get(), l), headline(call, l)));
    }

    private static String message(MethodCallExpr call, MethodMatcher matched, ElementLoops.ElementLoop loop) {
        String name = call.getNameAsString();
        boolean get = GETS.contains(name);
        boolean put = PUTS.contains(name);
        String batch;
        if (matched == V1_MAPPER) {
            batch = get ? "one batchLoad (BatchGetItem, up to 100 keys per request)"
                    : (put ? "one batchSave" : "one batchDelete") + " (BatchWriteItem, up to 25 items per request)";
        } else if (matched == ENHANCED_TABLE) {
            batch = get ? "the enhanced client's batchGetItem (up to 100 keys per request)"
                    : "the enhanced client's batchWriteItem (up to 25 puts or deletes per request)";
        } else {
            batch = get ? "BatchGetItem (up to 100 keys per request)"
                    : "BatchWriteItem (up to 25 puts or deletes per request)";
        }
        String what = get ? "reads one item" : put ? "writes one item" : "deletes one item";
        return String.format("%s() %s per element of %s (loop at line %d): N sequential round trips and N "
                        + "requests against the table's capacity, so latency grows with the collection and a large "
                        + "one is a burst that throttles %s. Use %s, or one Query when the items share "
                        + "a partition key.",
                name, what, abbreviate(loop.over()), loop.line(), METADATA.family().cite(), batch);
    }

    /** "getItem() reads one item per element of ids (loop at line 27): ..." */
    private static dev.dbcheck.finding.Details headline(MethodCallExpr call, ElementLoops.ElementLoop loop) {
        String name = call.getNameAsString();
        String what = GETS.contains(name) ? "reads" : PUTS.contains(name) ? "writes" : "deletes";
        String batch = GETS.contains(name) ? "a batch get" : "a batch write";
        String start = name + "() " + what + " one item per element of ";
        String end = " (loop at line " + loop.line() + "): N round trips, and a large collection is a burst that "
                + "throttles the table; use " + batch + ".";
        return Headline.details(start + Headline.code(loop.over(), 30) + end,
                name + "() " + what + " one item per loop element (line " + loop.line() + "): N round trips, and a "
                        + "large collection is a burst that throttles the table; use " + batch + ".");
    }

    private static String abbreviate(String s) {
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, DynamoDbCallInLoop.class, ItemCalls.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
