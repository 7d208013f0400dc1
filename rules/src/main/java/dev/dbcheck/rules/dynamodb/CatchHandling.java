package dev.dbcheck.rules.dynamodb;

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
import dev.dbcheck.flow.RetryLoops;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ThrottlingSwallowed} reads from a {@code catch} clause: the exception types it catches, the DynamoDB
 * call its {@code try} block makes, and whether the clause handles the exception (uses or rethrows it, logs it,
 * records a metric, calls DynamoDB again, or falls through to a loop that retries the call).
 */
final class CatchHandling {

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

    static List<String> caughtTypes(CatchClause clause, TypeResolver types) {
        Type type = clause.getParameter().getType();
        List<Type> alternatives = type instanceof UnionType u ? new ArrayList<>(u.getElements()) : List.of(type);
        List<String> resolved = new ArrayList<>();
        for (Type t : alternatives) {
            types.resolve(t).ifPresent(resolved::add);
        }
        return resolved;
    }

    /** A DynamoDB call in the try block itself (not in a lambda or class declared there). */
    static Optional<MethodCallExpr> directDynamoDbCall(TryStmt tryStmt, TypeResolver types) {
        return tryStmt.getTryBlock().findFirst(MethodCallExpr.class,
                c -> c.findAncestor(LambdaExpr.class).filter(l -> l.isDescendantOf(tryStmt)).isEmpty()
                        && c.findAncestor(ObjectCreationExpr.class).filter(o -> o.getAnonymousClassBody().isPresent()
                                && o.isDescendantOf(tryStmt)).isEmpty()
                        && DynamoDbApi.isDynamoDbCall(c, types));
    }

    static boolean handles(CatchClause clause, TryStmt tryStmt, Optional<MethodCallExpr> dynamoCall,
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

    private CatchHandling() {}
}
