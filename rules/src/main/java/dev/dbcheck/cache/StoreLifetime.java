package dev.dbcheck.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;
import java.util.Set;

/**
 * Cache lifetime and scope: whether an in-process store (a {@code Map}, a Guava or Caffeine cache) outlives one
 * operation. Only long-lived stores are caches: a static field, or a field of an object the container keeps for
 * the whole process (a Spring stereotype or {@code @Configuration}, CDI {@code @ApplicationScoped} or
 * {@code @Singleton}, an EJB {@code @Singleton}, an enum constant, a class that holds its own static instance).
 * A map held by a local variable, or by an object created per operation (a report run, a request's helper), is
 * a memo: concurrent requests never share it, so it cannot stampede. Stores outside the process (Redis,
 * memcached, Spring {@code Cache}, JCache) are long-lived by nature and not asked about here.
 */
public final class StoreLifetime {

    private StoreLifetime() {}

    /** The {@code store} evidence of a long-lived in-process store. */
    public static final String STATIC_FIELD = "static-field";
    public static final String SINGLETON_FIELD = "singleton-field";

    /** Annotations (simple names; the packages vary: Spring, CDI, EJB, Micronaut, Quarkus) of process singletons. */
    static final Set<String> SINGLETON_ANNOTATIONS = Set.of("Component", "Service", "Repository", "Controller",
            "RestController", "Configuration", "ApplicationScoped", "Singleton", "Startup", "ControllerAdvice",
            "RestControllerAdvice");

    /** How long a store lives, as far as the code shows. */
    public enum Lifetime {
        /** A static field, or a field of a process singleton: shared by every request of this JVM. */
        LONG_LIVED,
        /** A local, or a field of an object that is not a singleton: one operation's memo. */
        OPERATION,
        /** A field this file does not declare (inherited): not known. */
        UNKNOWN
    }

    /** The lifetime of the store {@code receiver} names, and the {@code store} evidence for a long-lived one. */
    public record Scope(Lifetime lifetime, String store, String reason) {}

    public static Scope of(Expression receiver, TypeResolver types, ValueFlow flow) {
        Optional<ValueFlow.Variable> variable = flow.variableOf(receiver);
        if (variable.isEmpty()) {
            return new Scope(Lifetime.UNKNOWN, "in-process", "a field declared elsewhere");
        }
        if (!variable.get().isField()) {
            return new Scope(Lifetime.OPERATION, "local", receiver + " is a local variable");
        }
        Node declaration = variable.get().declaration();
        Optional<FieldDeclaration> field = declaration.getParentNode().filter(FieldDeclaration.class::isInstance)
                .map(FieldDeclaration.class::cast);
        if (field.isPresent() && field.get().isStatic()) {
            return new Scope(Lifetime.LONG_LIVED, STATIC_FIELD, receiver + " is a static field");
        }
        Optional<TypeDeclaration<?>> owner = declaration.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (owner.isEmpty()) {
            return new Scope(Lifetime.UNKNOWN, "in-process", "a field of an anonymous class");
        }
        TypeDeclaration<?> type = owner.get();
        if (isSingleton(type) || singletonSubclass(type, types)) {
            return new Scope(Lifetime.LONG_LIVED, SINGLETON_FIELD, receiver + " is a field of the singleton "
                    + type.getNameAsString());
        }
        return new Scope(Lifetime.OPERATION, "instance-field", receiver + " is a field of "
                + type.getNameAsString() + ", which is not a singleton: a memo for one operation, not a shared "
                + "cache");
    }

    /** An abstract base class whose fields live as long as the singleton that extends it. */
    private static boolean singletonSubclass(TypeDeclaration<?> type, TypeResolver types) {
        Optional<String> name = type.getFullyQualifiedName();
        if (name.isEmpty()) {
            return false;
        }
        for (String sub : types.model().subtypesOf(name.get())) {
            if (types.model().type(sub).filter(t -> SINGLETON_ANNOTATIONS.stream().anyMatch(t::hasAnnotation))
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A container-managed singleton, an enum, or a class that holds its own static instance. */
    public static boolean isSingleton(TypeDeclaration<?> type) {
        if (type instanceof EnumDeclaration) {
            return true;
        }
        for (AnnotationExpr a : type.getAnnotations()) {
            String name = a.getNameAsString();
            if (SINGLETON_ANNOTATIONS.contains(name.substring(name.lastIndexOf('.') + 1))) {
                return true;
            }
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration f && f.isStatic()) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (v.getInitializer().filter(ObjectCreationExpr.class::isInstance)
                            .map(i -> ((ObjectCreationExpr) i).getType().getNameAsString())
                            .filter(type.getNameAsString()::equals).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
