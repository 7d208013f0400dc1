package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.ElementLoops;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.Optional;
import java.util.Set;

/**
 * Many keys written with the same constant TTL in one loop (a warm-up, a nightly refresh): they expire
 * together and the requests after that all miss together, the guide's "TTL expiry at scale".
 *
 * <p>Facts: AWS's caching best practices add a random part to the TTL so that keys written together do not
 * expire together; probabilistic early expiration (XFetch, Vattani et al., PVLDB 8(8) 2015) is the other fix
 * (domain-facts.md sections 5 and 8). Write and expire shapes are in {@link CacheWrites}; loops in
 * {@link ElementLoops}.
 *
 * <p>Not flagged: a write per request (no loop), a loop whose key does not come from the element, a TTL that
 * is not a compile-time constant (randomised, computed, or passed in), a few constant keys.
 */
public final class CacheTtlWithoutJitter implements JavaRule.MethodCalls {

    private static final Set<String> NAMES = Set.of("set", "setex", "psetex", "put", "fastPut", "expire",
            "pexpire", "expireAt", "pexpireAt", "expireat", "pexpireat");
    private static final Set<String> DURATION_FACTORIES = Set.of("of", "ofDays", "ofHours", "ofMinutes", "ofSeconds",
            "ofMillis");

    private static final RuleMetadata METADATA = RuleMetadata.builder("CacheTtlWithoutJitter")
            .family(Family.CACHE_EXPIRY)
            .severity(Severity.INFO)
            .summary("Keys written in one loop with the same constant TTL expire together")
            .explanation("""
                    A cache warm-up or a bulk refresh writes many keys in one loop with the same TTL. They \
                    then expire within the same second, and the requests that come after all miss at once \
                    and go to the database together: a stampede at expiry, the guide's "TTL expiry at \
                    scale". The larger the bulk load, the larger the burst, and it repeats every TTL if the \
                    keys are refreshed together again.""")
            .fix("""
                    Add random jitter to the TTL (for example base + a random 0-10% of it) so that the keys \
                    spread their expiry, or refresh entries before they expire with probabilistic early \
                    expiration (recompute when now - delta * beta * ln(rand()) >= expiry) while still serving \
                    the cached value.""")
            .badExample("""
                    void warmUp(List<Product> products) {
                        for (Product p : products) {
                            jedis.setex("product:" + p.id(), 3600, p.toJson());
                        }
                    }""")
            .goodExample("""
                    void warmUp(List<Product> products) {
                        for (Product p : products) {
                            int ttl = 3600 + ThreadLocalRandom.current().nextInt(360); // up to 10% jitter
                            jedis.setex("product:" + p.id(), ttl, p.toJson());
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        if (!NAMES.contains(call.getNameAsString()) || call.getArguments().isEmpty()) {
            return;
        }
        TypeResolver types = context.types();
        Expression key;
        Expression ttl;
        Optional<CacheWrites.Write> write = CacheWrites.of(call, types, ValueFlow.of(context));
        if (write.isPresent()) {
            if (write.get().expiry() != CacheWrites.Expiry.SET || write.get().ttl() == null) {
                return;
            }
            key = write.get().key();
            ttl = write.get().ttl();
        } else {
            Optional<CacheWrites.Expire> expire = CacheWrites.expire(call, types);
            if (expire.isEmpty()) {
                return;
            }
            key = expire.get().key();
            ttl = expire.get().ttl();
        }
        if (!isConstantTtl(ttl, types, context.constants(), 0)) {
            return;
        }
        ElementLoops loops = new ElementLoops(types, context.constants(), Set.of());
        Expression keyOrHandle = key;
        loops.enclosing(call).stream().filter(l -> l.uses(keyOrHandle)).findFirst().ifPresent(loop ->
                context.report(call.getName(), call, context.defaultSeverity(), String.format(
                        "%s() gives every key written in the loop over %s (line %d) the same TTL, %s: the keys "
                                + "expire in the same second and the requests after that all miss together and "
                                + "go to the database, a stampede at expiry %s. Add random jitter to the "
                                + "TTL, or refresh early with probabilistic early expiration.",
                        call.getNameAsString(), CacheWrites.abbreviate(loop.over()), loop.line(),
                        CacheWrites.describe(ttl), METADATA.family().cite()), dev.dbcheck.rule.Headline.details(
                        headline(call.getNameAsString(), "the loop over " + dev.dbcheck.rule.Headline.code(loop.over(),
                                30) + " (line " + loop.line() + ")", CacheWrites.describe(ttl)),
                        call.getNameAsString() + "() gives every key written in a loop (line " + loop.line()
                                + ") the same TTL: they expire together and the misses stampede the database.")));
    }

    /** "set() gives every key of the loop over ids (line 12) the same TTL, 600 s: ..." */
    private static String headline(String call, String loop, String ttl) {
        return call + "() gives every key of " + loop + " the same TTL, " + ttl + ": they expire together and the "
                + "misses stampede the database.";
    }

    /**
     * A TTL that is the same on every iteration: a constant, {@code Duration.ofX(constant)},
     * {@code TimeUnit.X.toSeconds(constant)}, or a local or field initialised with one.
     */
    static boolean isConstantTtl(Expression ttl, TypeResolver types, ConstantEvaluator constants, int depth) {
        if (constants.value(ttl).isPresent()) {
            return true;
        }
        if (depth > 3) {
            return false;
        }
        if (ttl instanceof MethodCallExpr c && c.getScope().isPresent()) {
            Expression scope = c.getScope().get();
            boolean duration = types.typeReferencedBy(scope).filter("java.time.Duration"::equals).isPresent()
                    && DURATION_FACTORIES.contains(c.getNameAsString());
            boolean timeUnit = scope instanceof FieldAccessExpr f
                    && types.typeReferencedBy(f.getScope()).filter("java.util.concurrent.TimeUnit"::equals).isPresent()
                    && c.getNameAsString().startsWith("to");
            return (duration || timeUnit) && !c.getArguments().isEmpty()
                    && c.getArguments().stream().allMatch(a -> a instanceof FieldAccessExpr
                            || isConstantTtl(a, types, constants, depth + 1));
        }
        if (ttl instanceof NameExpr n) {
            // A local or field assigned once with a constant TTL; a local that is reassigned may vary.
            Optional<Expression> init = types.initializerOf(n);
            return init.isPresent() && !reassigned(n) && isConstantTtl(init.get(), types, constants, depth + 1);
        }
        return false;
    }

    private static boolean reassigned(NameExpr n) {
        return n.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
                .map(m -> m.findFirst(com.github.javaparser.ast.expr.AssignExpr.class, a -> a.getTarget()
                        instanceof NameExpr t && t.getNameAsString().equals(n.getNameAsString())).isPresent())
                .orElse(false);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, SlowSources.class, CacheGuards.class, CacheWrites.class, CacheEffects.class, CacheTtlWithoutJitter.class)).or(Relevance.suffixes(SlowSources.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(SlowSources.MAPPER_SUFFIX)));

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
