package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.types.TypeResolver;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Where an SDK client configuration goes, for {@link DynamoDbRetriesDisabled}: from a value inside it, up to the
 * client builder it is handed to, through the locals, fields and constants it is stored in and the helper methods
 * of the same file that return it (six steps deep).
 */
final class ClientConfigReach {

    /** Where a configuration enters a client builder. */
    private static final Set<String> CONFIG_SINKS = Set.of("overrideConfiguration", "withClientConfiguration",
            "setClientConfiguration", "clientConfiguration");

    private static final int MAX_DEPTH = 6;

    private ClientConfigReach() {}

    /** The DynamoDB client type the configuration containing {@code value} is handed to, if this file shows it. */
    static Optional<String> dynamoDbClient(Expression value, TypeResolver types, ValueFlow flow) {
        return reachesDynamoDbClient(value, types, flow, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    /**
     * The DynamoDB client type the configuration containing {@code value} is handed to, if this file shows
     * it: up through the expression (and lambdas) to a client builder's configuration call; through the
     * local, field or constant it is stored in; through the helper method that returns it.
     */
    private static Optional<String> reachesDynamoDbClient(Expression value, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(value)) {
            return Optional.empty();
        }
        Node child = value;
        Node n = value.getParentNode().orElse(null);
        while (n != null && !(n instanceof BodyDeclaration<?> && !(n instanceof FieldDeclaration))) {
            if (n instanceof MethodCallExpr call) {
                Optional<String> sink = sink(call, child, types);
                if (sink.isPresent()) {
                    return sink.get().isEmpty() ? Optional.empty() : sink;
                }
            } else if (n instanceof ObjectCreationExpr create && create.getArguments().contains(child)) {
                Optional<String> created = types.resolve(create.getType());
                if (created.filter(DynamoDbApi.V1_CLIENT_CLASSES::contains).isPresent()) {
                    return created;
                }
            } else if (n instanceof VariableDeclarator declarator) {
                return followVariable(ValueFlow.declaredBy(declarator), types, flow, seen, depth);
            } else if (n instanceof AssignExpr assign && assign.getValue() == child) {
                return flow.variableOf(assign.getTarget())
                        .flatMap(v -> followVariable(v, types, flow, seen, depth));
            } else if (n instanceof ReturnStmt ret) {
                return followMethodResult(ret, types, flow, seen, depth);
            } else if (n instanceof Statement && !(n.getParentNode().orElse(null) instanceof LambdaExpr)
                    && n.findAncestor(LambdaExpr.class).isEmpty()) {
                // cfg.setMaxErrorRetry(0); builder.retryPolicy(..);: the configuration is the chain's root variable.
                return rootVariable(child).flatMap(flow::variableOf)
                        .flatMap(v -> followVariable(v, types, flow, seen, depth));
            }
            child = n;
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * For a call on the way up: the client type when it is a DynamoDB builder's configuration call; an empty
     * string when it hands the configuration to another client's builder (stop: not DynamoDB); empty to go on.
     */
    private static Optional<String> sink(MethodCallExpr call, Node child, TypeResolver types) {
        if (!CONFIG_SINKS.contains(call.getNameAsString()) || call.getScope().isEmpty()
                || call.getScope().get() == child) {
            return Optional.empty();
        }
        Optional<String> builder = types.typeOf(call.getScope().get());
        if (builder.isEmpty()) {
            return Optional.empty();
        }
        if (types.isSubtypeOfAny(builder.get(), DynamoDbApi.CLIENT_BUILDERS)) {
            return builder;
        }
        return Optional.of("");
    }

    private static Optional<Expression> rootVariable(Node expression) {
        Node n = expression;
        while (n instanceof MethodCallExpr call && call.getScope().isPresent()) {
            n = call.getScope().get();
        }
        return n instanceof NameExpr || n instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                ? Optional.of((Expression) n)
                : Optional.empty();
    }

    /** Every read of the variable the configuration is stored in (a local in its method, a field in the file). */
    private static Optional<String> followVariable(ValueFlow.Variable variable, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        for (Expression use : flow.reads(variable)) {
            Optional<String> found = reachesDynamoDbClient(use, types, flow, seen, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** {@code ClientConfiguration noRetries() { return ...; }}: follow the calls of the helper. */
    private static Optional<String> followMethodResult(ReturnStmt ret, TypeResolver types, ValueFlow flow,
            Set<Node> seen, int depth) {
        Optional<MethodDeclaration> method = ret.findAncestor(MethodDeclaration.class);
        if (method.isEmpty()) {
            return Optional.empty();
        }
        String name = method.get().getNameAsString();
        for (MethodCallExpr call : types.compilationUnit().findAll(MethodCallExpr.class,
                c -> c.getNameAsString().equals(name) && (c.getScope().isEmpty() || c.getScope().get() instanceof ThisExpr))) {
            Optional<String> found = reachesDynamoDbClient(call, types, flow, seen, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
