package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.types.ValueTracer;
import java.util.List;
import java.util.Locale;
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
 * <p>Not flagged: writes with an expiry, or options the analysis cannot see; an {@code expire} on the same
 * key later in the method; SET NX writes (locks); values that do not come from a slower source in the same
 * method; keys whose constant prefix names a store that is not a cache (session, lock, queue, counter).
 * The Spring cache abstraction ({@code Cache.put}, {@code @Cacheable}) is not matched at all, since its
 * expiry is configured per cache manager ({@code RedisCacheConfiguration.entryTtl},
 * {@code spring.cache.redis.time-to-live}), not per write.
 */
public final class CacheEntryWithoutTtl implements JavaRule {

    /** Words in a key's constant prefix that mark a store that is not a cache. */
    static final List<String> NOT_CACHE_KEYS = List.of("session", "lock", "queue", "counter");

    private static final Set<String> NAMES = Set.of("set", "hset", "hmset", "put", "putAll");

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
                    absorbs the traffic the cache was shielding.""")
            .fix("""
                    Give every cached value a TTL that matches how stale it may be: \
                    set(key, value, SetParams.setParams().ex(seconds)) or setex on Jedis, \
                    set(key, value, Duration) on Spring's ValueOperations, set(key, value, SetArgs.Builder.ex(s)) \
                    on Lettuce, set(value, Duration) on a Redisson bucket, a non-zero expiry on memcached; for \
                    hashes, expire(key, seconds) right after the write.""")
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
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        MethodCallExpr call = (MethodCallExpr) node;
        if (!NAMES.contains(call.getNameAsString()) || call.getArguments().isEmpty()) {
            return;
        }
        TypeResolver types = context.types();
        Optional<CacheWrites.Write> write = CacheWrites.of(call, types, new ValueTracer(types));
        if (write.isEmpty() || write.get().expiry() != CacheWrites.Expiry.NONE) {
            return;
        }
        Optional<String> source = CacheWrites.loadedFrom(write.get().value(), types);
        if (source.isEmpty() || isNotACacheKey(write.get().key(), context.constants(), types)
                || CacheWrites.expiredLater(write.get(), types, context.constants())) {
            return;
        }
        context.report(call.getName(), call, String.format(
                "%s() caches a value loaded from the %s with no expiry: the entry stays until memory pressure "
                        + "evicts it, so a changed row is served stale forever, and evictions under memory "
                        + "pressure (or, on ElastiCache's default volatile-lru, failed writes once memory is full) "
                        + "bring the misses that reach the database (guide: %s). Give it a TTL: %s.",
                call.getNameAsString(), source.get(), METADATA.family().shortSection(), write.get().fix()));
    }

    /** A key whose constant prefix says it is a session, lock, queue or counter, not a cached value. */
    static boolean isNotACacheKey(Expression key, ConstantEvaluator constants, TypeResolver types) {
        Expression e = key;
        if (e instanceof NameExpr n && types.isLocal(n)) {
            e = types.initializerOf(n).orElse(e);
        }
        while (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            e = b.getLeft();
        }
        Optional<String> prefix = constants.stringValue(e);
        if (prefix.isEmpty()) {
            return false;
        }
        String p = prefix.get().toLowerCase(Locale.ROOT);
        return NOT_CACHE_KEYS.stream().anyMatch(p::contains);
    }
}
