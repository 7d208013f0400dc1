package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.cache.CacheNames;
import dev.dbcheck.rules.cache.CacheInvalidations.Invalidation;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cache-aside write-back of a value loaded from the database or a remote service, with no expiry: Jedis,
 * Lettuce and Spring Data Redis {@code set}/{@code hset} without a TTL (and no {@code expire} on the key after
 * it), Redisson {@code RBucket.set(v)}, memcached {@code set(k, 0, v)}. Write shapes are in
 * {@link CacheWrites}; the sources are those of the cache-stampede rules ({@link CacheApis#slowSource}).
 *
 * <p>Facts: ElastiCache's default {@code maxmemory-policy} is {@code volatile-lru}, which evicts only keys
 * with a TTL; with keys that have none, writes fail with OOM errors once memory is full, and under
 * {@code allkeys-lru} such keys push hot keys out (domain-facts.md section 8, from the ElastiCache parameter
 * documentation).
 *
 * <p>At info: a write whose key the project removes when the data changes ({@link CacheInvalidations}): it is not
 * served stale, only the memory concern is left.
 *
 * <p>Not flagged: writes with an expiry, or options the analysis cannot see; an {@code expire} on the same
 * key later in the method; SET NX writes (locks); values that do not come from a slower source in the same
 * method; keys whose constant prefix names a store that is not a cache (session, lock, queue, counter).
 *
 * <p>Spring's cache abstraction sets expiry per cache manager, not per write: a {@code Cache.put(key, loaded)}
 * is flagged only in a project whose Spring caches live in Redis ({@code spring.cache.type=redis}, or code that
 * builds a {@code RedisCacheManager} or {@code RedisCacheConfiguration}) and that configures no default TTL
 * ({@code RedisCacheConfiguration.entryTtl(..)}, {@code spring.cache.redis.time-to-live}); Spring Boot's
 * {@code RedisCacheConfiguration.defaultCacheConfig()} has no TTL (domain-facts.md section 8). The decision
 * is made after every file is read, from facts.
 */
public final class CacheEntryWithoutTtl implements JavaRule.MethodCalls, JavaRule.Annotations, ResourceRule,
        ProjectRule {

    static final String SPRING_PUT = "springCachePut";
    static final String REDIS_CACHE = "springCacheOnRedis";
    static final String DEFAULT_TTL = "springCacheDefaultTtl";


    static final MethodMatcher SPRING_CACHE_PUT = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.springframework.cache.Cache").named("put", "putIfAbsent").withArgumentCount(2);
    /** The Spring Data Redis cache setup and its TTL, matched as the cache's expiry facts match them. */
    static final MethodMatcher ENTRY_TTL = CacheExpiry.ENTRY_TTL;
    static final MethodMatcher REDIS_CACHE_SETUP = CacheExpiry.REDIS_DEFAULTS;

    /** Read for its invalidations: a file that evicts a Spring cache can say that a value is not served stale. */
    static final String CACHE_EVICT = CacheableAnnotations.SPRING_CACHE_EVICT;

    /** {@code del/unlink(keys..)} on Jedis and Lettuce, {@code delete/unlink(key)} on a Spring Data Redis template. */
    static final MethodMatcher KEY_DELETE = CacheWrites.KEY_DELETE;

    /** Words in a key's constant prefix that mark a store that is not a cache. */
    static final List<String> NOT_CACHE_KEYS = List.of("session", "lock", "queue", "counter");

    private static final Set<String> NAMES = Set.of("set", "hset", "hmset", "put", "putAll", "putIfAbsent");

    private static final RuleMetadata METADATA = RuleMetadata.builder("CacheEntryWithoutTtl")
            .family(Family.CACHE_EXPIRY)
            .severity(Severity.WARNING)
            .summary("Value loaded from the database is cached with no expiry")
            .explanation("""
                    A cache-aside write-back without a TTL keeps the entry until memory pressure evicts it. \
                    Stale values never leave: a row changed or deleted in the database is served from the \
                    cache forever. And the cache fills up: on ElastiCache's default volatile-lru policy only \
                    keys with a TTL can be evicted, so once memory is full writes fail; under allkeys-lru \
                    the entries without expiry push hot keys out. Evictions under memory pressure are one of \
                    the causes of the high miss rates the guide warns about, where the database suddenly \
                    absorbs the traffic the cache was shielding. A value the project removes when the data \
                    changes is not served stale: when another method deletes keys with the same constant \
                    prefix (del, delete, unlink on the client or template), or the key is written into a \
                    Spring cache's namespace (name::) that @CacheEvict(allEntries = true) empties, the finding \
                    is info and names the invalidation (evidence invalidatedBy); only the memory concern is \
                    left. A delete in the write's own method is a refresh, not an invalidation on change.""")
            .fix("""
                    Give every cached value a TTL that matches how stale it may be: \
                    set(key, value, SetParams.setParams().ex(seconds)) or setex on Jedis, \
                    set(key, value, Duration) on Spring's ValueOperations, set(key, value, SetArgs.Builder.ex(s)) \
                    on Lettuce, set(value, Duration) on a Redisson bucket, a non-zero expiry on memcached; for \
                    hashes, expire(key, seconds) right after the write. For Spring's cache abstraction on Redis, \
                    set a default TTL on the cache manager (RedisCacheConfiguration.entryTtl(Duration) or \
                    spring.cache.redis.time-to-live).""")
            .badExample("""
                    Product product(long id) {
                        String cached = jedis.get("product:" + id);
                        if (cached != null) {
                            return Product.parse(cached);
                        }
                        Product product = productRepository.findById(id).orElseThrow();
                        jedis.set("product:" + id, product.toJson());
                        return product;
                    }""")
            .goodExample("""
                    Product product(long id) {
                        String cached = jedis.get("product:" + id);
                        if (cached != null) {
                            return Product.parse(cached);
                        }
                        Product product = productRepository.findById(id).orElseThrow();
                        jedis.set("product:" + id, product.toJson(), SetParams.setParams().ex(600));
                        return product;
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        if (KEY_DELETE.matches(call, types)) {
            recordDelete(call, context);
            return;
        }
        if (REDIS_CACHE_SETUP.matches(call, types)) {
            context.addFact(REDIS_CACHE, call, Map.of());
        } else if (ENTRY_TTL.matches(call, types) && !CacheExpiry.mirrorsTimeToLive(call, types)) {
            context.addFact(DEFAULT_TTL, call, Map.of());
        } else if (SPRING_CACHE_PUT.matches(call, types)) {
            Optional<String> loaded = CacheWrites.loadedFrom(call.getArgument(1), ValueFlow.of(context), types,
                    context.summaries());
            loaded.ifPresent(source -> {
                var end = call.getEnd().orElseThrow();
                context.addFact(SPRING_PUT, call.getName(), Map.of("source", source, "call", call.getNameAsString(),
                        "endLine", Integer.toString(end.line), "endColumn", Integer.toString(end.column),
                        "cache", CacheInvalidations.springCacheName(call.getScope().orElseThrow(),
                                context.constants(), types).orElse(""),
                        "method", enclosingMethod(call)));
            });
            return;
        }
        if (!NAMES.contains(call.getNameAsString()) || call.getArguments().isEmpty()) {
            return;
        }
        Optional<CacheWrites.Write> write = CacheWrites.of(call, types, ValueFlow.of(context));
        if (write.isEmpty() || write.get().expiry() != CacheWrites.Expiry.NONE) {
            return;
        }
        Optional<String> source = CacheWrites.loadedFrom(write.get().value(), ValueFlow.of(context), types,
                context.summaries());
        if (source.isEmpty() || isNotACacheKey(write.get().key(), context.constants(), types)
                || CacheWrites.expiredLater(write.get(), types, context.constants())) {
            return;
        }
        var end = call.getEnd().orElseThrow(); // the region runs from the method name to the end of the call
        String prefix = CacheInvalidations.keyPrefix(write.get().key(), context.constants(), types).orElse("");
        context.addFact(call.getName(), new Unexpired(prefix, call.getNameAsString(), source.get(),
                write.get().fix(), enclosingMethod(call), end.line, end.column));
    }

    // ---- Invalidation on change: a key the project deletes, a Spring cache it empties -----------------

    /**
     * {@code @CacheEvict(allEntries = true)} empties a Spring cache on Redis by deleting every key under the
     * cache's prefix, {@code name::} (Spring Data Redis' {@code CacheKeyPrefix.simple()}): values written there by
     * hand are invalidated with it.
     */
    @Override
    public void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        if (!CacheableAnnotations.isCacheEvict(annotation, context.types())) {
            return;
        }
        boolean allEntries = CacheableAnnotations.isTrue(annotation, "allEntries", context.constants());
        String how = allEntries ? "@CacheEvict(allEntries=true)" : "@CacheEvict";
        for (String name : CacheNames.of(annotation, context.constants())) {
            String family = allEntries ? name + "::" : CacheInvalidations.CACHE_NAME + name;
            context.addFact(annotation, new Invalidation(family, how, enclosingMethod(annotation)));
        }
    }

    private void recordDelete(MethodCallExpr call, JavaContext context) {
        for (Expression key : call.getArguments()) {
            CacheInvalidations.keyPrefix(key, context.constants(), context.types()).ifPresent(prefix ->
                    context.addFact(call, new Invalidation(prefix, call.getNameAsString() + "(..)",
                            enclosingMethod(call))));
        }
    }

    private static String enclosingMethod(Node node) {
        return node.findAncestor(CallableDeclaration.class).map(CallableDeclaration::getNameAsString)
                .orElse("an initialiser");
    }

    // ---- Spring's cache abstraction: Redis as the cache, and its default TTL ---------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        for (ConfigProperty p : ConfigFiles.readOrEmpty(file)) {
            if (p.canonicalKey().equals("spring.cache.type") && "redis".equalsIgnoreCase(String.valueOf(p.value()).trim())) {
                context.addFact(REDIS_CACHE, p.line(), p.column(), Map.of());
            } else if (p.canonicalKey().equals("spring.cache.redis.timetolive") && p.value() != null
                    && !p.value().isBlank()) {
                context.addFact(DEFAULT_TTL, p.line(), p.column(), Map.of());
            }
        }
    }

    /**
     * Reports each write without expiry: at the rule's severity, or at info when another method of the project
     * deletes keys with the same constant prefix (or empties the Spring cache whose namespace the key is in), since
     * the value is then invalidated when the data changes and is not served stale.
     */
    @Override
    public void finish(ProjectContext context) {
        List<Invalidation> invalidations = context.facts(Invalidation.class).stream()
                .filter(f -> f.fact().ruleId().equals(id())).map(Fact.Typed::value).toList();
        for (Fact.Typed<Unexpired> w : context.facts(Unexpired.class)) {
            if (!w.fact().ruleId().equals(id())) {
                continue;
            }
            Unexpired write = w.value();
            Optional<Invalidation> invalidated = invalidations.stream().filter(i -> write.invalidatedBy(i))
                    .findFirst();
            context.report(w.file(), w.line(), w.column(), write.endLine(), write.endColumn(),
                    invalidated.isPresent() ? Severity.INFO : METADATA.defaultSeverity(),
                    write.message(invalidated), write.details(invalidated));
        }
        springCachePuts(context, invalidations);
    }

    /**
     * Spring {@code Cache.put}s of loaded values, in a project whose Spring caches live in Redis without a default
     * TTL: the rule's severity, or info when an {@code @CacheEvict} of that cache (keyed or of all entries) in another
     * method invalidates it on change.
     */
    private void springCachePuts(ProjectContext context, List<Invalidation> invalidations) {
        List<Fact> facts = context.facts().stream().filter(f -> f.ruleId().equals(id())).toList();
        boolean onRedis = facts.stream().anyMatch(f -> f.kind().equals(REDIS_CACHE));
        boolean defaultTtl = facts.stream().anyMatch(f -> f.kind().equals(DEFAULT_TTL));
        if (!onRedis || defaultTtl) {
            return;
        }
        for (Fact f : facts) {
            if (!f.kind().equals(SPRING_PUT)) {
                continue;
            }
            String cache = f.data().getOrDefault("cache", "");
            Optional<Invalidation> evicted = invalidations.stream().filter(i -> !cache.isEmpty()
                    && !i.method().equals(f.data().get("method"))
                    && (i.keyPrefix().equals(CacheInvalidations.CACHE_NAME + cache)
                            || i.keyPrefix().equals(cache + "::"))).findFirst();
            if (evicted.isPresent()) {
                Invalidation by = evicted.get();
                context.report(f.file(), f.line(), f.column(), Integer.parseInt(f.data().get("endLine")),
                        Integer.parseInt(f.data().get("endColumn")), Severity.INFO, String.format(
                                "%s() caches a value loaded from the %s in the Spring cache %s on Redis, and the "
                                        + "project configures no default TTL, but %s on %s() removes it when the data "
                                        + "changes, so it is not served stale: reported at info. Without a TTL the "
                                        + "entry still stays until memory pressure evicts it %s. A TTL as a backstop: "
                                        + "RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration) or "
                                        + "spring.cache.redis.time-to-live.",
                                f.data().get("call"), f.data().get("source"), cache, by.how(), by.method(),
                                METADATA.family().cite()),
                        dev.dbcheck.rule.Headline.details(f.data().get("call") + "() caches a loaded value in Spring "
                                + "cache " + cache + " with no TTL, but " + by.how() + " on " + by.method()
                                + "() removes it on change.", f.data().get("call") + "() caches a loaded value with no "
                                + "TTL, but " + by.how() + " removes it on change.")
                                .withEvidence("invalidatedBy", by.how() + ":" + by.method() + "()"));
                continue;
            }
            context.report(f.file(), f.line(), f.column(), Integer.parseInt(f.data().get("endLine")),
                    Integer.parseInt(f.data().get("endColumn")), METADATA.defaultSeverity(), String.format(
                            "%s() caches a value loaded from the %s in a Spring cache on Redis, and the project "
                                    + "configures no default TTL: the entry stays until memory pressure evicts it, so "
                                    + "a changed row is served stale forever, and evictions under memory pressure (or, "
                                    + "on ElastiCache's default volatile-lru, failed writes once memory is full) bring "
                                    + "the misses that reach the database %s. Give it a TTL: set "
                                    + "RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration) on the cache "
                                    + "manager, or spring.cache.redis.time-to-live.",
                            f.data().get("call"), f.data().get("source"), METADATA.family().cite()),
                    headline(f.data().get("call"), f.data().get("source"), " in a Spring cache on Redis"));
        }
    }

    /**
     * A write of a loaded value with no expiry: its key's constant prefix (empty when the key starts with a value),
     * what the finding says, and the method it is in.
     */
    record Unexpired(String keyPrefix, String call, String source, String fix, String method, int endLine,
            int endColumn) {

        /**
         * Another method deletes keys under a prefix this key starts with: a refresh that deletes and rewrites in
         * the write's own method is not an invalidation on change.
         */
        boolean invalidatedBy(Invalidation i) {
            if (i.keyPrefix().startsWith(CacheInvalidations.CACHE_NAME)) {
                return false;
            }
            boolean named = keyPrefix.startsWith(CacheInvalidations.UNRESOLVED)
                    || i.keyPrefix().startsWith(CacheInvalidations.UNRESOLVED);
            return !keyPrefix.isEmpty() && !i.method().equals(method)
                    && (named ? keyPrefix.equals(i.keyPrefix()) : keyPrefix.startsWith(i.keyPrefix()));
        }

        String message(Optional<Invalidation> invalidated) {
            if (invalidated.isPresent()) {
                return String.format("%s() caches a value loaded from the %s with no expiry, but %s on %s() removes "
                        + "the key when the data changes, so it is not served stale: reported at info. Without a TTL "
                        + "the entry still stays until memory pressure evicts it (on ElastiCache's default "
                        + "volatile-lru it cannot be evicted at all, and writes fail once memory is full) %s. A TTL "
                        + "as a backstop: %s.", call, source, invalidated.get().how(), invalidated.get().method(),
                        METADATA.family().cite(), fix);
            }
            return String.format("%s() caches a value loaded from the %s with no expiry: the entry stays until memory "
                    + "pressure evicts it, so a changed row is served stale forever, and evictions under memory "
                    + "pressure (or, on ElastiCache's default volatile-lru, failed writes once memory is full) bring "
                    + "the misses that reach the database %s. Give it a TTL: %s.", call, source,
                    METADATA.family().cite(), fix);
        }

        dev.dbcheck.finding.Details details(Optional<Invalidation> invalidated) {
            if (invalidated.isEmpty()) {
                return headline(call, source, "");
            }
            String by = invalidated.get().how() + " on " + invalidated.get().method() + "()";
            return dev.dbcheck.rule.Headline.details(call + "() caches a value loaded from the " + source
                    + " with no TTL, but " + by + " removes it when the data changes: not served stale.",
                    call + "() caches a loaded value with no TTL, but " + by + " removes it on change.",
                    call + "() caches a loaded value with no TTL, but the project removes it on change.")
                    .withEvidence("invalidatedBy", invalidated.get().how() + ":" + invalidated.get().method() + "()");
        }
    }

    /** "set() caches a value loaded from the database with no TTL: ..." */
    private static dev.dbcheck.finding.Details headline(String call, String source, String where) {
        String end = " with no TTL: it is served stale until evicted, and evictions send the misses to the database.";
        return dev.dbcheck.rule.Headline.details(call + "() caches a value loaded from the " + source + where + end,
                call + "() caches a value from the " + source + where + end,
                call + "() caches a loaded value" + where + end);
    }

    /** A key whose constant prefix says it is a session, lock, queue or counter, not a cached value. */
    static boolean isNotACacheKey(Expression key, ConstantEvaluator constants, TypeResolver types) {
        Optional<String> prefix = constants.stringValue(CacheInvalidations.keyParts(key, types).getFirst());
        if (prefix.isEmpty()) {
            return false;
        }
        String p = prefix.get().toLowerCase(Locale.ROOT);
        return NOT_CACHE_KEYS.stream().anyMatch(p::contains);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, SlowSources.class, CacheGuards.class, CacheWrites.class, CacheEffects.class, CacheEntryWithoutTtl.class)).or(Relevance.suffixes(SlowSources.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(SlowSources.MAPPER_SUFFIX)));

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
