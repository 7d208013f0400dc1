package dev.dbcheck.rules.cache;

import dev.dbcheck.rule.Relevance;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.cache.CacheKeys;
import dev.dbcheck.cache.KeyKind;
import dev.dbcheck.cache.MissSemantics;
import dev.dbcheck.cache.StoreLifetime;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.flow.MissBranch;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.List;
import java.util.Optional;

/**
 * A cache-aside read whose miss branch loads from a slower source and writes the cache back, with nothing
 * that stops concurrent misses of the same key from all loading.
 */
public final class UnguardedCacheAside implements JavaRule.MethodCalls {

    private static final RuleMetadata METADATA = RuleMetadata.builder("UnguardedCacheAside")
            .family(Family.CACHE_STAMPEDE)
            .severity(Severity.WARNING)
            .summary("Cache miss loads from the database and refills the cache with no guard against concurrent misses")
            .explanation("""
                    Cache-aside code reads the cache, and on a miss loads the value from the database (or a \
                    remote service) and writes it back. Nothing in this code stops many requests from \
                    missing the same key at once: when a hot key expires, after a deployment empties the \
                    cache, or when memory pressure evicts it, every concurrent request runs the load. The \
                    database suddenly absorbs the traffic the cache was shielding; a cache stampede like \
                    this can take down an undersized database. Coalescing inside one JVM (a synchronized \
                    block, a per-key loader) still leaves one load per pod, so N pods still send N loads for \
                    the same expired key; very hot keys need a lock or lease shared across pods, or early \
                    refresh. The read, the load and the write-back are also seen through the project's own \
                    methods in other files: a RedisUtils.get(key, type) that wraps opsForValue().get(key) is a \
                    Redis read at the caller's line, a service method that reaches a repository is a load, and \
                    a helper that takes a SET NX lease is a guard, followed up to three project methods deep; \
                    methods inherited from MyBatis-Plus ServiceImpl/IService/BaseMapper and Spring Data \
                    repositories (getById, selectById, findById) are loads. A Map held by a project class is \
                    counted as a cache only where the method itself uses it as one.

                    What decides whether the shape is a stampede in production: only long-lived stores are \
                    caches (Redis, memcached, a Spring Cache, JCache, a static field, a field of a Spring \
                    bean, CDI or EJB singleton or enum); a map held by a local or by an object created per \
                    operation is a memo and is not reported. The miss branch must load: a branch that creates \
                    what is missing (createTerm, doCreateProfile, repository.save: "find or create"), writes \
                    back something other than the loaded value, or runs on a single scheduled refresher \
                    (@Scheduled, scheduleWithFixedDelay) is not reported. Severity follows the key and the \
                    store: a key built from the signed-in user (the security context, a login helper, a \
                    username, token or session) is info; an in-process cache (Caffeine, Guava, a map) loads \
                    once per JVM and is info unless the key is shared and the load is a database query; a \
                    shared key in Redis or memcached is the rule's severity. A read that only scheduled jobs or \
                    start-up code reach (the project's entry points) has no concurrent requests to miss \
                    together: info, naming the entry point. The evidence says what decided: keyKind, store \
                    (redis, memcached, spring-cache, jcache, static-field, singleton-field, in-process), load \
                    (database, remote-service) and entryPoint, with the route from it as the finding's path.""")
            .fix("""
                    Make one request per key do the load while the others wait for its result: use a \
                    loader-based get (Caffeine or Guava get(key, loader), a LoadingCache, Spring \
                    Cache.get(key, Callable), @Cacheable(sync = true)), or a map of in-flight futures \
                    (single-flight). For very hot keys across pods, take a short distributed lock around the \
                    load (SET lock:key token NX PX 10000, RedisTemplate setIfAbsent, Redisson RLock, a \
                    memcached add lease) and let the losers retry the cache read. Or refresh before expiry \
                    with probabilistic early expiration (XFetch: store the value with its recompute time \
                    delta and expiry, and recompute when now - delta * beta * ln(rand()) >= expiry) while \
                    still serving the cached value.""")
            .badExample("""
                    public Product product(long id) {
                        String key = "product:" + id;
                        String cached = redis.opsForValue().get(key);
                        if (cached != null) {
                            return json.read(cached);
                        }
                        Product product = productRepository.findById(id).orElseThrow();
                        redis.opsForValue().set(key, json.write(product), Duration.ofMinutes(10));
                        return product;
                    }""")
            .goodExample("""
                    // One load per key per pod; concurrent callers wait for it.
                    private final LoadingCache<Long, Product> products = Caffeine.newBuilder()
                            .expireAfterWrite(Duration.ofMinutes(10))
                            .refreshAfterWrite(Duration.ofMinutes(8))
                            .build(id -> productRepository.findById(id).orElseThrow());

                    public Product product(long id) {
                        return products.get(id);
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        MethodSummaries summaries = context.summaries();
        // The syntactic test first: a read matters only where its result is tested for a miss, and whether a call
        // reads a cache can take the summaries of every project method it runs (other files' bodies).
        if (MissBranch.of(call, false, types).isEmpty() && MissBranch.of(call, true, types).isEmpty()) {
            return;
        }
        Optional<CacheApis.Read> read = readAt(call, types, summaries);
        if (read.isEmpty()) {
            return;
        }
        Optional<Node> body = CallReach.enclosingCallable(call).flatMap(UnguardedCacheAside::bodyOf);
        if (body.isEmpty() || CallReach.enclosedBy(call, CallReach::isSynchronized)) {
            return;
        }
        Optional<MissBranch> miss = MissBranch.of(call, read.get().probe(), types);
        if (miss.isEmpty()) {
            return;
        }
        ValueFlow tracer = ValueFlow.of(context);
        List<CallReach.Reached> inMiss = CallReach.calls(miss.get().region());
        List<CallReach.Reached> inMethod = CallReach.calls(List.of(body.get()));
        if (inMethod.stream().anyMatch(r -> CacheGuards.isProbabilisticRefresh(r.call(), types, tracer))) {
            return;
        }
        for (CallReach.Reached load : inMiss) {
            Optional<SlowSources.Load> source = SlowSources.slowSource(load.call(), types, summaries);
            if (source.isEmpty() || guarded(load, inMethod, types, tracer, summaries)) {
                continue;
            }
            Optional<CallReach.Reached> write = inMiss.stream()
                    .filter(r -> CacheApis.writesBack(read.get(), r.call(), types, summaries))
                    .findFirst();
            if (write.isPresent() && !insideEarlierMiss(read.get(), body.get(), types, summaries)) {
                reportRisk(call, read.get(), load, source.get(), write.get(), inMiss, context, tracer);
            }
            return;
        }
    }

    /**
     * What decides whether the shape is a stampede in production, and how bad: a miss branch that creates what
     * is missing, writes back something other than the loaded value, or runs on a single scheduled refresher is
     * not a cache-aside load; an in-process store held by a local or by an object created per operation is a
     * memo, not a cache. Reported at info when the key is per-principal, or when the store is in-process and the
     * key is not shared or the load is not a database query; at the rule's severity otherwise.
     */
    private static void reportRisk(MethodCallExpr call, CacheApis.Read read, CallReach.Reached load,
            SlowSources.Load source, CallReach.Reached write, List<CallReach.Reached> inMiss, JavaContext context,
            ValueFlow tracer) {
        TypeResolver types = context.types();
        if (MissSemantics.scheduledRefresher(call)
                || MissSemantics.creation(inMiss, c -> CacheApis.writesBack(read, c, types, context.summaries()),
                        types).isPresent()
                || !MissSemantics.writesLoadedValue(write, load, tracer)) {
            return;
        }
        String store = storeEvidence(read.store());
        boolean inProcess = read.store() == CacheApis.Store.IN_PROCESS || read.store() == CacheApis.Store.MAP;
        if (inProcess && read.client() != null && read.call().getScope().isPresent()) {
            StoreLifetime.Scope scope = StoreLifetime.of(read.call().getScope().get(), types, tracer);
            if (scope.lifetime() == StoreLifetime.Lifetime.OPERATION) {
                return;
            }
            store = scope.store();
        }
        CacheKeys.Classified key = read.call().getArguments().isEmpty()
                ? new CacheKeys.Classified(KeyKind.UNKNOWN, "the key is bound to the store object")
                : CacheKeys.ofExpression(read.call().getArgument(0), tracer);
        boolean database = source.source().equals("database");
        Reach reach = context.entryPoints().reach(call);
        boolean offRequests = reach.verdict().outsideRequests();
        Severity severity = key.kind() == KeyKind.PER_PRINCIPAL
                || (inProcess && !(key.kind() == KeyKind.SHARED && database)) || offRequests
                ? Severity.INFO : context.defaultSeverity();
        Details details = reach.addTo(Details.headline(headline(read, source, key, inProcess, offRequests))
                .withEvidence("keyKind", key.kind().label())
                .withEvidence("store", store)
                .withEvidence("load", SlowSources.evidence(source.source())));
        context.report(call.getName(), call, severity,
                message(read, load.call(), source, write.call(), key, inProcess, reach), details);
    }

    /** The {@code store} evidence of a store kind. */
    static String storeEvidence(CacheApis.Store store) {
        return switch (store) {
            case REDIS -> "redis";
            case MEMCACHED -> "memcached";
            case JCACHE -> "jcache";
            case SPRING_CACHE -> "spring-cache";
            case IN_PROCESS, MAP -> "in-process";
        };
    }

    /**
     * A cache read at this call: a library client's read, or a call to a project method whose summary reads
     * the cache (the project's own Redis wrapper). The name filter keeps the common case cheap.
     */
    private static Optional<CacheApis.Read> readAt(MethodCallExpr call, TypeResolver types,
            MethodSummaries summaries) {
        if (!CacheApis.READ_NAMES.contains(call.getNameAsString())
                && (!CacheApis.projectMayWrapCaches(summaries.model())
                        || summaries.target(call, types).isEmpty())) {
            return Optional.empty();
        }
        return CacheApis.read(call, types, summaries);
    }

    /**
     * A re-read inside the miss branch of an earlier read of the same store (a double check without a
     * lock): the earlier read carries the finding, so the same load is reported once.
     */
    private static boolean insideEarlierMiss(CacheApis.Read read, Node body, TypeResolver types,
            MethodSummaries summaries) {
        for (MethodCallExpr earlier : body.findAll(MethodCallExpr.class)) {
            if (earlier == read.call()
                    || !earlier.getBegin().flatMap(b -> read.call().getBegin().map(b::isBefore)).orElse(false)) {
                continue;
            }
            Optional<CacheApis.Read> outer = readAt(earlier, types, summaries)
                    .filter(r -> r.store() == read.store());
            if (outer.isPresent() && MissBranch.of(earlier, outer.get().probe(), types)
                    .filter(m -> m.region().stream().anyMatch(n -> n.isAncestorOf(read.call()))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean guarded(CallReach.Reached load, List<CallReach.Reached> inMethod, TypeResolver types,
            ValueFlow tracer, MethodSummaries summaries) {
        if (load.anySiteEnclosedBy(n -> CallReach.isSynchronized(n)
                || CallReach.isFunctionArgumentOf(n, c -> CacheGuards.isLoaderCall(c, types)))) {
            return true;
        }
        for (CallReach.Reached other : inMethod) {
            if (other.precedes(load) && (CacheGuards.isGuardAcquire(other.call(), types, tracer)
                    || takesGuard(other.call(), types, summaries))) {
                return true;
            }
        }
        return false;
    }

    /** A project method that takes a lock or lease (the project's own lock helper). */
    private static boolean takesGuard(MethodCallExpr call, TypeResolver types, MethodSummaries summaries) {
        return CacheApis.projectMayWrapCaches(summaries.model()) && summaries.target(call, types).isPresent()
                && summaries.effectsOf(call, types, CacheEffects.INSTANCE)
                .stream().anyMatch(e -> e.kind() == CacheEffects.Kind.GUARD);
    }

    private static Optional<Node> bodyOf(CallableDeclaration<?> callable) {
        if (callable instanceof MethodDeclaration m) {
            return m.getBody().map(b -> (Node) b);
        }
        if (callable instanceof ConstructorDeclaration c) {
            return Optional.of(c.getBody());
        }
        return Optional.empty();
    }

    static String headline(CacheApis.Read read, SlowSources.Load load, CacheKeys.Classified key, boolean inProcess,
            boolean offRequests) {
        String what = load.source().equals("database") ? "a database query" : "a remote service call";
        String where = inProcess ? "an in-process cache (one load per JVM)" : read.store().label();
        if (offRequests) {
            return String.format("Cache-aside read of %s with no guard, but only jobs or start-up code reach it: no "
                    + "concurrent requests miss its key together (%s).", where, what);
        }
        return String.format("Cache-aside read of %s with no guard: concurrent misses of a %s key each run %s.",
                where, key.kind().label(), what);
    }

    private static String message(CacheApis.Read read, MethodCallExpr loadCall, SlowSources.Load load,
            MethodCallExpr write, CacheKeys.Classified key, boolean inProcess, Reach reach) {
        String store = read.store().label() + (read.via() == null ? "" : " (through " + read.via() + ")");
        String source = load.source();
        String loadWords = CacheApis.describe(loadCall)
                + (load.via().equals(CacheApis.describe(loadCall)) ? "" : " (through " + load.via() + ")");
        String effect = source.equals("database")
                ? "a cache stampede that can take down an undersized database"
                : "a cache stampede that can overload the remote service and the database behind it";
        String contention = switch (key.kind()) {
            case PER_PRINCIPAL -> "Only the signed-in user's own requests share this key (" + key.reason()
                    + "), so few loads run at once: reported at info. ";
            case SHARED -> "The key is shared (" + key.reason() + "). ";
            case UNKNOWN -> "";
        };
        String scope = inProcess ? "The cache lives in this JVM, so each instance loads once per missed key; "
                + (key.kind() == KeyKind.SHARED && source.equals("database")
                        ? "with a shared key and a database query that is still a stampede on the database. "
                        : "that is reported at info unless the key is shared and the load is a database query. ")
                : "";
        if (reach.verdict().outsideRequests()) {
            String only = reach.route().map(r -> r.entryPoint().label()
                    + (r.methods().isEmpty() ? "" : " (" + r.methods().get(0) + ")"))
                    .orElse("scheduled jobs or start-up code");
            scope += "No request reaches this read, only " + only + ", so no concurrent callers miss the same key "
                    + "together: reported at info. ";
        }
        return String.format("%s %s %s and, on a miss, %s with %s and writes the cache back with %s, "
                        + "with no lock, SET NX lease or single-flight around the load: when the key expires or "
                        + "the cache is cold, every request that misses it at the same moment goes to the %s, "
                        + "%s %s. %s%sCoalesce loads per key (a loader-based get such as Caffeine "
                        + "get(key, loader) or Spring Cache.get(key, Callable), or a map of in-flight futures), "
                        + "take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) around the load for "
                        + "very hot keys across pods, or refresh early with probabilistic expiration (XFetch: "
                        + "recompute when now - delta * beta * ln(rand()) >= expiry).",
                CacheApis.describe(read.call()), read.probe() ? "checks whether the key is in" : "reads", store,
                SlowSources.what(source), loadWords, CacheApis.describe(write), source, effect,
                METADATA.family().cite(), contention, scope);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("cache.types").or(Relevance.constantsOf(CacheApis.class, SlowSources.class, CacheGuards.class, CacheWrites.class, CacheEffects.class, UnguardedCacheAside.class)).or(Relevance.suffixes(SlowSources.REPOSITORY_SUFFIXES)).or(Relevance.suffixes(java.util.List.of(SlowSources.MAPPER_SUFFIX)));

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
