package dev.dbcheck.rules.dynamodb;

import dev.dbcheck.rule.Relevance;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.RetryLoops;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a catch of DynamoDB throttling (or of a service exception type that includes it, directly around a
 * DynamoDB call) whose handler ignores the exception: no rethrow, no log, no metric, no retry, no use of the
 * exception at all. {@code Exception}, {@code RuntimeException} and {@code Throwable} catches are left to
 * general-purpose linters.
 */
public final class ThrottlingSwallowed implements JavaRule {

    /** Logger types: a call on one is logging. */
    private static final Set<String> LOGGER_TYPES = Set.of("org.slf4j.Logger", "java.util.logging.Logger",
            "java.lang.System.Logger", "org.apache.logging.log4j.Logger", "org.apache.commons.logging.Log",
            "org.apache.log4j.Logger", "org.jboss.logging.Logger", "java.io.PrintStream");

    /** Logger calls, for a logger whose type is declared in another file (a Lombok {@code log}, say). */
    private static final Set<String> LOG_METHODS = Set.of("trace", "debug", "info", "warn", "warning", "error",
            "fatal", "log", "println", "printStackTrace");

    private static final Set<String> LOGGER_NAMES = Set.of("log", "logger", "LOG", "LOGGER", "Log", "Logger");

    /** Metric recording calls (Micrometer, Dropwizard, Prometheus, CloudWatch). */
    private static final Set<String> METRIC_METHODS = Set.of("increment", "inc", "incrementCounter", "counter",
            "record", "recordValue", "mark", "update", "putMetricData", "observe");

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
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(CatchClause.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        if (!DynamoDbApi.mayUseAwsSdk(context)) {
            return;
        }
        CatchClause clause = (CatchClause) node;
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
        context.report(clause, String.format("%s: it is neither rethrown, logged, counted nor retried, so a request "
                        + "DynamoDB rejected because the table or one partition (3,000 RCU / 1,000 WCU) is over "
                        + "capacity is silently dropped, after the SDK's own retries, and nobody sees the throttling "
                        + "(guide: %s: monitoring must surface throttling events). Rethrow it, or log it and record "
                        + "a throttle metric, or retry with exponential backoff and jitter.",
                what, METADATA.family().shortSection()));
    }

    private static List<String> caughtTypes(CatchClause clause, TypeResolver types) {
        Type type = clause.getParameter().getType();
        List<Type> alternatives = type instanceof UnionType u ? new ArrayList<>(u.getElements()) : List.of(type);
        List<String> resolved = new ArrayList<>();
        for (Type t : alternatives) {
            types.resolve(t).ifPresent(resolved::add);
        }
        return resolved;
    }

    /** A DynamoDB call in the try block itself (not in a lambda or class declared there). */
    private static Optional<MethodCallExpr> directDynamoDbCall(TryStmt tryStmt, TypeResolver types) {
        return tryStmt.getTryBlock().findFirst(MethodCallExpr.class,
                c -> c.findAncestor(LambdaExpr.class).filter(l -> l.isDescendantOf(tryStmt)).isEmpty()
                        && c.findAncestor(ObjectCreationExpr.class).filter(o -> o.getAnonymousClassBody().isPresent()
                                && o.isDescendantOf(tryStmt)).isEmpty()
                        && DynamoDbApi.isDynamoDbCall(c, types));
    }

    private static boolean handles(CatchClause clause, TryStmt tryStmt, Optional<MethodCallExpr> dynamoCall,
            JavaContext context) {
        String name = clause.getParameter().getNameAsString();
        Statement body = clause.getBody();
        if (body.findFirst(NameExpr.class, n -> n.getNameAsString().equals(name)).isPresent()
                || body.findFirst(ThrowStmt.class).isPresent()) {
            return true;
        }
        TypeResolver types = context.types();
        for (MethodCallExpr call : body.findAll(MethodCallExpr.class)) {
            if (isLogging(call, types) || METRIC_METHODS.contains(call.getNameAsString())
                    || DynamoDbApi.isDynamoDbCall(call, types) || isRecursion(call)) {
                return true;
            }
        }
        // The catch falls through and the loop around it tries again: a retry (its backoff is another rule's).
        if (dynamoCall.isPresent()) {
            RetryLoops loops = RetryLoops.of(context);
            Optional<Statement> loop = loops.enclosingLoop(tryStmt);
            return loop.isPresent() && loops.retriesOnFailure(loop.get(), dynamoCall.get());
        }
        return false;
    }

    private static boolean isLogging(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        Expression scope = call.getScope().get();
        Optional<String> type = types.typeOf(scope);
        if (type.isPresent()) {
            return LOGGER_TYPES.contains(type.get());
        }
        boolean systemStream = scope.toString().equals("System.err") || scope.toString().equals("System.out");
        return LOG_METHODS.contains(call.getNameAsString())
                && (systemStream || scope instanceof NameExpr n && LOGGER_NAMES.contains(n.getNameAsString()));
    }

    private static boolean isRecursion(MethodCallExpr call) {
        Optional<MethodDeclaration> method = call.findAncestor(MethodDeclaration.class);
        return call.getScope().isEmpty() && method.isPresent()
                && method.get().getNameAsString().equals(call.getNameAsString());
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("aws-dynamodb.types", "aws-dynamodb-writes.types").or(Relevance.constantsOf(DynamoDbApi.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
