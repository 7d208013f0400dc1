package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.dbcheck.types.TypeResolver;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether code runs once per process (at startup) or again for every operation. Runs once: constructors,
 * instance and static initialisers, field initialisers, {@code main}, dependency-injection factory methods
 * ({@code @Bean}, {@code @Produces}, {@code @Provides}, {@code @PostConstruct}), the body of a lazily
 * initialised singleton guard ({@code if (field == null) ...}, {@code map.computeIfAbsent(key, ..)}), and
 * private helpers called only from such places. Everything else, including lambdas and anonymous classes
 * (they run when called), is taken to run per operation.
 */
public final class RunOnce {

    /** Annotations that make a method run once, when the container builds its objects. */
    private static final Set<String> STARTUP_ANNOTATIONS = Set.of(
            "org.springframework.context.annotation.Bean",
            "jakarta.enterprise.inject.Produces",
            "javax.enterprise.inject.Produces",
            "jakarta.annotation.PostConstruct",
            "javax.annotation.PostConstruct",
            "io.micronaut.context.annotation.Bean",
            "dagger.Provides",
            "com.google.inject.Provides");

    private static final Set<String> STARTUP_SIMPLE_NAMES = Set.of("Bean", "Produces", "PostConstruct", "Provides");

    /** Private helpers are followed to their callers this many levels deep. */
    private static final int MAX_CALLER_DEPTH = 3;

    private RunOnce() {}

    /** Whether {@code node} runs once per process rather than once per operation. */
    public static boolean runsOnce(Node node, TypeResolver types) {
        return runsOnce(node, types, 0, new HashSet<>());
    }

    /** The name of the method (or constructor) enclosing the node, for messages; "an initialiser" otherwise. */
    public static String enclosingName(Node node) {
        Optional<CallableDeclaration> callable = node.findAncestor(CallableDeclaration.class);
        return callable.map(c -> c.getNameAsString() + "()").orElse("an initialiser");
    }

    @SuppressWarnings("rawtypes")
    private static boolean runsOnce(Node node, TypeResolver types, int depth, Set<Node> visiting) {
        Node child = node;
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent()) {
            Node p = parent.get();
            if (p instanceof LambdaExpr || p instanceof MethodReferenceExpr) {
                return isComputeIfAbsentArgument(p);
            }
            if (p instanceof ObjectCreationExpr create && create.getAnonymousClassBody().isPresent()
                    && create.getAnonymousClassBody().get().contains(child)) {
                return false;
            }
            if (p instanceof IfStmt ifStmt && ifStmt.getThenStmt() == child && testsFieldForNull(ifStmt, types)) {
                return true;
            }
            if (p instanceof ConstructorDeclaration || p instanceof InitializerDeclaration
                    || p instanceof FieldDeclaration || p instanceof EnumConstantDeclaration) {
                return true;
            }
            if (p instanceof MethodDeclaration method) {
                return methodRunsOnce(method, types, depth, visiting);
            }
            if (p instanceof TypeDeclaration) {
                return false;
            }
            child = p;
            parent = p.getParentNode();
        }
        return false;
    }

    private static boolean methodRunsOnce(MethodDeclaration method, TypeResolver types, int depth,
            Set<Node> visiting) {
        if (method.isStatic() && method.getNameAsString().equals("main") && method.getParameters().size() == 1) {
            return true;
        }
        for (AnnotationExpr a : method.getAnnotations()) {
            String written = a.getNameAsString();
            Optional<String> resolved = types.resolveName(written);
            if (resolved.map(STARTUP_ANNOTATIONS::contains)
                    .orElse(STARTUP_SIMPLE_NAMES.contains(simpleName(written)))) {
                return true;
            }
        }
        if (!method.isPrivate() || depth >= MAX_CALLER_DEPTH || !visiting.add(method)) {
            return false;
        }
        Optional<TypeDeclaration> owner = method.findAncestor(TypeDeclaration.class);
        if (owner.isEmpty()) {
            return false;
        }
        List<MethodCallExpr> callers = owner.get().findAll(MethodCallExpr.class, c -> isCallTo(c, method));
        if (callers.isEmpty()) {
            return false;
        }
        for (MethodCallExpr caller : callers) {
            if (!runsOnce(caller, types, depth + 1, visiting)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCallTo(MethodCallExpr call, MethodDeclaration method) {
        return call.getNameAsString().equals(method.getNameAsString())
                && call.getArguments().size() == method.getParameters().size()
                && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr);
    }

    /** {@code if (field == null)} or {@code if (null == this.field)}, possibly among other conditions. */
    private static boolean testsFieldForNull(IfStmt ifStmt, TypeResolver types) {
        return ifStmt.getCondition().findAll(BinaryExpr.class, b -> b.getOperator() == BinaryExpr.Operator.EQUALS)
                .stream().anyMatch(b -> b.getLeft().isNullLiteralExpr() && isField(b.getRight(), types)
                        || b.getRight().isNullLiteralExpr() && isField(b.getLeft(), types));
    }

    private static boolean isField(Expression e, TypeResolver types) {
        if (e instanceof NameExpr n) {
            return !types.isLocal(n);
        }
        return e instanceof FieldAccessExpr;
    }

    private static boolean isComputeIfAbsentArgument(Node lambda) {
        return lambda.getParentNode().filter(MethodCallExpr.class::isInstance).map(MethodCallExpr.class::cast)
                .filter(c -> c.getNameAsString().equals("computeIfAbsent") && c.getArguments().contains(lambda))
                .isPresent();
    }

    private static String simpleName(String written) {
        int dot = written.lastIndexOf('.');
        return dot < 0 ? written : written.substring(dot + 1);
    }
}
