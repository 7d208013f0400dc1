package dev.dbcheck.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who calls a method. A node in the answer is a {@link MethodCallExpr} or a {@code MethodReferenceExpr}
 * (possibly in another file); an empty answer means "callers exist that cannot be seen" (a public method,
 * without the project model), which is never start-up code.
 */
public interface StartupCallers {
    Optional<List<Node>> of(MethodDeclaration method);

    /** Within one file: the calls of a private method from its own top-level type. */
    static StartupCallers withinFile() {
        return method -> {
            if (!method.isPrivate()) {
                return Optional.empty();
            }
            Node top = method;
            while (top.getParentNode().filter(p -> !(p instanceof CompilationUnit)).isPresent()) {
                top = top.getParentNode().get();
            }
            List<Node> found = new ArrayList<>();
            String name = method.getNameAsString();
            CallSitesIndex.callsWithin(top, name).stream().filter(c -> isCallTo(c, method)).forEach(found::add);
            CallSitesIndex.referencesWithin(top, name).stream().filter(r -> r.getScope() instanceof ThisExpr)
                    .forEach(found::add);
            return Optional.of(found);
        };
    }

    /**
     * With the project model: a private method's calls in its file, and for a method that is not public
     * but overrides a project method (the template method {@code create(..)} that a superclass's
     * {@code @Bean} method calls), the calls of it without a receiver in its own class and in the project
     * supertypes that declare it, in their files. Other methods may be called from anywhere: unknown.
     */
    static StartupCallers withModel(MethodSummaries summaries) {
        StartupCallers inFile = withinFile();
        return method -> {
            if (method.isPrivate()) {
                return inFile.of(method);
            }
            if (method.isPublic() || method.isStatic()) {
                return Optional.empty();
            }
            Optional<MethodInfo> info = summaries.info(method);
            List<MethodInfo> overridden = info.map(summaries.model()::overridesOf).orElse(List.of());
            if (overridden.isEmpty()) {
                return Optional.empty();
            }
            List<Node> found = new ArrayList<>();
            method.getParentNode().ifPresent(own -> found.addAll(selfCalls(own, method)));
            for (MethodInfo m : overridden) {
                Optional<Node> owner = summaries.declaration(m).flatMap(Node::getParentNode);
                if (owner.isEmpty()) {
                    return Optional.empty(); // a supertype whose source cannot be read
                }
                found.addAll(selfCalls(owner.get(), method));
            }
            return Optional.of(found);
        };
    }

    private static List<MethodCallExpr> selfCalls(Node type, MethodDeclaration method) {
        return CallSitesIndex.callsWithin(type, method.getNameAsString()).stream()
                .filter(c -> isCallTo(c, method)).toList();
    }

    /** A call of {@code method} without a receiver, or on {@code this}, with as many arguments. */
    private static boolean isCallTo(MethodCallExpr call, MethodDeclaration method) {
        return call.getNameAsString().equals(method.getNameAsString())
                && call.getArguments().size() == method.getParameters().size()
                && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr);
    }
}
