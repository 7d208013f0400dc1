package dev.dbcheck.rules.cache;

import static dev.dbcheck.rules.cache.CacheableAnnotations.SPRING_CACHEABLE;
import static dev.dbcheck.rules.cache.CacheableAnnotations.coalescingMember;
import static dev.dbcheck.rules.cache.CacheableAnnotations.isTrue;
import static dev.dbcheck.rules.cache.CacheableAnnotations.syncNotAllowed;
import static dev.dbcheck.rules.cache.CachedLoads.loadOf;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.Node;
import dev.dbcheck.cache.CacheKeys;
import dev.dbcheck.cache.CacheNames;
import dev.dbcheck.cache.KeyKind;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.cache.CachedLoads.Load;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;

/**
 * A cache annotation that does not coalesce concurrent misses (Spring {@code @Cacheable} without
 * {@code sync = true}, Micronaut {@code @Cacheable} without {@code atomic = true}) on a method that loads
 * from a database or a remote service, or on a Spring Data repository query method.
 */
public final class CacheableWithoutSync implements JavaRule.MethodDeclarations {

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
                    project base interfaces too, not by its name.

                    Severity follows the key. A shared key (a constant, a method without parameters, a \
                    dictionary type or code, a configuration key, a tenant or client id, an entity id) is missed \
                    by many users at once: the rule's severity, and a @CacheEvict(allEntries = true) or \
                    getCache(..).clear() of the same cache in the class is named, since after it every key \
                    misses together. A per-principal key (key = "#username", a token, a session, the security \
                    context or a login helper in the SpEL) is missed together only by one user's own \
                    requests: info, saying so. A cached method that only forwards to another @Cacheable \
                    method with the same cache and key is not reported: the stampede is the other method's. \
                    The evidence says what decided: keyKind (shared, per-principal, unknown for a key \
                    generator), store (spring-cache), load (database or remote-service) and eviction.""")
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
    public void visitMethodDeclaration(MethodDeclaration method, JavaContext context) {
        TypeResolver types = context.types();
        boolean annotated = false;
        for (AnnotationExpr annotation : method.getAnnotations()) {
            Optional<String> member = coalescingMember(annotation, types);
            if (member.isEmpty()) {
                continue;
            }
            annotated = true;
            if (!isTrue(annotation, member.get(), context.constants())
                    && !CachedLoads.forwardsToCached(method, annotation, types, context.summaries())) {
                Optional<String> blocked = syncNotAllowed(annotation, method, types);
                loadOf(method, types, context.summaries()).ifPresent(load ->
                        report(annotation, annotation, method, member.get(), load, "", blocked, context));
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
                loadOf(method, types, context.summaries()).ifPresent(load -> report(method.getName(), annotation,
                        method, member.get(), load, " (from the @Cacheable on " + owner.get().getNameAsString() + ")",
                        blocked, context));
                return;
            }
        }
    }

    /**
     * Reports at the rule's severity when the key is shared (or not visible), at info when it is built from the
     * signed-in user: only that user's own requests can miss it together.
     */
    private static void report(Node at, AnnotationExpr annotation, MethodDeclaration method, String member, Load load,
            String origin, Optional<String> blocked, JavaContext context) {
        CacheKeys.Classified key = CacheKeys.ofCacheable(annotation, method, context.constants());
        Optional<CacheNames.Eviction> eviction = key.kind() == KeyKind.PER_PRINCIPAL ? Optional.empty()
                : CacheNames.wholesaleEviction(method, CacheNames.of(annotation, context.constants()),
                        context.constants());
        Severity severity = key.kind() == KeyKind.PER_PRINCIPAL ? Severity.INFO : context.defaultSeverity();
        Details details = Details.headline(headline(method, member, load, key, eviction))
                .withEvidence("keyKind", key.kind().label())
                .withEvidence("store", member.equals("atomic") ? "micronaut-cache" : "spring-cache")
                .withEvidence("load", SlowSources.evidence(load.source()));
        if (eviction.isPresent()) {
            details = details.withEvidence("eviction", eviction.get().evidence());
        }
        context.report(at, at, severity, message(method, member, load, origin, blocked, key, eviction), details);
    }

    static String headline(MethodDeclaration method, String member, Load load, CacheKeys.Classified key,
            Optional<CacheNames.Eviction> eviction) {
        String what = load.source().equals("database") ? "a database query" : "a remote service call";
        if (key.kind() == KeyKind.PER_PRINCIPAL) {
            return String.format("@Cacheable %s() lacks %s = true, but its key is per-user: only one user's "
                    + "requests can miss it together (%s).", method.getNameAsString(), member, what);
        }
        return String.format("@Cacheable %s() lacks %s = true: concurrent misses of its %s key all run %s%s.",
                method.getNameAsString(), member, key.kind().label(), what,
                eviction.map(e -> " (evicted wholesale)").orElse(""));
    }

    private static String message(MethodDeclaration method, String member, Load load, String origin,
            Optional<String> blocked, CacheKeys.Classified key, Optional<CacheNames.Eviction> eviction) {
        String hit = load.source().equals("database") ? "all run the database query"
                : "all call the remote service (and the database behind it)";
        String contention = switch (key.kind()) {
            case PER_PRINCIPAL -> String.format("Only the signed-in user's own requests share this key (%s), so a "
                    + "miss is loaded at most a few times at once: reported at info. ", key.reason());
            case SHARED -> String.format("The key is shared (%s): many requests miss it at once and %s%s, a cache "
                    + "stampede that can take down an undersized database %s. ", key.reason(), hit,
                    eviction.map(e -> "; " + e.describe() + " empties the whole cache at once, so every key misses together")
                            .orElse(""), METADATA.family().cite());
            case UNKNOWN -> String.format("Many requests can miss the same key at once (%s) and %s, a cache stampede "
                    + "that can take down an undersized database %s. ", key.reason(), hit, METADATA.family().cite());
        };
        String head = String.format("@Cacheable on %s()%s without %s = true: on a miss (cold cache, eviction, expiry) "
                        + "every concurrent caller for the same key runs the method, which %s. %s",
                method.getNameAsString(), origin, member, load.words(), contention);
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
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, SlowSources.class, CacheGuards.class, CacheWrites.class, CacheEffects.class, CacheableWithoutSync.class, CacheableAnnotations.class, CachedLoads.class)).or(Relevance.suffixes(SlowSources.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(SlowSources.MAPPER_SUFFIX)));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }

    /** Loads, through the project's own methods, only where a database or remote client can be reached. */
    @Override
    public java.util.Map<dev.dbcheck.model.EffectAnalysis<?>, Relevance> summaryRelevance() {
        return java.util.Map.of(LoadEffects.INSTANCE, LoadEffects.RELEVANCE);
    }
}
