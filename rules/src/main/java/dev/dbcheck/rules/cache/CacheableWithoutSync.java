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
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.cache.CacheKeys;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.entrypoints.EntryPoint;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
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
import java.util.List;
import java.util.Optional;

/**
 * A cache annotation that does not coalesce concurrent misses (Spring {@code @Cacheable} without
 * {@code sync = true}, Micronaut {@code @Cacheable} without {@code atomic = true}) on a method that loads
 * from a database or a remote service, or on a Spring Data repository query method.
 */
public final class CacheableWithoutSync implements JavaRule.MethodDeclarations, JavaRule.MethodCalls,
        JavaRule.Annotations, ResourceRule, ProjectRule {

    static final String SPRING_CACHE_MANAGER = "org.springframework.cache.CacheManager";

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
                    Severity also follows when the misses can come together. A wholesale eviction of the \
                    cache anywhere in the project (@CacheEvict(allEntries = true), including inside @Caching, \
                    or cacheManager.getCache(name).clear()) keeps the rule's severity and is named. A cache that \
                    never expires and that nothing empties wholesale misses only when it is cold (a restarted \
                    in-process cache, a flushed Redis) or under memory pressure: info, saying what makes it \
                    eternal (Spring Data Redis' defaultCacheConfig() or spring.cache.type=redis without \
                    entryTtl or spring.cache.redis.time-to-live, an entryTtl(..getTimeToLive()) that copies Spring \
                    Boot's configuration counting only when the property is set; a JCache MutableConfiguration without an \
                    expiry policy; Ehcache's ExpiryPolicyBuilder.noExpiration()). Any TTL the project sets \
                    (entryTtl, time-to-live, a Caffeine or Guava expiry on a builder handed to Spring's \
                    CaffeineCacheManager or CaffeineCache, an expiring JCache or Ehcache policy, a TTL in the \
                    cache name such as dict#30d) or a cache configuration in a file dbcheck does not read \
                    (spring.cache.jcache.config) keeps the rule's severity. A method that only scheduled jobs \
                    or start-up code reach (the project's entry points) has no concurrent requests to miss \
                    together: info, naming the entry point. The evidence says what decided: keyKind (shared, \
                    per-principal, unknown for a key generator), store (spring-cache), load (database or \
                    remote-service), eviction, expiry (expires, never, unknown) with expiryBy, and entryPoint, \
                    with the route from it as the finding's path.""")
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
     * Reports at info, at once, what the file alone decides: a key built from the signed-in user (only that user's
     * requests miss it together), or a method only scheduled jobs or start-up code reach (no concurrent requests).
     * Anything else is decided after every file is read ({@link #finish}), when the project's wholesale evictions
     * and cache expiry are known: it is recorded as a {@link Candidate}.
     */
    private static void report(Node at, AnnotationExpr annotation, MethodDeclaration method, String member, Load load,
            String origin, Optional<String> blocked, JavaContext context) {
        CacheKeys.Classified key = CacheKeys.ofCacheable(annotation, method, context.constants());
        Reach reach = context.entryPoints().reach(at);
        Candidate candidate = new Candidate(String.join("\n", CacheNames.of(annotation, context.constants())),
                method.getNameAsString(), origin, member, load.source(), load.words(), blocked.orElse(""),
                key.kind(), key.reason(), reach.verdict(), reach.entryPoint().map(EntryPoint::label).orElse(""),
                reach.routeText(), at.getEnd().map(p -> p.line).orElse(0), at.getEnd().map(p -> p.column).orElse(0));
        if (key.kind() == KeyKind.PER_PRINCIPAL || reach.verdict().outsideRequests()) {
            Decided decided = candidate.decide(Optional.empty(), new CacheExpiry.Judged(Optional.empty(), ""),
                    context.defaultSeverity());
            context.report(at, at, decided.severity(), decided.message(), decided.details());
        } else {
            context.addFact(at, candidate);
        }
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        CacheExpiry.of(call, context).ifPresent(setting -> context.addFact(call, setting));
        if (call.getNameAsString().equals("clear") && call.getArguments().isEmpty()
                && call.getScope().filter(MethodCallExpr.class::isInstance).isPresent()) {
            MethodCallExpr getCache = (MethodCallExpr) call.getScope().get();
            if (getCache.getNameAsString().equals("getCache") && getCache.getArguments().size() == 1
                    && isSpringCacheManager(getCache, context.types())) {
                context.constants().stringValue(getCache.getArgument(0)).ifPresent(name -> context.addFact(call,
                        new WholesaleEviction(name, "Cache.clear()", enclosingMethod(call))));
            }
        }
    }

    @Override
    public void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        if (!CacheableAnnotations.isCacheEvict(annotation, context.types())
                || !CacheableAnnotations.isTrue(annotation, "allEntries", context.constants())) {
            return;
        }
        for (String name : CacheNames.of(annotation, context.constants())) {
            context.addFact(annotation, new WholesaleEviction(name, "@CacheEvict(allEntries=true)",
                    enclosingMethod(annotation)));
        }
    }

    /**
     * The receiver of {@code getCache(..)} is a Spring {@code CacheManager}, or its type is not known (a field of a
     * library type dbcheck cannot see): a project's own {@code getCache(name)} returning a map is not a Spring cache.
     */
    private static boolean isSpringCacheManager(MethodCallExpr getCache, TypeResolver types) {
        Optional<com.github.javaparser.ast.expr.Expression> scope = getCache.getScope()
                .filter(e -> !(e instanceof com.github.javaparser.ast.expr.ThisExpr));
        if (scope.isEmpty()) {
            // The class's own getCache(..): Spring's only when the class is a cache manager itself.
            Optional<ClassOrInterfaceDeclaration> owner = getCache.findAncestor(ClassOrInterfaceDeclaration.class);
            return owner.isEmpty() || owner.get().getMethodsByName("getCache").isEmpty()
                    || java.util.stream.Stream.concat(owner.get().getExtendedTypes().stream(),
                            owner.get().getImplementedTypes().stream())
                            .anyMatch(t -> t.getNameAsString().endsWith("CacheManager"));
        }
        Optional<String> type = scope.flatMap(types::typeOf);
        return type.isEmpty() || types.isSubtypeOfAny(type.get(), java.util.Set.of(SPRING_CACHE_MANAGER));
    }

    private static String enclosingMethod(Node node) {
        return node.findAncestor(MethodDeclaration.class).map(MethodDeclaration::getNameAsString).orElse("a method");
    }

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        for (ConfigProperty p : ConfigFiles.readOrEmpty(file)) {
            CacheExpiry.of(p).ifPresent(setting -> context.addFact(p.line(), p.column(), setting));
        }
    }

    /**
     * Decides each recorded {@link Candidate} with the project's facts: a wholesale eviction of its cache anywhere
     * keeps the rule's severity and is named (after it every key misses together); a cache that never expires and
     * that nothing empties wholesale misses only when cold, so it is info; otherwise the rule's severity.
     */
    @Override
    public void finish(ProjectContext context) {
        List<CacheExpiry.Setting> settings = context.facts(CacheExpiry.Setting.class).stream()
                .filter(f -> f.fact().ruleId().equals(METADATA.id())).map(Fact.Typed::value).toList();
        List<WholesaleEviction> evictions = context.facts(WholesaleEviction.class).stream()
                .filter(f -> f.fact().ruleId().equals(METADATA.id())).map(Fact.Typed::value).toList();
        for (Fact.Typed<Candidate> c : context.facts(Candidate.class)) {
            if (!c.fact().ruleId().equals(METADATA.id())) {
                continue;
            }
            List<String> names = c.value().cacheNames();
            Optional<WholesaleEviction> eviction = evictions.stream().filter(e -> names.contains(e.cache()))
                    .findFirst();
            Decided decided = c.value().decide(eviction, CacheExpiry.judge(names, settings),
                    METADATA.defaultSeverity());
            context.report(c.file(), c.line(), c.column(), c.value().endLine(), c.value().endColumn(),
                    decided.severity(), decided.message(), decided.details());
        }
    }

    /** A wholesale eviction of the cache {@code cache}: what it is, and the method it is on. */
    record WholesaleEviction(String cache, String what, String method) {
        String describe() {
            return what + " on " + method + "()";
        }

        String evidence() {
            return what + ":" + method + "()";
        }
    }

    /** A finding's severity, message and details. */
    record Decided(Severity severity, String message, Details details) {}

    /**
     * A {@code @Cacheable} method that loads without coalescing: everything its finding says, kept as a fact so that
     * its severity can wait for the whole project ({@code caches} are the cache names, one per line).
     */
    record Candidate(String caches, String method, String origin, String member, String loadSource,
            String loadWords, String blocked, KeyKind keyKind, String keyReason, Reach.Verdict reach,
            String entryPoint, String route, int endLine, int endColumn) {

        List<String> cacheNames() {
            return caches.isEmpty() ? List.of() : List.of(caches.split("\n"));
        }

        Decided decide(Optional<WholesaleEviction> eviction, CacheExpiry.Judged expiry, Severity rule) {
            boolean offRequests = reach.outsideRequests();
            boolean cold = eviction.isEmpty() && expiry.never();
            Severity severity = keyKind == KeyKind.PER_PRINCIPAL || offRequests || cold ? Severity.INFO : rule;
            Details details = Details.headline(headline(this, eviction, expiry))
                    .withEvidence("keyKind", keyKind.label())
                    .withEvidence("store", member.equals("atomic") ? "micronaut-cache" : "spring-cache")
                    .withEvidence("load", SlowSources.evidence(loadSource));
            if (eviction.isPresent()) {
                details = details.withEvidence("eviction", eviction.get().evidence());
            }
            if (keyKind != KeyKind.PER_PRINCIPAL && !offRequests) {
                details = details.withEvidence("expiry", expiry.evidence());
                if (!expiry.how().isEmpty()) {
                    details = details.withEvidence("expiryBy", expiry.how());
                }
            }
            details = details.withEvidence("entryPoint", entryPoint.isEmpty() ? "none found" : entryPoint)
                    .withPath(Reach.steps(route));
            return new Decided(severity, message(this, eviction, expiry), details);
        }
    }

    static String headline(Candidate c, Optional<WholesaleEviction> eviction, CacheExpiry.Judged expiry) {
        String what = c.loadSource().equals("database") ? "a database query" : "a remote service call";
        if (c.keyKind() == KeyKind.PER_PRINCIPAL) {
            return String.format("@Cacheable %s() lacks %s = true, but its key is per-user: only one user's "
                    + "requests can miss it together (%s).", c.method(), c.member(), what);
        }
        if (c.reach().outsideRequests()) {
            return dev.dbcheck.rule.Headline.fit(String.format("@Cacheable %s() lacks %s = true, but only %s reaches "
                    + "it: no concurrent requests miss its key together (%s).", c.method(), c.member(),
                    c.entryPoint().isEmpty() ? "a job or start-up code" : c.entryPoint(), what),
                    String.format("@Cacheable %s() lacks %s = true, but only a job or start-up code reaches it (%s).",
                            c.method(), c.member(), what));
        }
        if (eviction.isEmpty() && expiry.never()) {
            return String.format("@Cacheable %s() lacks %s = true, but its cache never expires: its %s key misses "
                    + "together only when the cache is cold (%s).", c.method(), c.member(), c.keyKind().label(), what);
        }
        return String.format("@Cacheable %s() lacks %s = true: concurrent misses of its %s key all run %s%s.",
                c.method(), c.member(), c.keyKind().label(), what, eviction.map(e -> " (evicted wholesale)").orElse(""));
    }

    private static String message(Candidate c, Optional<WholesaleEviction> eviction, CacheExpiry.Judged expiry) {
        String hit = c.loadSource().equals("database") ? "all run the database query"
                : "all call the remote service (and the database behind it)";
        String contention;
        if (c.keyKind() == KeyKind.PER_PRINCIPAL) {
            contention = String.format("Only the signed-in user's own requests share this key (%s), so a "
                    + "miss is loaded at most a few times at once: reported at info. ", c.keyReason());
        } else if (c.reach().outsideRequests()) {
            contention = String.format("No request reaches this method, only %s, so no concurrent callers miss "
                    + "the same key together: reported at info. ",
                    c.entryPoint().isEmpty() ? "scheduled jobs or start-up code" : c.entryPoint());
        } else if (eviction.isEmpty() && expiry.never()) {
            contention = String.format("The key is %s (%s), but the cache never expires (%s) and nothing in the "
                    + "project empties it wholesale, so its keys miss together only when it is cold (after a restart "
                    + "of an in-process cache, a flushed Redis) or under memory-pressure eviction: reported at info. ",
                    c.keyKind() == KeyKind.SHARED ? "shared" : "not per-user", c.keyReason(), expiry.how());
        } else {
            String evicted = eviction.map(e -> "; " + e.describe() + " empties the whole cache at once, so every key "
                    + "misses together").orElse("");
            contention = String.format(c.keyKind() == KeyKind.SHARED
                    ? "The key is shared (%s): many requests miss it at once and %s%s, a cache stampede that can "
                            + "take down an undersized database %s. "
                    : "Many requests can miss the same key at once (%s) and %s%s, a cache stampede that can take "
                            + "down an undersized database %s. ", c.keyReason(), hit, evicted, METADATA.family().cite());
        }
        String head = String.format("@Cacheable on %s()%s without %s = true: on a miss (cold cache, eviction, expiry) "
                        + "every concurrent caller for the same key runs the method, which %s. %s",
                c.method(), c.origin(), c.member(), c.loadWords(), contention);
        if (c.blocked().isEmpty()) {
            return head + String.format("Set %s = true so one caller per key loads while the others wait; that "
                    + "coalesces within one JVM, so for very hot keys across pods add a distributed lock or "
                    + "probabilistic early refresh (XFetch: recompute when now - delta * beta * ln(rand()) >= "
                    + "expiry).", c.member());
        }
        String why = switch (c.blocked()) {
            case "unless" -> "Spring rejects sync = true together with unless. Cache the empty result too: drop "
                    + "unless and give this cache a short TTL (so a missing entry is cached for seconds, not "
                    + "hours), then set sync = true";
            case "several caches" -> "Spring rejects sync = true with more than one cache name. Cache under one "
                    + "name and set sync = true";
            default -> "Spring rejects sync = true when " + c.blocked() + " is on the same method. Move "
                    + c.blocked() + " to a method of its own and set sync = true";
        };
        return head + why + "; or load through a loader-based cache (Spring Cache.get(key, Callable), a Caffeine "
                + "LoadingCache or get(key, loader)), or hold a per-key lock (a Redis SET NX lease, Redisson "
                + "RLock) around the load so that one caller loads while the others wait.";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, CacheExpiry.class, SlowSources.class, CacheGuards.class, CacheWrites.class, CacheEffects.class, CacheableWithoutSync.class, CacheableAnnotations.class, CachedLoads.class)).or(Relevance.suffixes(SlowSources.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(SlowSources.MAPPER_SUFFIX)));

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
