package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Spring's Redis cache writer with the KEYS batch strategy, in a project that clears whole caches: every
 * {@code @CacheEvict(allEntries = true)} and {@code Cache.clear()} then runs {@code KEYS cacheName::*}.
 * Files record where a writer is built with that strategy ({@link KeysWriter}) and where a whole cache is cleared
 * ({@link WholeCacheClear}); {@link #finish} reports each writer when the project has a clear, a warning when a
 * clear is on a request path ({@link CommandReach}), info otherwise.
 *
 * <p>Spring Data Redis: {@code RedisCacheWriter.nonLockingRedisCacheWriter(RedisConnectionFactory)} returns
 * {@code nonLockingRedisCacheWriter(connectionFactory, BatchStrategies.keys())}, and so does the locking factory;
 * {@code RedisCacheManager.create(factory)} and {@code builder(factory)} build the non-locking writer
 * (spring-projects/spring-data-redis: src/main/java/org/springframework/data/redis/cache/RedisCacheWriter.java,
 * 2.6 and later; before 2.6, at 4c5f705a, the factories take no strategy and {@code clean} always uses KEYS).
 * {@code BatchStrategies.keys()}: "A BatchStrategy using a single KEYS and DEL command to remove all matching
 * keys. KEYS scans the entire keyspace of the Redis database and can block the Redis worker thread for a long
 * time" (BatchStrategies.java). Domain-facts section 11.
 */
public final class RedisCacheClearWithKeys implements JavaRule.MethodCalls, JavaRule.Annotations, ProjectRule {

    private static final String CACHE = "org.springframework.data.redis.cache.";

    static final MethodMatcher WRITER_FACTORIES = MethodMatcher.staticMethod()
            .onSubtypeOf(CACHE + "RedisCacheWriter")
            .named("nonLockingRedisCacheWriter", "lockingRedisCacheWriter").withArgumentCount(1);

    static final MethodMatcher MANAGER_FACTORIES = MethodMatcher.staticMethod()
            .onSubtypeOf(CACHE + "RedisCacheManager", CACHE + "RedisCacheManager.RedisCacheManagerBuilder")
            .named("create", "builder", "fromConnectionFactory").withArgumentCount(1);

    static final MethodMatcher KEYS_STRATEGY = MethodMatcher.staticMethod()
            .onSubtypeOf(CACHE + "BatchStrategies").named("keys").withArgumentCount(0);

    static final MethodMatcher CACHE_CLEAR = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.springframework.cache.Cache")
            .named("clear", "invalidate").withArgumentCount(0);

    static final Set<String> CONNECTION_FACTORY = Set.of("org.springframework.data.redis.connection.RedisConnectionFactory");

    static final String CACHE_EVICT = "org.springframework.cache.annotation.CacheEvict";

    /** A cache writer built with the KEYS batch strategy, at its call. */
    record KeysWriter(String call, boolean byDefault) {}

    /**
     * A whole-cache eviction, with where it runs.
     *
     * @param route the entry points' route to it ({@code Reach.routeText()}), empty when none was found
     */
    record WholeCacheClear(String what, boolean requestPath, String entryPoint, String route) {}

    private static final RuleMetadata METADATA = RuleMetadata.builder("RedisCacheClearWithKeys")
            .family(Family.CACHE_BLOCKING)
            .severity(Severity.WARNING)
            .summary("Spring's Redis cache clears whole caches with KEYS")
            .explanation("""
                    Spring Data Redis clears a whole cache (@CacheEvict(allEntries = true), Cache.clear()) by \
                    finding its keys with the cache writer's batch strategy. The strategy of \
                    RedisCacheWriter.nonLockingRedisCacheWriter(factory), lockingRedisCacheWriter(factory), \
                    RedisCacheManager.create(factory) and RedisCacheManager.builder(factory) is \
                    BatchStrategies.keys(): one KEYS cacheName::* over the whole database (before Spring Data \
                    Redis 2.6 every clear used KEYS). Redis runs commands one at a time, so each eviction holds \
                    the node while it walks every key of every cache, and every other client waits: latency \
                    spikes and timeouts that grow with the cache. It is reported at the writer or manager built \
                    with that strategy (or BatchStrategies.keys() written out) when the project clears a whole \
                    cache somewhere: a warning when a request entry point (an HTTP handler, a listener) reaches \
                    a clear (the route is the finding's path), or no entry point reaches it and nothing shows \
                    it is start-up code or a job; info when only scheduled jobs, main or start-up code reach \
                    them. A writer built with BatchStrategies.scan(n) is not \
                    reported, and neither is a project that only evicts single keys.""")
            .fix("""
                    Build the writer with BatchStrategies.scan(n), which clears with SCAN in batches of n keys \
                    (Spring Data Redis 2.6+): RedisCacheWriter.nonLockingRedisCacheWriter(factory, \
                    BatchStrategies.scan(1000)), passed to RedisCacheManager.builder(writer).""")
            .badExample("""
                    @Bean
                    RedisCacheManager cacheManager(RedisConnectionFactory factory) {
                        return RedisCacheManager.builder(factory).cacheDefaults(defaults).build();
                    }

                    @CacheEvict(value = "dict", allEntries = true)
                    public void saveDict(Dict dict) { dictMapper.updateById(dict); }""")
            .goodExample("""
                    @Bean
                    RedisCacheManager cacheManager(RedisConnectionFactory factory) {
                        RedisCacheWriter writer = RedisCacheWriter.nonLockingRedisCacheWriter(factory,
                                BatchStrategies.scan(1000));
                        return RedisCacheManager.builder(writer).cacheDefaults(defaults).build();
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        var types = context.types();
        if (WRITER_FACTORIES.matches(call, types)) {
            context.addFact(call, new KeysWriter(call.getNameAsString() + "(..)", true));
        } else if (MANAGER_FACTORIES.matches(call, types) && isConnectionFactory(call.getArgument(0), context)) {
            context.addFact(call, new KeysWriter("RedisCacheManager." + call.getNameAsString() + "(..)", true));
        } else if (KEYS_STRATEGY.matches(call, types)) {
            context.addFact(call, new KeysWriter("BatchStrategies.keys()", false));
        } else if (CACHE_CLEAR.matches(call, types)) {
            CommandReach reach = CommandReach.of(call, context);
            context.addFact(call, new WholeCacheClear(call.getScope().map(s -> s + ".").orElse("")
                    + call.getNameAsString() + "()", reach.perRequest(), entryPoint(reach), reach.reach().routeText()));
        }
    }

    /** The argument is a connection factory, not a writer (builder(writer) takes the writer's strategy). */
    private static boolean isConnectionFactory(Expression argument, JavaContext context) {
        Optional<String> type = context.types().typeOf(argument);
        if (type.isPresent()) {
            return context.types().isSubtypeOfAny(type.get(), CONNECTION_FACTORY);
        }
        return !(argument instanceof MethodCallExpr) && argument.toString().toLowerCase(java.util.Locale.ROOT)
                .contains("factory");
    }

    @Override
    public void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        if (!annotation.getName().getIdentifier().equals("CacheEvict")
                || context.types().resolveName(annotation.getNameAsString()).filter(CACHE_EVICT::equals).isEmpty()) {
            return;
        }
        Optional<Expression> all = dev.dbcheck.types.Annotations.member(annotation, "allEntries");
        if (all.isEmpty() || !(all.get() instanceof BooleanLiteralExpr b) || !b.getValue()) {
            return;
        }
        Optional<MethodDeclaration> method = annotation.findAncestor(MethodDeclaration.class);
        CommandReach reach = CommandReach.of(method.map(m -> (com.github.javaparser.ast.Node) m.getBody()
                .map(x -> (com.github.javaparser.ast.Node) x).orElse(m)).orElse(annotation), context);
        context.addFact(annotation, new WholeCacheClear("@CacheEvict(allEntries = true) on "
                + method.map(m -> m.getNameAsString() + "()").orElse("a method"), reach.perRequest(),
                entryPoint(reach), reach.reach().routeText()));
    }

    private static String entryPoint(CommandReach reach) {
        return reach.entryPoint() == null ? "" : reach.entryPoint();
    }

    @Override
    public void finish(ProjectContext context) {
        List<Fact.Typed<WholeCacheClear>> clears = context.facts(WholeCacheClear.class).stream()
                .filter(f -> f.fact().ruleId().equals(METADATA.id())).toList();
        if (clears.isEmpty()) {
            return;
        }
        Optional<Fact.Typed<WholeCacheClear>> onRequest = clears.stream().filter(c -> c.value().requestPath())
                .findFirst();
        Fact.Typed<WholeCacheClear> shown = onRequest.orElse(clears.get(0));
        Severity severity = onRequest.isPresent() ? METADATA.defaultSeverity() : Severity.INFO;
        for (Fact.Typed<KeysWriter> writer : context.facts(KeysWriter.class)) {
            if (!writer.fact().ruleId().equals(METADATA.id())) {
                continue;
            }
            String how = writer.value().byDefault() ? writer.value().call()
                    + " uses the KEYS batch strategy by default" : writer.value().call() + " is the KEYS batch strategy";
            String clearsText = clears.size() == 1 ? "the project clears a whole cache once ("
                    + shown.value().what() + ")" : "the project clears whole caches in " + clears.size()
                    + " places (such as " + shown.value().what() + ")";
            String message = how + ", and " + clearsText + ": each clear sends KEYS cacheName::*, which Redis runs "
                    + "over every key of the database while every other client of the node waits (latency spikes, "
                    + "timeouts) " + METADATA.family().cite() + ". Build the writer with BatchStrategies.scan(1000) "
                    + "(RedisCacheWriter.nonLockingRedisCacheWriter(factory, BatchStrategies.scan(1000))).";
            String headline = writer.value().call() + " clears caches with KEYS, and " + clears.size()
                    + " whole-cache clear" + (clears.size() == 1 ? "" : "s") + " run it"
                    + (onRequest.isPresent() ? " on request paths" : "") + "; use BatchStrategies.scan(1000).";
            Details details = Details.headline(headline)
                    .withEvidence("command", "KEYS")
                    .withEvidence("batchStrategy", "keys")
                    .withEvidence("writer", writer.value().call())
                    .withEvidence("store", "redis")
                    .withEvidence("clears", Integer.toString(clears.size()));
            if (!shown.value().entryPoint().isEmpty()) {
                details = details.withEvidence("entryPoint", shown.value().entryPoint());
            }
            List<Details.Step> path = new java.util.ArrayList<>(
                    dev.dbcheck.entrypoints.Reach.steps(shown.value().route()));
            path.add(new Details.Step(shown.file(), shown.line(), shown.column(),
                    shown.value().what() + " clears a whole cache"));
            path.add(new Details.Step(writer.file(), writer.line(), writer.column(),
                    writer.value().call() + " builds the writer with KEYS"));
            details = details.withEvidence("requestPath", onRequest.isPresent() ? "yes" : "no").withPath(path);
            context.report(writer.file(), writer.line(), writer.column(), writer.line(), writer.column(), severity,
                    message, details);
        }
    }

    private static final Relevance RELEVANCE = Relevance.typeTables("redis-commands.types")
            .or(Relevance.constantsOf(RedisCacheClearWithKeys.class))
            .or(Relevance.types(List.of("org.springframework.cache.CacheManager",
                    "org.springframework.cache.annotation.Caching")));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
