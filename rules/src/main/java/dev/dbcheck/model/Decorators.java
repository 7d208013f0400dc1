package dev.dbcheck.model;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithExtends;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decorators and adapters: a project class that implements a library interface (or extends a library class)
 * and, in its override of a library method, calls the same method on another instance of that library type
 * ({@code class TimedDynamo implements AmazonDynamoDB { public ScanResult scan(ScanRequest r) { return
 * timer.time(() -> inner.scan(r)); } }}). The call only forwards: what it does happens at the decorator's
 * callers, so rules report there and not inside. Any rule can ask {@link #forwardsToOverridden}.
 */
public final class Decorators {

    private Decorators() {}

    /**
     * Whether {@code call} (anywhere in the body, lambdas included) is the forwarding call of a decorator:
     * the enclosing method is annotated {@code @Override}, no project supertype declares it, its class has a
     * library supertype, and {@code call} invokes a method of the same name and arity on a receiver (not
     * {@code this}) whose type is that library type or a subtype of it.
     */
    public static boolean forwardsToOverridden(MethodCallExpr call, TypeResolver types) {
        Optional<MethodDeclaration> method = call.findAncestor(MethodDeclaration.class);
        if (method.isEmpty() || call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr
                || call.getScope().get() instanceof SuperExpr
                || !call.getNameAsString().equals(method.get().getNameAsString())
                || call.getArguments().size() != method.get().getParameters().size()
                || method.get().getAnnotationByName("Override").isEmpty()
                || !(method.get().getParentNode().orElse(null) instanceof TypeDeclaration<?> owner)) {
            return false;
        }
        Optional<String> receiver = types.typeOf(call.getScope().get());
        if (receiver.isEmpty()) {
            return false;
        }
        for (String library : libraryOverrideTargets(owner, method.get(), types)) {
            if (types.isSubtype(receiver.get(), library)) {
                return true;
            }
        }
        return false;
    }

    /** The library supertypes whose method the declaration overrides: from the model, or this file alone. */
    private static List<String> libraryOverrideTargets(TypeDeclaration<?> owner, MethodDeclaration method,
            TypeResolver types) {
        ProjectModel model = types.model();
        Optional<String> name = owner.getFullyQualifiedName();
        if (name.isPresent() && model.contains(name.get())) {
            String n = method.getNameAsString();
            int arity = method.getParameters().size();
            boolean declaredAbove = model.supertypes(name.get()).stream().filter(model::contains)
                    .anyMatch(s -> model.methods(s, n).stream().anyMatch(m -> m.arity() == arity));
            return declaredAbove ? List.of() : model.librarySupertypes(name.get());
        }
        List<ClassOrInterfaceType> written = new ArrayList<>();
        if (owner instanceof NodeWithExtends<?> e) {
            written.addAll(e.getExtendedTypes());
        }
        if (owner instanceof NodeWithImplements<?> i) {
            written.addAll(i.getImplementedTypes());
        }
        List<String> out = new ArrayList<>();
        for (ClassOrInterfaceType t : written) {
            types.resolve(t).filter(r -> types.library().isKnown(r)).ifPresent(out::add);
        }
        return out;
    }

}
