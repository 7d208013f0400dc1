package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cache annotation that does not coalesce concurrent misses (Spring {@code @Cacheable} without
 * {@code sync = true}, Micronaut {@code @Cacheable} without {@code atomic = true}) on a method that loads
 * from a database or a remote service, or on a Spring Data repository query method.
 */
public final class CacheableWithoutSync implements JavaRule {

    static final String SPRING_CACHEABLE = "org.springframework.cache.annotation.Cacheable";
    static final String MICRONAUT_CACHEABLE = "io.micronaut.cache.annotation.Cacheable";

    /** Each annotation that caches without coalescing by default, and the member that turns coalescing on. */
    static final Map<String, String> COALESCING_MEMBER = Map.of(
            SPRING_CACHEABLE, "sync",
            MICRONAUT_CACHEABLE, "atomic");

    /** What makes an interface a Spring Data repository besides extending one. */
    static final Set<String> REPOSITORY_ANNOTATIONS = Set.of("org.springframework.stereotype.Repository",
            "org.springframework.data.repository.RepositoryDefinition");
    static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

    private static final RuleMetadata METADATA = RuleMetadata.builder("CacheableWithoutSync")
            .family(Family.CACHE_STAMPEDE)
            .severity(Severity.WARNING)
            .summary("@Cacheable method loads from the database without sync = true, so concurrent misses all load")
            .explanation("""
                    Spring's @Cacheable does not coalesce concurrent misses by default: when an entry is \
                    missing (cold start after a deployment, eviction under memory pressure, TTL expiry), every \
                    request for that key runs the method at the same time, and each one queries the database \
                    or calls the remote service. This cache stampede sends the traffic the cache was shielding \
                    straight to the database and can take down an undersized one. Micronaut's @Cacheable \
                    behaves the same unless atomic = true; Quarkus @CacheResult already waits for the single \
                    computation. Note that sync = true (or atomic = true) coalesces within one JVM only: every \
                    pod still loads once per expired key, and Spring Data Redis serialises those loads with a \
                    JVM-local lock, not a lock shared across pods.""")
            .fix("""
                    Add sync = true (Micronaut: atomic = true) so one caller per key runs the method while the \
                    others wait for its result (sync allows a single cache name and no unless attribute). For \
                    very hot keys across many pods, add a distributed lock around the load or refresh entries \
                    early with probabilistic early expiration (XFetch: recompute when \
                    now - delta * beta * ln(rand()) >= expiry), or use refreshAfterWrite on a Caffeine cache.""")
            .badExample("""
                    @Cacheable(cacheNames = "products", key = "#id")
                    public Product product(long id) {
                        return productRepository.findById(id).orElseThrow();
                    }""")
            .goodExample("""
                    @Cacheable(cacheNames = "products", key = "#id", sync = true)
                    public Product product(long id) {
                        return productRepository.findById(id).orElseThrow();
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodDeclaration.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        MethodDeclaration method = (MethodDeclaration) node;
        TypeResolver types = context.types();
        boolean annotated = false;
        for (AnnotationExpr annotation : method.getAnnotations()) {
            Optional<String> member = coalescingMember(annotation, types);
            if (member.isEmpty()) {
                continue;
            }
            annotated = true;
            if (!isTrue(annotation, member.get(), context.constants())) {
                loadOf(method, types).ifPresent(load ->
                        context.report(annotation, message(method, member.get(), load, "")));
            }
        }
        if (!annotated) {
            classLevel(method, types, context);
        }
    }

    /**
     * Spring applies a type-level {@code @Cacheable} to every public method of the class (every method of an
     * interface); the finding goes on the method that loads, since that is where the stampede happens.
     */
    private static void classLevel(MethodDeclaration method, TypeResolver types, JavaContext context) {
        Optional<ClassOrInterfaceDeclaration> owner = method.getParentNode()
                .filter(ClassOrInterfaceDeclaration.class::isInstance).map(ClassOrInterfaceDeclaration.class::cast);
        if (owner.isEmpty() || method.isStatic() || !(method.isPublic() || owner.get().isInterface())) {
            return;
        }
        for (AnnotationExpr annotation : owner.get().getAnnotations()) {
            Optional<String> member = coalescingMember(annotation, types)
                    .filter(m -> types.resolveName(annotation.getNameAsString()).orElse("").equals(SPRING_CACHEABLE));
            if (member.isPresent() && !isTrue(annotation, member.get(), context.constants())) {
                loadOf(method, types).ifPresent(load -> context.report(method.getName(), message(method,
                        member.get(), load, " (from the @Cacheable on " + owner.get().getNameAsString() + ")")));
                return;
            }
        }
    }

    /** The coalescing member ("sync", "atomic") when this is a cache annotation that needs one. */
    private static Optional<String> coalescingMember(AnnotationExpr annotation, TypeResolver types) {
        String written = annotation.getNameAsString();
        if (!written.equals("Cacheable") && !written.endsWith(".Cacheable")) {
            return Optional.empty();
        }
        return types.resolveName(written).map(COALESCING_MEMBER::get);
    }

    /** A load: the kind of source ("database", "remote service") and how the method reaches it, in words. */
    private record Load(String source, String words) {}

    /** What the method loads from; empty when it does not load from a slower source. */
    private static Optional<Load> loadOf(MethodDeclaration method, TypeResolver types) {
        if (method.getBody().isPresent()) {
            for (CallReach.Reached reached : CallReach.calls(List.of(method.getBody().get()))) {
                Optional<String> source = CacheApis.slowSource(reached.call(), types);
                if (source.isPresent()) {
                    return Optional.of(new Load(source.get(), "loads from the " + source.get() + " with "
                            + CacheApis.describe(reached.call())));
                }
            }
            return Optional.empty();
        }
        return method.findAncestor(ClassOrInterfaceDeclaration.class)
                .filter(owner -> owner.isInterface() && isSpringDataRepository(owner, types))
                .map(owner -> new Load("database", "runs a query of the Spring Data repository "
                        + owner.getNameAsString()));
    }

    static boolean isSpringDataRepository(ClassOrInterfaceDeclaration owner, TypeResolver types) {
        for (ClassOrInterfaceType parent : owner.getExtendedTypes()) {
            Optional<String> resolved = types.resolve(parent);
            if (resolved.filter(t -> types.isSubtype(t, SPRING_DATA_REPOSITORY)).isPresent()) {
                return true;
            }
            if (owner.getNameAsString().endsWith("Repository") && parent.getNameAsString().endsWith("Repository")) {
                return true;
            }
        }
        for (AnnotationExpr a : owner.getAnnotations()) {
            if (types.resolveName(a.getNameAsString()).filter(REPOSITORY_ANNOTATIONS::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTrue(AnnotationExpr annotation, String member, ConstantEvaluator constants) {
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals(member)) {
                    return constants.value(pair.getValue()).filter(Boolean.TRUE::equals).isPresent();
                }
            }
        }
        return false;
    }

    private static String message(MethodDeclaration method, String member, Load load, String origin) {
        String hit = load.source().equals("database") ? "all hit the database"
                : "all call the remote service (and the database behind it)";
        return String.format("@Cacheable on %s()%s without %s = true: on a miss (cold cache, eviction, expiry) every "
                        + "concurrent caller for the same key runs the method, which %s; many requests miss the "
                        + "same key at once and %s, a cache stampede that can take down an "
                        + "undersized database (guide: %s). Set %s = true so one caller per key loads while the "
                        + "others wait; that coalesces within one JVM, so for very hot keys across pods add a "
                        + "distributed lock or probabilistic early refresh (XFetch: recompute when "
                        + "now - delta * beta * ln(rand()) >= expiry).",
                method.getNameAsString(), origin, member, load.words(), hit, METADATA.family().shortSection(), member);
    }
}
