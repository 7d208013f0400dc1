package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.StartupCode;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Part;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Role;
import dev.dbcheck.rules.dynamodb.KeyedRequests.Access;
import dev.dbcheck.rules.dynamodb.KeyedRequests.Request;
import java.util.Optional;

/**
 * Flags DynamoDB requests that pile traffic or items onto one partition key value: writes of a growing collection
 * under a constant partition key, atomic counters on a constant key, and queries of a constant partition key.
 * One named item read or written by its whole constant key is not a hot partition, nor is code that runs once.
 * Which attribute is a table's partition key is a project fact ({@link TableKeys}), so the rule decides at the end.
 */
public final class ConstantPartitionKey
        implements JavaRule.MethodCalls, JavaRule.ObjectCreations, JavaRule.ClassDeclarations, ProjectRule {

    private static final RuleMetadata METADATA = RuleMetadata.builder("ConstantPartitionKey")
            .family(Family.DYNAMODB_HOT_PARTITION)
            .severity(Severity.WARNING)
            .summary("DynamoDB writes, counters or queries piled on one constant partition key")
            .explanation("""
                    DynamoDB spreads a table over partitions by the partition key, and one partition serves at \
                    most 3,000 RCU and 1,000 WCU whatever the table's capacity. A hot partition is many requests \
                    or many items on one partition key value: writes whose partition key is a compile-time \
                    constant while the sort key varies per call (every new item of the collection lands on the \
                    same partition), an atomic counter on a constant key (ADD, or SET x = x + :n: every increment \
                    of every caller hits one item), and a Query whose partition-key condition is constant. The \
                    guide's example is a user ID key where one "user" is a shared test account generating \
                    millions of requests: it works in tests, then throttles with \
                    ProvisionedThroughputExceededException while the rest of the table is idle. Not flagged: one \
                    named item read or written by its whole constant key (a configuration row, a sample record), \
                    a query of a secondary index (a sparse status index is a designed access pattern), code that \
                    runs once (start-up code, main, and what only main or start-up code reaches, in any file of the \
                    project: an example program, a one-off tool), and tests. A finding names the entry point that \
                    reaches it (entryPoint=GET /stats/views) and the path.""")
            .fix("""
                    Use a per-entity partition key (the user, the order), or shard a key that must be shared: \
                    append a calculated suffix ("COUNTER#" + ThreadLocalRandom.current().nextInt(N)) on writes and \
                    read the N keys; move a hot counter out of DynamoDB (ElastiCache, a stream aggregation).""")
            .badExample("""
                    void countVisit() {
                        dynamo.updateItem(r -> r.tableName("counters")
                                .key(Map.of("pk", AttributeValue.fromS("GLOBAL")))
                                .updateExpression("ADD visits :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    }""")
            .goodExample("""
                    private static final int SHARDS = 20;

                    void countVisit() {
                        String shard = "GLOBAL#" + ThreadLocalRandom.current().nextInt(SHARDS);
                        dynamo.updateItem(r -> r.tableName("counters")
                                .key(Map.of("pk", AttributeValue.fromS(shard)))
                                .updateExpression("ADD visits :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        visit(call, context);
    }

    @Override
    public void visitObjectCreation(ObjectCreationExpr creation, JavaContext context) {
        visit(creation, context);
    }

    @Override
    public void visitClassDeclaration(ClassOrInterfaceDeclaration type, JavaContext context) {
        visit(type, context);
    }

    /** Table keys and keyed requests are read from calls, constructors and class declarations alike. */
    private void visit(Node node, JavaContext context) {
        if (!DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        TableKeys.collect(node, context);
        Optional<Request> read = KeyedRequests.read(node, context);
        if (read.isEmpty() || read.get().parts().isEmpty()) {
            return;
        }
        Request request = read.get();
        if (request.access() == Access.ITEM && request.bean() == null) {
            request.table().ifPresent(t -> TableKeys.keyMap(t,
                    request.parts().stream().map(Part::attribute).toList(), node, context));
        }
        Node site = KeyedRequests.clientCall(request.site(), context.types()).map(Node.class::cast)
                .orElse(request.site());
        if (StartupCode.of(context).runsOnce(site) || DynamoDbApi.isTestCode(site, context)
                || request.parts().stream().noneMatch(p -> p.constant().isPresent() && p.role() != Role.SORT)) {
            return;
        }
        // Code that only main or start-up code reaches (an example program, a one-off tool) runs once.
        Reach reach = context.entryPoints().reach(site);
        if (reach.verdict() == Reach.Verdict.ONCE_ONLY) {
            return;
        }
        request.parts().stream().filter(p -> p.constant().isPresent() && p.role() != Role.SORT)
                .forEach(part -> context.addFact(part.value(), HotKey.of(request, part, reach)));
    }

    @Override
    public void finish(ProjectContext context) {
        TableKeys keys = TableKeys.resolve(context.facts(), id());
        for (Fact fact : context.facts()) {
            Optional<HotKey> hot = fact.ruleId().equals(id()) ? fact.as(HotKey.class) : Optional.empty();
            hot.flatMap(h -> message(h, keys.match(h.table(), h.bean()))).ifPresent(message -> context.report(
                    fact.file(), fact.line(), fact.column(), hot.get().endLine(), hot.get().endColumn(),
                    METADATA.defaultSeverity(), message, hot.get().details()
                            .withHeadline(hot.get().headline(keys.match(hot.get().table(), hot.get().bean())))));
        }
    }

    /** The finding for {@code h} given its table's key: when its constant is the partition key and hot. */
    private static Optional<String> message(HotKey h, TableKeys.Match key) {
        boolean hot = h.access() == Access.QUERY || h.counter() != null || h.sortKeyVaries(key);
        return h.isPartitionKey(key) && hot ? Optional.of(h.describe(key, METADATA.family().cite()))
                : Optional.empty();
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, ConstantPartitionKey.class, TableKeys.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
