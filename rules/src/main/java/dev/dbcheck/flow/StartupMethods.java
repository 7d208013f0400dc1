package dev.dbcheck.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.dbcheck.flow.StartupCode.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Methods that the JVM or a container calls while the application starts, whoever else calls them: {@code main},
 * a container's factory and initialisation methods ({@code @Bean}, {@code @Produces}, {@code @PostConstruct}), a
 * configuration class's overrides, and the once-per-object callbacks of the library interfaces a class implements
 * ({@link #CONTAINER_CALLBACKS}). The rest of {@link StartupCode} judges a method by its callers.
 */
final class StartupMethods {

    private StartupMethods() {}

    private static final Set<String> CONTAINER_ANNOTATIONS = Set.of(
            "org.springframework.context.annotation.Bean",
            "io.micronaut.context.annotation.Bean",
            "jakarta.enterprise.inject.Produces",
            "javax.enterprise.inject.Produces",
            "jakarta.annotation.PostConstruct",
            "javax.annotation.PostConstruct",
            "dagger.Provides",
            "com.google.inject.Provides");

    private static final Set<String> CONFIGURATION_ANNOTATIONS = Set.of(
            "org.springframework.context.annotation.Configuration",
            "org.springframework.boot.autoconfigure.AutoConfiguration",
            "io.micronaut.context.annotation.Factory",
            "dagger.Module");

    /**
     * Callbacks a container calls once for the object it manages, by the library type that declares them: a
     * JNDI {@code ObjectFactory} builds the bound resource when it is looked up (once per binding for a
     * shared resource), Hibernate configures a service once when the SessionFactory starts, a servlet
     * container starts a listener, servlet or filter once, Keycloak initialises each provider factory once.
     */
    private static final Map<String, Set<String>> CONTAINER_CALLBACKS = Map.of(
            "javax.naming.spi.ObjectFactory", Set.of("getObjectInstance"),
            "org.hibernate.service.spi.Configurable", Set.of("configure"),
            "org.hibernate.service.spi.ServiceRegistryAwareService", Set.of("injectServices"),
            "javax.servlet.ServletContextListener", Set.of("contextInitialized"),
            "jakarta.servlet.ServletContextListener", Set.of("contextInitialized"),
            "javax.servlet.Filter", Set.of("init"),
            "jakarta.servlet.Filter", Set.of("init"),
            "org.keycloak.provider.ProviderFactory", Set.of("init", "postInit"));

    private static final Set<String> STARTS = Set.of("init", "initialise", "initialize", "start");
    private static final Set<String> STOPS = Set.of("close", "destroy", "stop", "shutdown");

    /** Why the JVM or a container calls {@code method} at start-up, or empty when only its callers can tell. */
    static Optional<Reason> entryPoint(MethodDeclaration method) {
        String name = method.getNameAsString();
        if (method.isStatic() && name.equals("main") && method.getParameters().size() == 1) {
            return Optional.of(Reason.MAIN);
        }
        if (method.getAnnotations().stream().anyMatch(a -> annotationIs(a, CONTAINER_ANNOTATIONS))) {
            return Optional.of(Reason.CONTAINER_FACTORY);
        }
        if (name.equals("afterPropertiesSet") && method.getParameters().isEmpty()) {
            return Optional.of(Reason.LIFECYCLE);
        }
        Optional<Node> owner = method.getParentNode();
        if (owner.isPresent() && owner.get() instanceof ClassOrInterfaceDeclaration type) {
            // The container calls a configuration class's overrides (configurer callbacks, the template
            // methods its superclass's @Bean methods call) while it starts; other methods by their callers.
            boolean override = method.getAnnotationByName("Override").isPresent();
            if (override && type.getAnnotations().stream().anyMatch(a -> annotationIs(a, CONFIGURATION_ANNOTATIONS))
                    || type.getExtendedTypes().stream().anyMatch(t -> importOf(type, t.getNameAsString())
                            .filter("com.google.inject.AbstractModule"::equals).isPresent())) {
                return Optional.of(Reason.CONFIGURATION_CLASS);
            }
            boolean callback = override && Stream.concat(type.getImplementedTypes().stream(),
                    type.getExtendedTypes().stream()).map(t -> importOf(type, t.getNameAsString()))
                    .flatMap(Optional::stream)
                    .anyMatch(library -> CONTAINER_CALLBACKS.getOrDefault(library, Set.of()).contains(name));
            if (callback) {
                return Optional.of(Reason.LIFECYCLE);
            }
            // init(), initialise(settings), start(config): a lifecycle when the class can also be closed or stopped
            if (STARTS.contains(name) && STOPS.stream().anyMatch(stop -> !type.getMethodsByName(stop).isEmpty())) {
                return Optional.of(Reason.LIFECYCLE);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an annotation is one of {@code qualified}: by its written qualified name, by the import of its
     * own file (so that callers in other files are judged by their imports), or, with neither, by simple name.
     */
    private static boolean annotationIs(AnnotationExpr annotation, Set<String> qualified) {
        String written = annotation.getNameAsString();
        if (written.contains(".")) {
            return qualified.contains(written);
        }
        return importOf(annotation, written).map(qualified::contains)
                .orElseGet(() -> qualified.stream().anyMatch(q -> q.endsWith("." + written)));
    }

    private static Optional<String> importOf(Node in, String simple) {
        Optional<CompilationUnit> cu = in.findCompilationUnit();
        if (cu.isEmpty()) {
            return Optional.empty();
        }
        for (ImportDeclaration i : cu.get().getImports()) {
            if (!i.isAsterisk() && !i.isStatic() && i.getName().getIdentifier().equals(simple)) {
                return Optional.of(i.getNameAsString());
            }
        }
        return Optional.empty();
    }
}
