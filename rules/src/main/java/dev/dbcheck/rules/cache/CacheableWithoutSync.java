package dev.dbcheck.rules.cache;

import dev.dbcheck.rule.Relevance;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.model.MethodSummaries;
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
                    JVM-local lock, not a lock shared across pods. The method loads when its body reaches a \
                    database or remote client, directly or through project methods in other files (up to \
                    three deep); query methods of interfaces are loads when the interface is a Spring Data \
                    repository or a MyBatis mapper by what it extends or how it is annotated, through \
                    project base interfaces too, not by its name.""")
            .fix("""
                    Add sync = true (Micronaut: atomic = true) so one caller per key runs the method while the \
                    others wait for its result. Spring rejects sync = true together with unless, with several \
                    cache names, or with @CachePut / @CacheEvict on the same method; the finding then says \
                    which, and how to get there: cache the empty result with a short TTL and drop unless, use \
                    one cache name, move the other cache operation to its own method, or load through a \
                    loader-based cache (Cache.get(key, Callable), a Caffeine LoadingCache) or under a per-key \
                    lock. For \
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
                Optional<String> blocked = syncNotAllowed(annotation, method, types);
                loadOf(method, types, context.summaries()).ifPresent(load ->
                        context.report(annotation, message(method, member.get(), load, "", blocked)));
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
                Optional<String> blocked = syncNotAllowed(annotation, method, types);
                loadOf(method, types, context.summaries()).ifPresent(load -> context.report(method.getName(),
                        message(method, member.get(), load,
                                " (from the @Cacheable on " + owner.get().getNameAsString() + ")", blocked)));
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
    private static Optional<Load> loadOf(MethodDeclaration method, TypeResolver types, MethodSummaries summaries) {
        if (method.getBody().isPresent()) {
            for (CallReach.Reached reached : CallReach.calls(List.of(method.getBody().get()))) {
                Optional<CacheApis.Load> source = CacheApis.slowSource(reached.call(), types, summaries);
                if (source.isPresent()) {
                    String described = CacheApis.describe(reached.call());
                    return Optional.of(new Load(source.get().source(), "loads from the " + source.get().source()
                            + " with " + described
                            + (source.get().via().equals(described) ? "" : " (through " + source.get().via() + ")")));
                }
            }
            return Optional.empty();
        }
        Optional<ClassOrInterfaceDeclaration> owner = method.findAncestor(ClassOrInterfaceDeclaration.class)
                .filter(ClassOrInterfaceDeclaration::isInterface);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        if (isSpringDataRepository(owner.get(), types)) {
            return Optional.of(new Load("database", "runs a query of the Spring Data repository "
                    + owner.get().getNameAsString()));
        }
        if (isMyBatisMapper(owner.get(), types)) {
            return Optional.of(new Load("database", "runs a query of the MyBatis mapper "
                    + owner.get().getNameAsString()));
        }
        return Optional.empty();
    }

    /**
     * A Spring Data repository by what it extends ({@code Repository} and its subtypes, through project
     * interfaces in other files too) or by {@code @Repository} / {@code @RepositoryDefinition}; never by name.
     */
    static boolean isSpringDataRepository(ClassOrInterfaceDeclaration owner, TypeResolver types) {
        for (ClassOrInterfaceType parent : owner.getExtendedTypes()) {
            if (types.resolve(parent).filter(t -> types.isSubtype(t, SPRING_DATA_REPOSITORY)).isPresent()) {
                return true;
            }
        }
        return annotatedWithAny(owner, REPOSITORY_ANNOTATIONS, types);
    }

    /** A MyBatis mapper: annotated {@code @Mapper}, or a MyBatis-Plus {@code BaseMapper}. */
    static boolean isMyBatisMapper(ClassOrInterfaceDeclaration owner, TypeResolver types) {
        for (ClassOrInterfaceType parent : owner.getExtendedTypes()) {
            if (types.resolve(parent).filter(t -> types.isSubtype(t, MYBATIS_PLUS_MAPPER)).isPresent()) {
                return true;
            }
        }
        return annotatedWithAny(owner, Set.of(CacheApis.MYBATIS_MAPPER), types);
    }

    private static boolean annotatedWithAny(ClassOrInterfaceDeclaration owner, Set<String> annotations,
            TypeResolver types) {
        for (AnnotationExpr a : owner.getAnnotations()) {
            if (types.resolveName(a.getNameAsString()).filter(annotations::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    static final String MYBATIS_PLUS_MAPPER = "com.baomidou.mybatisplus.core.mapper.Mapper";

    /** Spring annotations that, on the same method, make Spring reject {@code sync = true}. */
    static final Set<String> CACHE_WRITERS = Set.of("org.springframework.cache.annotation.CachePut",
            "org.springframework.cache.annotation.CacheEvict", "org.springframework.cache.annotation.Caching");

    /**
     * Why Spring rejects {@code sync = true} on this {@code @Cacheable}, in words, if it does: it allows no
     * {@code unless}, a single cache name, and no other cache operation on the method.
     */
    static Optional<String> syncNotAllowed(AnnotationExpr annotation, MethodDeclaration method, TypeResolver types) {
        if (!types.resolveName(annotation.getNameAsString()).orElse("").equals(SPRING_CACHEABLE)) {
            return Optional.empty();
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals("unless")) {
                    return Optional.of("unless");
                }
            }
            for (MemberValuePair pair : normal.getPairs()) {
                if ((pair.getNameAsString().equals("value") || pair.getNameAsString().equals("cacheNames"))
                        && pair.getValue() instanceof ArrayInitializerExpr names && names.getValues().size() > 1) {
                    return Optional.of("several caches");
                }
            }
        } else if (annotation instanceof SingleMemberAnnotationExpr single
                && single.getMemberValue() instanceof ArrayInitializerExpr names && names.getValues().size() > 1) {
            return Optional.of("several caches");
        }
        for (AnnotationExpr other : method.getAnnotations()) {
            Optional<String> name = types.resolveName(other.getNameAsString()).filter(CACHE_WRITERS::contains);
            if (name.isPresent()) {
                return Optional.of("@" + name.get().substring(name.get().lastIndexOf('.') + 1));
            }
        }
        return Optional.empty();
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

    private static String message(MethodDeclaration method, String member, Load load, String origin,
            Optional<String> blocked) {
        String hit = load.source().equals("database") ? "all hit the database"
                : "all call the remote service (and the database behind it)";
        String head = String.format("@Cacheable on %s()%s without %s = true: on a miss (cold cache, eviction, expiry) "
                        + "every concurrent caller for the same key runs the method, which %s; many requests miss "
                        + "the same key at once and %s, a cache stampede that can take down an undersized database "
                        + "(guide: %s). ",
                method.getNameAsString(), origin, member, load.words(), hit, METADATA.family().shortSection());
        if (blocked.isEmpty()) {
            return head + String.format("Set %s = true so one caller per key loads while the others wait; that "
                    + "coalesces within one JVM, so for very hot keys across pods add a distributed lock or "
                    + "probabilistic early refresh (XFetch: recompute when now - delta * beta * ln(rand()) >= "
                    + "expiry).", member);
        }
        String why = switch (blocked.get()) {
            case "unless" -> "Spring rejects sync = true together with unless. Cache the empty result too: drop "
                    + "unless and give this cache a short TTL (so a missing entry is cached for seconds, not "
                    + "hours), then set sync = true";
            case "several caches" -> "Spring rejects sync = true with more than one cache name. Cache under one "
                    + "name and set sync = true";
            default -> "Spring rejects sync = true when " + blocked.get() + " is on the same method. Move "
                    + blocked.get() + " to a method of its own and set sync = true";
        };
        return head + why + "; or load through a loader-based cache (Spring Cache.get(key, Callable), a Caffeine "
                + "LoadingCache or get(key, loader)), or hold a per-key lock (a Redis SET NX lease, Redisson "
                + "RLock) around the load so that one caller loads while the others wait.";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, CacheWrites.class, CacheEffects.class, CacheableWithoutSync.class)).or(Relevance.suffixes(CacheApis.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(CacheApis.MAPPER_SUFFIX)));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
