package dev.dbcheck.rules.streams;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A DynamoDB Streams record handler that loses the per-item order the stream gives it: it processes one batch's
 * records concurrently, or forwards the changes to a sink without order. Handlers: a Lambda
 * {@code handleRequest(DynamodbEvent, Context)} (with or without {@code RequestHandler}), a KCL
 * {@code ShardRecordProcessor.processRecords} and the KCL 1.x {@code IRecordProcessor.processRecords} that the
 * DynamoDB Streams Kinesis adapter drives. Concurrency: {@code parallelStream()}/{@code stream().parallel()} over
 * the records, and an executor task or a {@code CompletableFuture} per record; a handler that groups the records
 * by key and runs the groups in parallel, each group in order, is not reported (its parallel stream is over the
 * groups). Sinks: SQS {@code sendMessage}/{@code sendMessageBatch} and SNS {@code publish} with no message group
 * id anywhere in the handler (a FIFO queue or topic requires one, and orders within it), Kafka
 * {@code ProducerRecord}s and {@code KafkaTemplate.send(topic, value)} without a key. A sink reached only for
 * {@code INSERT} records (a branch on the event name) forwards no state change and is not reported.
 *
 * <p>Facts beyond the guide (domain-facts section 12): Lambda's event source mapping delivers each shard's
 * records in order in one batch, and keeps the records of one partition key in order when ParallelizationFactor
 * is above 1 (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html); an SQS FIFO queue orders messages
 * within a message group and a standard queue gives best-effort ordering
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-types.html); SNS FIFO
 * topics order within a message group, standard topics do not; a Kafka record without a key goes to a partition
 * chosen by the partitioner, so one item's changes can land in different partitions, consumed in any order
 * (org.apache.kafka.clients.producer.ProducerRecord Javadoc: "If no partition or key is present a partition will
 * be assigned in a round-robin fashion"; the sticky partitioner of Kafka 2.4+ changes partition per batch).
 */
public final class StreamOrderLost implements JavaRule.MethodCalls {

    static final String DYNAMODB_EVENT = "com.amazonaws.services.lambda.runtime.events.DynamodbEvent";
    static final Set<String> PROCESSORS = Set.of("software.amazon.kinesis.processor.ShardRecordProcessor",
            "com.amazonaws.services.kinesis.clientlibrary.interfaces.v2.IRecordProcessor",
            "com.amazonaws.services.kinesis.clientlibrary.interfaces.IRecordProcessor");

    static final MethodMatcher SQS_SEND = MethodMatcher.instanceMethod()
            .onSubtypeOf("software.amazon.awssdk.services.sqs.SqsClient",
                    "software.amazon.awssdk.services.sqs.SqsAsyncClient", "com.amazonaws.services.sqs.AmazonSQS")
            .named("sendMessage", "sendMessageBatch", "sendMessageAsync", "sendMessageBatchAsync");

    static final MethodMatcher SNS_PUBLISH = MethodMatcher.instanceMethod()
            .onSubtypeOf("software.amazon.awssdk.services.sns.SnsClient",
                    "software.amazon.awssdk.services.sns.SnsAsyncClient", "com.amazonaws.services.sns.AmazonSNS")
            .named("publish", "publishBatch", "publishAsync");

    static final MethodMatcher KAFKA_PRODUCER_SEND = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.apache.kafka.clients.producer.Producer").named("send");

    static final MethodMatcher KAFKA_TEMPLATE_SEND = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.springframework.kafka.core.KafkaOperations").named("send", "sendDefault");

    static final String PRODUCER_RECORD = "org.apache.kafka.clients.producer.ProducerRecord";

    static final MethodMatcher ASYNC_FUTURES = MethodMatcher.staticMethod()
            .onSubtypeOf("java.util.concurrent.CompletableFuture").named("runAsync", "supplyAsync");

    static final MethodMatcher EXECUTOR_TASKS = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.util.concurrent.Executor", "java.util.concurrent.ExecutorService")
            .named("submit", "execute");

    private static final Set<String> RECORD_SOURCES = Set.of("getRecords", "records");
    private static final Set<String> PER_ELEMENT = Set.of("forEach", "map", "forEachOrdered", "peek", "mapToObj");

    private static final RuleMetadata METADATA = RuleMetadata.builder("StreamOrderLost")
            .family(Family.DYNAMODB_STREAMS)
            .severity(Severity.WARNING)
            .summary("DynamoDB Streams handler loses the per-item order of the changes")
            .explanation("""
                    A DynamoDB stream is ordered per partition key (each item's changes arrive in the order \
                    they were made), not across keys, and Lambda or the KCL hands a handler each shard's \
                    records in that order. A handler that processes one batch's records concurrently \
                    (parallelStream(), an executor task or a CompletableFuture per record) can apply an \
                    item's MODIFY before its INSERT, or a stale MODIFY after a newer one or after its REMOVE: \
                    the search index, cache or downstream copy ends up with an old version or a deleted item, \
                    silently and only under load. Forwarding the changes to a sink without order loses it the \
                    same way downstream: an SQS standard queue (best-effort ordering), an SNS standard topic, a \
                    Kafka record without a key (its partition is chosen per record or batch, so one item's \
                    changes land in different partitions). Reported in Lambda handleRequest(DynamodbEvent, \
                    Context) handlers and KCL record processors (the DynamoDB Streams Kinesis adapter's \
                    included). Not reported: records grouped by key with each group processed in order (the \
                    groups may run in parallel), SQS and SNS messages with a message group id (FIFO), Kafka \
                    records keyed by the item's key, and sinks reached only for INSERT records.""")
            .fix("""
                    Process the records in order, or group them by the item's key and process each group in \
                    order (groups in parallel); forward to an ordered sink keyed by the item: an SQS FIFO \
                    queue or SNS FIFO topic with messageGroupId set to the partition key, or a Kafka \
                    ProducerRecord keyed by the partition key.""")
            .badExample("""
                    public class OrderStream implements RequestHandler<DynamodbEvent, Void> {
                        public Void handleRequest(DynamodbEvent event, Context context) {
                            event.getRecords().parallelStream().forEach(this::apply);
                            return null;
                        }
                    }""")
            .goodExample("""
                    public class OrderStream implements RequestHandler<DynamodbEvent, Void> {
                        public Void handleRequest(DynamodbEvent event, Context context) {
                            Map<String, List<DynamodbStreamRecord>> byKey = event.getRecords().stream()
                                    .collect(Collectors.groupingBy(r -> r.getDynamodb().getKeys().get("pk").getS(),
                                            LinkedHashMap::new, Collectors.toList()));
                            byKey.values().parallelStream().forEach(records -> records.forEach(this::apply));
                            return null;
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        Optional<MethodDeclaration> method = call.findAncestor(MethodDeclaration.class);
        if (method.isEmpty()) {
            return;
        }
        Optional<String> handler = handlerKind(method.get(), context.types());
        if (handler.isEmpty()) {
            return;
        }
        TypeResolver types = context.types();
        String name = call.getNameAsString();
        if ((name.equals("parallelStream") && call.getScope().filter(s -> isRecords(s, method.get(), context)).isPresent())
                || (name.equals("parallel") && call.getScope().filter(s -> s instanceof MethodCallExpr m
                        && m.getNameAsString().equals("stream") && m.getScope().filter(x -> isRecords(x, method.get(), context))
                        .isPresent()).isPresent())) {
            reportConcurrency(call, name + "()", handler.get(), context);
            return;
        }
        if ((ASYNC_FUTURES.matches(call, types) || EXECUTOR_TASKS.matches(call, types)) && perRecord(call, method.get(), context)) {
            reportConcurrency(call, ASYNC_FUTURES.matches(call, types) ? "CompletableFuture." + name + "()" : "executor." + name + "()",
                    handler.get(), context);
            return;
        }
        Optional<String> sink = unorderedSink(call, method.get(), context);
        if (sink.isPresent() && !insertOnly(call)) {
            reportSink(call, sink.get(), handler.get(), context);
        }
    }

    /** What kind of stream handler {@code method} is, or empty when it is none. */
    static Optional<String> handlerKind(MethodDeclaration method, TypeResolver types) {
        if (method.getNameAsString().equals("handleRequest") && !method.getParameters().isEmpty()
                && types.resolve(method.getParameter(0).getType()).filter(DYNAMODB_EVENT::equals).isPresent()) {
            return Optional.of("Lambda handleRequest(DynamodbEvent)");
        }
        if (method.getNameAsString().equals("processRecords")) {
            Optional<ClassOrInterfaceDeclaration> owner = method.findAncestor(ClassOrInterfaceDeclaration.class);
            if (owner.isPresent() && types.enclosingTypeNames(owner.get()).stream().findFirst()
                    .filter(t -> types.isSubtypeOfAny(t, PROCESSORS)).isPresent()) {
                return Optional.of("KCL processRecords");
            }
        }
        return Optional.empty();
    }

    /** The batch's records: {@code event.getRecords()}, {@code input.records()}, a list parameter, or a local of them. */
    private static boolean isRecords(Expression e, MethodDeclaration method, JavaContext context) {
        if (e instanceof MethodCallExpr m && RECORD_SOURCES.contains(m.getNameAsString())) {
            return true;
        }
        if (e instanceof NameExpr n) {
            for (Parameter p : method.getParameters()) {
                if (p.getNameAsString().equals(n.getNameAsString())) {
                    return p.getType().asString().startsWith("List");
                }
            }
            return ValueFlow.of(context).callsBuilding(e, RECORD_SOURCES).stream()
                    .anyMatch(c -> c.findAncestor(MethodDeclaration.class).filter(method::equals).isPresent());
        }
        return false;
    }

    /** Whether {@code call} runs once per record: in a loop or a per-element lambda over the records. */
    private static boolean perRecord(MethodCallExpr call, MethodDeclaration method, JavaContext context) {
        Node n = call.getParentNode().orElse(null);
        while (n != null && n != method) {
            if (n instanceof ForEachStmt loop && isRecords(loop.getIterable(), method, context)) {
                return true;
            }
            if (n instanceof LambdaExpr lambda && lambda.getParentNode().orElse(null) instanceof MethodCallExpr host
                    && PER_ELEMENT.contains(host.getNameAsString()) && host.getScope().isPresent()) {
                Expression scope = host.getScope().get();
                if (isRecords(scope, method, context) || scope instanceof MethodCallExpr s
                        && s.getNameAsString().equals("stream") && s.getScope().filter(x -> isRecords(x, method, context))
                                .isPresent()) {
                    return true;
                }
            }
            n = n.getParentNode().orElse(null);
        }
        return false;
    }

    /** The sink without order that {@code call} forwards to, as evidence names it, or empty. */
    private static Optional<String> unorderedSink(MethodCallExpr call, MethodDeclaration method, JavaContext context) {
        TypeResolver types = context.types();
        boolean groupId = method.toString().contains("essageGroupId");
        if (SQS_SEND.matches(call, types)) {
            return groupId ? Optional.empty() : Optional.of("sqs-standard");
        }
        if (SNS_PUBLISH.matches(call, types)) {
            return groupId ? Optional.empty() : Optional.of("sns-standard");
        }
        if (KAFKA_PRODUCER_SEND.matches(call, types) && !call.getArguments().isEmpty()) {
            return unkeyedRecord(call.getArgument(0), context) ? Optional.of("kafka-unkeyed") : Optional.empty();
        }
        if (KAFKA_TEMPLATE_SEND.matches(call, types)) {
            if (call.getNameAsString().equals("sendDefault")) {
                return call.getArguments().size() == 1 ? Optional.of("kafka-unkeyed") : Optional.empty();
            }
            if (call.getArguments().size() == 1) {
                return unkeyedRecord(call.getArgument(0), context) ? Optional.of("kafka-unkeyed") : Optional.empty();
            }
            return call.getArguments().size() == 2 ? Optional.of("kafka-unkeyed") : Optional.empty();
        }
        return Optional.empty();
    }

    /** A {@code new ProducerRecord<>(topic, value)}: two arguments, no key. */
    private static boolean unkeyedRecord(Expression record, JavaContext context) {
        for (Expression source : ValueFlow.of(context).sources(record)) {
            if (source instanceof ObjectCreationExpr create
                    && context.types().resolve(create.getType()).filter(PRODUCER_RECORD::equals).isPresent()) {
                return create.getArguments().size() == 2;
            }
        }
        return false;
    }

    /** Whether the call is reached only for INSERT records (a branch on the event name). */
    private static boolean insertOnly(MethodCallExpr call) {
        Node n = call.getParentNode().orElse(null);
        while (n != null && !(n instanceof MethodDeclaration)) {
            String test = n instanceof IfStmt s && s.getThenStmt().isAncestorOf(call) ? s.getCondition().toString()
                    : n instanceof SwitchEntry e ? e.getLabels().toString() : null;
            if (test != null) {
                String upper = test.toUpperCase(Locale.ROOT);
                if (upper.contains("INSERT") && !upper.contains("MODIFY") && !upper.contains("REMOVE")) {
                    return true;
                }
            }
            n = n.getParentNode().orElse(null);
        }
        return false;
    }

    private void reportConcurrency(MethodCallExpr call, String how, String handler, JavaContext context) {
        String message = how + " processes the records of one stream batch concurrently in " + handler + ": the "
                + "stream gives each item's changes in order, and concurrent processing can apply an item's MODIFY "
                + "before its INSERT or a stale image after a newer one or after its REMOVE "
                + METADATA.family().cite("ordered per partition key but not across partition keys") + ". Process "
                + "the records in order, or group them by partition key and process each group in order.";
        String headline = dev.dbcheck.rule.Headline.fit(how + " processes one stream batch's records concurrently, so "
                + "an item's changes can apply out of order; group by key and keep each key in order.",
                how + " processes a stream batch's records concurrently, so an item's changes can apply out of order.");
        Details details = Details.headline(headline)
                .withEvidence("handler", handler.startsWith("Lambda") ? "lambda" : "kcl")
                .withEvidence("concurrency", how.replace("()", ""))
                .withEvidence("entryPoint", handler.startsWith("Lambda") ? "Lambda handler" : "KCL record processor");
        context.report(call.getName(), call, context.defaultSeverity(), message, details);
    }

    private void reportSink(MethodCallExpr call, String sink, String handler, JavaContext context) {
        String what = switch (sink) {
            case "sqs-standard" -> "sends the stream's changes to SQS without a message group id (a standard queue "
                    + "orders best-effort only)";
            case "sns-standard" -> "publishes the stream's changes to SNS without a message group id (a standard "
                    + "topic does not order)";
            default -> "sends the stream's changes to Kafka without a key (the partition is chosen per record or "
                    + "batch, so one item's changes can land in different partitions)";
        };
        String message = call.getNameAsString() + "() in " + handler + " " + what + ": consumers can see an item's "
                + "MODIFY or REMOVE before an earlier change of it " + METADATA.family().cite("use an ordered queue "
                + "(SQS FIFO, Kafka with appropriate partitioning)") + ". Send to a FIFO queue or topic with "
                + "messageGroupId set to the item's partition key, or key the Kafka record by it.";
        String headline = call.getNameAsString() + "() forwards stream changes to an unordered sink (" + sink
                + "); key it by the item's partition key (FIFO group id or Kafka key).";
        Details details = Details.headline(headline)
                .withEvidence("handler", handler.startsWith("Lambda") ? "lambda" : "kcl")
                .withEvidence("sink", sink)
                .withEvidence("entryPoint", handler.startsWith("Lambda") ? "Lambda handler" : "KCL record processor");
        context.report(call.getName(), call, context.defaultSeverity(), message, details);
    }

    private static final Relevance RELEVANCE = Relevance.constantsOf(StreamOrderLost.class)
            .or(Relevance.types(java.util.List.of("com.amazonaws.services.lambda.runtime.RequestHandler")));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
