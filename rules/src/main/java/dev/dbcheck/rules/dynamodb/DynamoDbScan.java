package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.model.Decorators;
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
 * Flags every call that executes a DynamoDB Scan (or a PartiQL SELECT that becomes one), where the project
 * decides to scan: at the scan itself, or, for a scan wrapper whose request comes from its caller
 * ({@link ScanWrappers}), at each project call that gives it its own request. Decorators' forwarding calls,
 * wrappers nobody in the project calls, and the continuation pages of a scan are not reported.
 */
public final class DynamoDbScan implements JavaRule.MethodCalls, JavaRule.ObjectCreations {

    private static final String V2 = "software.amazon.awssdk.services.dynamodb.";
    private static final String ENHANCED = "software.amazon.awssdk.enhanced.dynamodb.";
    private static final String V1 = "com.amazonaws.services.dynamodbv2.";

    /** SDK v2 low-level client: scan and the paginator that scans the whole table lazily. */
    static final MethodMatcher V2_CLIENT_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient")
            .named("scan", "scanPaginator")
            .orUnresolvedReceiverWithArgumentOf(V2 + "model.ScanRequest");

    /** SDK v2 enhanced client: tables and indexes, every overload of scan. */
    static final MethodMatcher ENHANCED_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbTable", ENHANCED + "DynamoDbAsyncTable", ENHANCED + "DynamoDbIndex",
                    ENHANCED + "DynamoDbAsyncIndex")
            .named("scan")
            .withArgumentCount(n -> n <= 1)
            .orUnresolvedReceiverWithArgumentOf(ENHANCED + "model.ScanEnhancedRequest");

    /** SDK v1 client, sync and async: every scan overload. */
    static final MethodMatcher V1_CLIENT_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB")
            .named("scan", "scanAsync")
            .orUnresolvedReceiverWithArgumentOf(V1 + "model.ScanRequest");

    /** SDK v1 document API. */
    static final MethodMatcher V1_DOCUMENT_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.Table", V1 + "document.Index")
            .named("scan");

    /** SDK v1 mapper: the lazy list returned by scan reads every page as it is iterated. */
    static final MethodMatcher V1_MAPPER_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper", V1 + "datamodeling.DynamoDBTableMapper")
            .named("scan", "parallelScan", "scanPage")
            .orUnresolvedReceiverWithArgumentOf(V1 + "datamodeling.DynamoDBScanExpression");

    /**
     * {@code mapper.count(Type.class, expression[, config])} and {@code tableMapper.count(expression)}: the overload
     * is chosen by the expression's type. With a {@code DynamoDBScanExpression} it counts by scanning; with a
     * {@code DynamoDBQueryExpression} it is a keyed query ({@code IDynamoDBMapper} and {@code DynamoDBTableMapper}
     * declare both, aws/aws-sdk-java: aws-java-sdk-dynamodb/.../datamodeling/DynamoDBTableMapper.java). Only
     * {@link #countScans} decides.
     */
    static final MethodMatcher V1_MAPPER_COUNT = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper", V1 + "datamodeling.DynamoDBTableMapper")
            .named("count")
            .orUnresolvedReceiverWithArgumentOf(V1 + "datamodeling.DynamoDBScanExpression");

    private static final String SCAN_EXPRESSION = V1 + "datamodeling.DynamoDBScanExpression";

    /** Spring Cloud AWS 3.x template. */
    static final MethodMatcher SPRING_CLOUD_SCAN = MethodMatcher.instanceMethod()
            .onSubtypeOf("io.awspring.cloud.dynamodb.DynamoDbOperations")
            .named("scanAll", "scan");

    /** PartiQL statements, v1 and v2: a SELECT without WHERE reads the whole table. */
    static final MethodMatcher PARTIQL = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient", V1 + "AmazonDynamoDB")
            .named("executeStatement", "executeStatementAsync");

    private static final List<MethodMatcher> SCANS = List.of(V2_CLIENT_SCAN, ENHANCED_SCAN, V1_CLIENT_SCAN,
            V1_DOCUMENT_SCAN, V1_MAPPER_SCAN, SPRING_CLOUD_SCAN);

    private static final Set<String> SEGMENT_SETTERS = Set.of("segment", "totalSegments", "withSegment",
            "withTotalSegments");
    private static final Set<String> STATEMENT_SETTERS = Set.of("statement", "withStatement");

    private static final RuleMetadata METADATA = RuleMetadata.builder("DynamoDbScan")
            .family(Family.DYNAMODB_SCAN)
            .severity(Severity.WARNING)
            .summary("DynamoDB Scan reads the whole table")
            .explanation("""
                    A Scan reads every item of a table or index and filters afterwards. Each 1 MB page costs \
                    128 read capacity units (256 when strongly consistent), so the cost grows with the table, \
                    not with the result. As the table grows the call gets slower, and it consumes the read \
                    capacity that keyed traffic needs: requests to the same partitions are throttled with \
                    ProvisionedThroughputExceededException. A parallel scan (segments) can consume all of \
                    the table's provisioned read capacity quickly. DynamoDB serves arbitrary queries only \
                    through a full table scan; access patterns must be designed up front. A project class \
                    that implements or extends the SDK client (a decorator that times or retries calls) is \
                    a client too: the scan is reported where its callers call it, not at the forwarding call \
                    inside its own scan(). A scan wrapper (a method that is not private and whose scan \
                    request, scan expression, entity class, table handle or table name comes from its \
                    parameters, such as a generic scanAll(Class<T> type) helper or a library's scan API) runs \
                    the scan its caller describes: the finding is at each call in the project that gives it \
                    its own request, followed through wrappers of wrappers three methods deep, and a library \
                    whose wrappers nobody in the project calls gets none. Values that only fill a filter do \
                    not make a wrapper: a DAO method that scans its table for a status its caller gives is \
                    reported where it scans, as is a listing with nothing from its caller; but a request the \
                    method builds only from what its caller gives (new ScanSpec().withScanFilters(filters), a \
                    filter expression with its name and value maps), with nothing of its own, is its caller's \
                    request in another form. A class that keeps \
                    a scan request its constructor is given and runs it later (a lazy page list or iterator) \
                    runs the scan of whoever creates it: the finding is where the object is created with its \
                    own request (or at the callers of a method that creates it with theirs), once per scan, \
                    never inside the class, nor where the class creates its next page with the request it was \
                    given. The mapper's count runs a Scan only with a scan expression; \
                    count(Class, DynamoDBQueryExpression) is a keyed query. The pages of one paginated scan \
                    (the first call and the calls that continue from its exclusiveStartKey) are one finding, \
                    at the first call. A single page with a constant limit, never continued (a low-level scan \
                    or scanPage whose request sets limit(20) in a method that never reads the last evaluated \
                    key), reads at most that many items: it is reported at info, with the limit as evidence.""")
            .fix("""
                    Query by partition key (and sort key range) instead, or add a global secondary index \
                    designed for this access pattern. If a full read is intended (an offline export or \
                    batch job), run it against a table that carries no latency-critical traffic, with a \
                    small page Limit, and suppress the finding with the reason.""")
            .badExample("""
                    List<Map<String, AttributeValue>> pending(DynamoDbClient dynamo) {
                        ScanResponse response = dynamo.scan(ScanRequest.builder()
                                .tableName("orders")
                                .filterExpression("status = :s")
                                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PENDING")))
                                .build());
                        return response.items();
                    }""")
            .goodExample("""
                    // A GSI keyed by status serves this access pattern with a Query.
                    List<Map<String, AttributeValue>> pending(DynamoDbClient dynamo) {
                        QueryResponse response = dynamo.query(QueryRequest.builder()
                                .tableName("orders")
                                .indexName("status-index")
                                .keyConditionExpression("status = :s")
                                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PENDING")))
                                .build());
                        return response.items();
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        if (Decorators.forwardsToOverridden(call, types)) {
            // A decorator's forwarding call: the scan is at the decorator's callers.
            return;
        }
        for (MethodMatcher matcher : SCANS) {
            if (matcher.matches(call, types)) {
                if (ScanWrappers.isCallersScan(call, types)) {
                    return; // a scan wrapper: reported at its project callers, through its summary
                }
                if (!ScanPages.continuesEarlierScan(call, context,
                        c -> SCANS.stream().anyMatch(m -> m.matches(c, types)),
                        c -> ScanDetails.tableName(c, ValueFlow.of(context), context))) {
                    reportScan(call, context);
                }
                return;
            }
        }
        if (countScans(call, types)) {
            if (!ScanWrappers.isCallersScan(call, types)) {
                reportScan(call, context);
            }
            return;
        }
        // Not a library scan: the call can only run one through a project wrapper; and a call to a project method is
        // no PartiQL call either.
        context.summaries().wrapperEffects(call, types, ScanWrappers.INSTANCE).stream()
                .filter(e -> e.kind() == ScanWrappers.Kind.RUNS_HERE).findFirst()
                .ifPresent(e -> reportWrapperCall(call, e.via(), context));
        if (PARTIQL.matches(call, types) && !call.getArguments().isEmpty()
                && context.summaries().target(call, types).isEmpty()) {
            ValueFlow.of(context).constantArgument(call.getArgument(0), STATEMENT_SETTERS, context.constants())
                    .filter(ScanDetails::isUnboundedSelect)
                    .ifPresent(statement -> context.report(call.getName(), call, context.defaultSeverity(), String.format(
                            "%s() runs the PartiQL statement \"%s\", a SELECT without a WHERE clause: DynamoDB "
                                    + "executes it as a full table scan, reading every item and consuming read "
                                    + "capacity in proportion to the table's size; it slows down and throttles "
                                    + "other traffic as the table grows %s. Select by partition key "
                                    + "(WHERE pk = ?), or add a GSI for this access pattern.",
                            call.getNameAsString(), ScanDetails.abbreviate(statement), METADATA.family().cite()),
                            Headline.details(call.getNameAsString() + "() runs \"" + Headline.code(statement, 60)
                                    + "\" as a full table scan: it reads every item and throttles other traffic as "
                                    + "the table grows.", call.getNameAsString() + "() runs a PartiQL SELECT without "
                                    + "WHERE, a full table scan that throttles other traffic as the table grows.")));
        }
    }

    /** Whether {@code call} is one of the library calls that run a scan (the matchers above). */
    static boolean isScanCall(MethodCallExpr call, TypeResolver types) {
        for (MethodMatcher matcher : SCANS) {
            if (matcher.matches(call, types)) {
                return true;
            }
        }
        return countScans(call, types);
    }

    /**
     * The mapper's {@code count} overload that scans: its expression argument (the second of {@code
     * IDynamoDBMapper.count(Class, expression[, config])}, the only one of {@code DynamoDBTableMapper.count}) is a
     * {@code DynamoDBScanExpression}. A query expression, or one whose type is unknown, is not a scan.
     */
    private static boolean countScans(MethodCallExpr call, TypeResolver types) {
        if (!V1_MAPPER_COUNT.matches(call, types)) {
            return false;
        }
        return call.getArguments().stream().anyMatch(a -> types.typeOf(a).filter(SCAN_EXPRESSION::equals).isPresent());
    }

    /**
     * An object created with a scan request that its class keeps and runs later ({@code new PageCursor(client,
     * request)}, {@link ScanWrappers#creation}): the scan is reported here, where the request is chosen, and
     * never inside the class that only runs it; a creation inside a scan wrapper is reported at the wrapper's
     * callers instead.
     */
    @Override
    public void visitObjectCreation(ObjectCreationExpr create, JavaContext context) {
        context.summaries().effectsOf(create, context.types(), ScanWrappers.INSTANCE).stream()
                .filter(e -> e.kind() == ScanWrappers.Kind.RUNS_HERE).findFirst()
                .ifPresent(e -> context.report(create, context.defaultSeverity(), "new "
                        + create.getType().getNameAsString() + "(..) is "
                        + "given a DynamoDB scan request that it keeps and runs (" + e.via() + "): the scan "
                        + "reads every item and consumes read capacity in proportion to the table's size; it slows "
                        + "down and throttles other traffic as the table grows " + METADATA.family().cite()
                        + ". Query by partition key, or add a GSI for this access pattern; if a full read is "
                        + "intended (a batch job), suppress this with the reason.", Headline.details(
                        "new " + create.getType().getNameAsString() + "(..) keeps a DynamoDB scan request and runs "
                                + "it: the scan reads every item and throttles other traffic as the table grows.",
                        "This object keeps a DynamoDB scan request and runs it: the scan reads every item and "
                                + "throttles other traffic as the table grows.")));
    }

    private static void reportWrapperCall(MethodCallExpr call, String via, JavaContext context) {
        context.report(call.getName(), call, context.defaultSeverity(), call.getNameAsString() + "() runs a DynamoDB Scan with the request "
                + "this call gives it (through " + via + "): it reads every item and consumes read capacity in "
                + "proportion to the table's size; it slows down and throttles other traffic as the table grows "
                + "(guide: " + METADATA.family().shortSection() + "). Query by partition key, or add a GSI for "
                + "this access pattern; if a full read is intended (a batch job), suppress this with the reason.",
                Headline.details(call.getNameAsString() + "() runs a DynamoDB Scan through " + via + ": it reads every "
                        + "item and throttles other traffic as the table grows.", call.getNameAsString() + "() runs a "
                        + "DynamoDB Scan: it reads every item and throttles other traffic as the table grows."));
    }

    private static void reportScan(MethodCallExpr call, JavaContext context) {
        ValueFlow tracer = ValueFlow.of(context);
        boolean parallel = call.getNameAsString().equals("parallelScan") || call.getArguments().stream()
                .anyMatch(a -> !tracer.callsBuilding(a, SEGMENT_SETTERS).isEmpty());
        Optional<String> table = ScanDetails.tableName(call, tracer, context);
        String what = call.getNameAsString() + "()" + table.map(t -> " on table \"" + t + "\"").orElse("");
        Optional<Long> page = parallel ? Optional.empty() : ScanPages.singleBoundedPage(call, context);
        if (page.isPresent()) {
            context.report(call.getName(), call, Severity.INFO, what + " reads one page of at most " + page.get()
                    + " items (its limit) and fetches no further pages: a Scan still, but its read capacity is "
                    + "bounded by the limit, not by the table's size " + METADATA.family().cite() + ". If the "
                    + "listing must ever see more (the next pages), query by partition key or add a GSI instead.",
                    Headline.details(what + " reads one page of at most " + page.get() + " items and no further: "
                            + "a scan, but its read capacity is bounded by the limit.", call.getNameAsString() + "() "
                            + "reads one page of at most " + page.get() + " items and no further: a scan, but bounded "
                            + "by the limit.").withEvidence("limit", String.valueOf(page.get())));
            return;
        }
        String message = what + " reads every item and consumes read capacity in proportion to the table's size; "
                + "it slows down and throttles other traffic as the table grows"
                + (parallel ? ", and as a parallel scan it can consume all of the table's provisioned read "
                        + "capacity quickly" : "")
                + " " + METADATA.family().cite() + ". Query by partition key, or add a GSI "
                + "for this access pattern; if a full read is intended (a batch job), suppress this with the "
                + "reason.";
        String effect = parallel ? " reads every item in parallel and can take all of the table's read capacity."
                : " reads every item and throttles other traffic as the table grows.";
        context.report(call.getName(), call, context.defaultSeverity(), message, Headline.details(
                what + effect, call.getNameAsString() + "()" + effect));
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class, DynamoDbScan.class, ScanDetails.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }

    /**
     * A scan wrapper's effect is a library scan call ({@link #isScanCall}): a method whose file cannot reach a type
     * of the DynamoDB packages of the AWS SDKs or Spring Cloud AWS has none. Every type {@link #isScanCall} matches
     * (the matchers' receivers, their argument types, the scan expression of {@code count}) is in those packages, so
     * the rule's other AWS types (S3 and SQS clients, retry policies, exceptions and client configuration, which any
     * project on the AWS SDK writes) do not open the scope: on an application that uses the SDK for S3 only,
     * no scan-wrapper summary is computed.
     */
    @Override
    public java.util.Map<dev.dbcheck.model.EffectAnalysis<?>, Relevance> summaryRelevance() {
        return java.util.Map.of(ScanWrappers.INSTANCE, SCAN_EFFECTS);
    }

    private static final Relevance SCAN_EFFECTS = RELEVANCE.inPackages(V2, ENHANCED, V1, "io.awspring.cloud.dynamodb.")
            .requiringCalls(scanNames());

    /** The method names {@link #isScanCall} can match. */
    private static Set<String> scanNames() {
        Set<String> names = new java.util.TreeSet<>(V1_MAPPER_COUNT.names());
        SCANS.forEach(m -> names.addAll(m.names()));
        return names;
    }
}
