package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.flow.MissBranch;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.types.ValueTracer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cache-aside read whose miss branch loads from a slower source and writes the cache back, with nothing
 * that stops concurrent misses of the same key from all loading.
 */
public final class UnguardedCacheAside implements JavaRule {

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
                    refresh.""")
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
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        MethodCallExpr call = (MethodCallExpr) node;
        if (!CacheApis.READ_NAMES.contains(call.getNameAsString())) {
            return;
        }
        TypeResolver types = context.types();
        Optional<CacheApis.Read> read = CacheApis.read(call, types);
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
        ValueTracer tracer = new ValueTracer(types);
        List<CallReach.Reached> inMiss = CallReach.calls(miss.get().region());
        List<CallReach.Reached> inMethod = CallReach.calls(List.of(body.get()));
        if (inMethod.stream().anyMatch(r -> CacheApis.isProbabilisticRefresh(r.call(), types, tracer))) {
            return;
        }
        for (CallReach.Reached load : inMiss) {
            Optional<String> source = CacheApis.slowSource(load.call(), types);
            if (source.isEmpty() || guarded(load, inMethod, types, tracer)) {
                continue;
            }
            Optional<CallReach.Reached> write = inMiss.stream()
                    .filter(r -> CacheApis.writesBack(read.get(), r.call(), types))
                    .findFirst();
            if (write.isPresent() && !insideEarlierMiss(read.get(), body.get(), types)) {
                context.report(call.getName(), call, message(read.get(), load.call(), source.get(),
                        write.get().call()));
            }
            return;
        }
    }

    /**
     * A re-read inside the miss branch of an earlier read of the same store (a double check without a
     * lock): the earlier read carries the finding, so the same load is reported once.
     */
    private static boolean insideEarlierMiss(CacheApis.Read read, Node body, TypeResolver types) {
        for (MethodCallExpr earlier : body.findAll(MethodCallExpr.class)) {
            if (earlier == read.call() || !CacheApis.READ_NAMES.contains(earlier.getNameAsString())
                    || !earlier.getBegin().flatMap(b -> read.call().getBegin().map(b::isBefore)).orElse(false)) {
                continue;
            }
            Optional<CacheApis.Read> outer = CacheApis.read(earlier, types)
                    .filter(r -> r.client().store() == read.client().store());
            if (outer.isPresent() && MissBranch.of(earlier, outer.get().probe(), types)
                    .filter(m -> m.region().stream().anyMatch(n -> n.isAncestorOf(read.call()))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean guarded(CallReach.Reached load, List<CallReach.Reached> inMethod, TypeResolver types,
            ValueTracer tracer) {
        if (load.anySiteEnclosedBy(n -> CallReach.isSynchronized(n)
                || CallReach.isFunctionArgumentOf(n, c -> CacheApis.isLoaderCall(c, types)))) {
            return true;
        }
        for (CallReach.Reached other : inMethod) {
            if (other.precedes(load) && CacheApis.isGuardAcquire(other.call(), types, tracer)) {
                return true;
            }
        }
        return false;
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

    private static String message(CacheApis.Read read, MethodCallExpr load, String source, MethodCallExpr write) {
        String store = read.client().store().label();
        String effect = source.equals("database")
                ? "a cache stampede that can take down an undersized database"
                : "a cache stampede that can overload the remote service and the database behind it";
        return String.format("%s %s %s and, on a miss, loads from the %s with %s and writes the cache back with %s, "
                        + "with no lock, SET NX lease or single-flight around the load: when the key expires or "
                        + "the cache is cold, every request that misses it at the same moment goes to the %s, "
                        + "%s (guide: %s). Coalesce loads per key (a loader-based get such as Caffeine "
                        + "get(key, loader) or Spring Cache.get(key, Callable), or a map of in-flight futures), "
                        + "take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) around the load for "
                        + "very hot keys across pods, or refresh early with probabilistic expiration (XFetch: "
                        + "recompute when now - delta * beta * ln(rand()) >= expiry).",
                CacheApis.describe(read.call()), read.probe() ? "checks whether the key is in" : "reads", store, source,
                CacheApis.describe(load), CacheApis.describe(write), source, effect, METADATA.family().shortSection());
    }
}
