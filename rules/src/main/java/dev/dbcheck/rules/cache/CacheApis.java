package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * What the cache-stampede rules know about libraries, as tables: cache clients (how they read, probe and
 * write a key, and which writes are exclusive, i.e. usable as a lock), the slower sources a miss loads from,
 * and the guards that stop concurrent misses from all loading. The type facts behind the matchers are in
 * {@code dev/dbcheck/types/cache.types}.
 */
final class CacheApis {

    private CacheApis() {}

    /** Where a cache keeps its values; a write only refills a read of the same store. */
    enum Store {
        REDIS("Redis"),
        MEMCACHED("memcached"),
        JCACHE("the JCache cache"),
        SPRING_CACHE("the Spring cache"),
        IN_PROCESS("the in-process cache"),
        MAP("the Map used as a cache");

        private final String label;

        Store(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One cache client API.
     *
     * @param reads calls that return the cached value, or null when the key is missing
     * @param readShape further conditions on a read (say, a class literal as second argument)
     * @param probes calls that return whether the key is present
     * @param writes calls that store a value
     * @param exclusiveWrites writes that succeed only for the first caller (SET NX and the like): before
     *     the load they are a lock, after it a plain write
     * @param sameReceiver whether a write refills the read only on the same receiver (a local cache object)
     *     rather than anywhere in the same store (a Redis or memcached server)
     */
    record CacheClient(Store store, MethodMatcher reads, BiPredicate<MethodCallExpr, TypeResolver> readShape,
            MethodMatcher probes, MethodMatcher writes, MethodMatcher exclusiveWrites, boolean sameReceiver) {}

    private static final BiPredicate<MethodCallExpr, TypeResolver> ANY_SHAPE = (c, t) -> true;
    private static final MethodMatcher NONE = MethodMatcher.instanceMethod();

    // ---- Redis -----------------------------------------------------------------------------------------

    private static final String[] JEDIS = {"redis.clients.jedis.Jedis", "redis.clients.jedis.UnifiedJedis"};
    private static final String[] REDIS_WRITES = {"set", "setex", "psetex", "setnx", "hset", "hsetnx", "hmset",
            "mset", "msetnx", "getSet", "setGet"};

    /** Jedis, JedisPooled, JedisCluster: {@code get(key)}, {@code hget(key, field)}, {@code hgetAll(key)}. */
    static final CacheClient JEDIS_CLIENT = new CacheClient(Store.REDIS,
            MethodMatcher.instanceMethod().onSubtypeOf(JEDIS).named("get", "hget", "hgetAll")
                    .withArgumentCount(n -> n == 1 || n == 2),
            ANY_SHAPE,
            MethodMatcher.instanceMethod().onSubtypeOf(JEDIS).named("exists", "hexists"),
            MethodMatcher.instanceMethod().onSubtypeOf(JEDIS).named(REDIS_WRITES),
            MethodMatcher.instanceMethod().onSubtypeOf(JEDIS).named("setnx", "hsetnx", "msetnx"),
            false);

    private static final String VALUE_OPS = "org.springframework.data.redis.core.ValueOperations";
    private static final String BOUND_VALUE_OPS = "org.springframework.data.redis.core.BoundValueOperations";
    private static final String HASH_OPS = "org.springframework.data.redis.core.HashOperations";
    private static final String BOUND_HASH_OPS = "org.springframework.data.redis.core.BoundHashOperations";

    /**
     * Spring Data Redis through {@code opsForValue()} / {@code opsForHash()} (and their bound variants):
     * {@code get(key)} (not the substring {@code get(key, start, end)}), {@code get(key, hashKey)};
     * {@code RedisTemplate.hasKey(key)} as the probe.
     */
    static final CacheClient SPRING_DATA_REDIS = new CacheClient(Store.REDIS,
            MethodMatcher.instanceMethod().onSubtypeOf(VALUE_OPS, BOUND_VALUE_OPS, HASH_OPS, BOUND_HASH_OPS)
                    .named("get"),
            (call, types) -> {
                int args = call.getArguments().size();
                String owner = call.getScope().flatMap(types::typeOf).orElse("");
                return switch (owner) {
                    case VALUE_OPS, BOUND_HASH_OPS -> args == 1;
                    case BOUND_VALUE_OPS -> args == 0;
                    case HASH_OPS -> args == 2;
                    default -> false;
                };
            },
            MethodMatcher.instanceMethod().onSubtypeOf("org.springframework.data.redis.core.RedisOperations",
                    HASH_OPS, BOUND_HASH_OPS).named("hasKey"),
            MethodMatcher.instanceMethod().onSubtypeOf(VALUE_OPS, BOUND_VALUE_OPS, HASH_OPS, BOUND_HASH_OPS)
                    .named("set", "setIfAbsent", "setIfPresent", "multiSet", "multiSetIfAbsent", "getAndSet",
                            "put", "putAll", "putIfAbsent"),
            MethodMatcher.instanceMethod().onSubtypeOf(VALUE_OPS, BOUND_VALUE_OPS, HASH_OPS, BOUND_HASH_OPS)
                    .named("setIfAbsent", "multiSetIfAbsent", "putIfAbsent"),
            false);

    private static final String[] LETTUCE = {"io.lettuce.core.api.sync.RedisStringCommands",
            "io.lettuce.core.api.sync.RedisHashCommands"};

    /** Lettuce sync commands: {@code get(key)}, {@code hget(key, field)}, {@code hgetall(key)}. */
    static final CacheClient LETTUCE_CLIENT = new CacheClient(Store.REDIS,
            MethodMatcher.instanceMethod().onSubtypeOf(LETTUCE).named("get", "hget", "hgetall")
                    .withArgumentCount(n -> n == 1 || n == 2),
            ANY_SHAPE,
            MethodMatcher.instanceMethod().onSubtypeOf(LETTUCE).named("hexists"),
            MethodMatcher.instanceMethod().onSubtypeOf(LETTUCE).named(REDIS_WRITES),
            MethodMatcher.instanceMethod().onSubtypeOf(LETTUCE).named("setnx", "hsetnx", "msetnx"),
            false);

    private static final String R_BUCKET = "org.redisson.api.RBucket";
    private static final String R_MAP = "org.redisson.api.RMap";

    /** Redisson buckets ({@code get()}) and maps ({@code get(key)}). */
    static final CacheClient REDISSON = new CacheClient(Store.REDIS,
            MethodMatcher.instanceMethod().onSubtypeOf(R_BUCKET, R_MAP).named("get"),
            (call, types) -> call.getArguments().size()
                    == (call.getScope().flatMap(types::typeOf).filter(t -> types.isSubtype(t, R_MAP)).isPresent()
                            ? 1 : 0),
            MethodMatcher.instanceMethod().onSubtypeOf(R_BUCKET, R_MAP).named("isExists", "containsKey"),
            MethodMatcher.instanceMethod().onSubtypeOf(R_BUCKET, R_MAP).named("set", "trySet", "setIfAbsent",
                    "getAndSet", "put", "fastPut", "putIfAbsent", "fastPutIfAbsent", "putAll"),
            MethodMatcher.instanceMethod().onSubtypeOf(R_BUCKET, R_MAP).named("trySet", "setIfAbsent",
                    "putIfAbsent", "fastPutIfAbsent"),
            false);

    private static final String[] MEMCACHED_CLIENTS = {"net.spy.memcached.MemcachedClientIF",
            "net.rubyeye.xmemcached.MemcachedClient"};

    /** spymemcached and Xmemcached: {@code get(key)}; {@code add} stores only if absent (a lease). */
    static final CacheClient MEMCACHED = new CacheClient(Store.MEMCACHED,
            MethodMatcher.instanceMethod().onSubtypeOf(MEMCACHED_CLIENTS).named("get")
                    .withArgumentCount(n -> n >= 1 && n <= 3),
            ANY_SHAPE,
            NONE,
            MethodMatcher.instanceMethod().onSubtypeOf(MEMCACHED_CLIENTS).named("set", "add", "replace",
                    "setWithNoReply", "addWithNoReply", "replaceWithNoReply"),
            MethodMatcher.instanceMethod().onSubtypeOf(MEMCACHED_CLIENTS).named("add", "addWithNoReply"),
            false);

    /** JCache (JSR-107): {@code get(key)}; read-through and {@code invoke} are not reads here. */
    static final CacheClient JCACHE = new CacheClient(Store.JCACHE,
            MethodMatcher.instanceMethod().onSubtypeOf("javax.cache.Cache").named("get").withArgumentCount(1),
            ANY_SHAPE,
            MethodMatcher.instanceMethod().onSubtypeOf("javax.cache.Cache").named("containsKey"),
            MethodMatcher.instanceMethod().onSubtypeOf("javax.cache.Cache").named("put", "putIfAbsent",
                    "getAndPut", "putAll"),
            MethodMatcher.instanceMethod().onSubtypeOf("javax.cache.Cache").named("putIfAbsent"),
            true);

    /**
     * Spring's cache abstraction: {@code get(key)} and {@code get(key, Type.class)}; the loader form
     * {@code get(key, Callable)} is a guard, not a read.
     */
    static final CacheClient SPRING_CACHE = new CacheClient(Store.SPRING_CACHE,
            MethodMatcher.instanceMethod().onSubtypeOf("org.springframework.cache.Cache").named("get")
                    .withArgumentCount(n -> n == 1 || n == 2),
            (call, types) -> call.getArguments().size() == 1 || call.getArgument(1) instanceof ClassExpr,
            NONE,
            MethodMatcher.instanceMethod().onSubtypeOf("org.springframework.cache.Cache").named("put",
                    "putIfAbsent"),
            NONE,
            true);

    /** Caffeine and Guava: {@code getIfPresent(key)} then {@code put} is not atomic. */
    static final CacheClient IN_PROCESS = new CacheClient(Store.IN_PROCESS,
            MethodMatcher.instanceMethod().onSubtypeOf("com.github.benmanes.caffeine.cache.Cache",
                    "com.google.common.cache.Cache").named("getIfPresent").withArgumentCount(1),
            ANY_SHAPE,
            NONE,
            MethodMatcher.instanceMethod().onSubtypeOf("com.github.benmanes.caffeine.cache.Cache",
                    "com.google.common.cache.Cache").named("put", "putAll"),
            NONE,
            true);

    /** A {@code Map} field used as a cache: {@code get} then {@code put} on the same field. */
    static final CacheClient MAP_FIELD = new CacheClient(Store.MAP,
            MethodMatcher.instanceMethod().onSubtypeOf("java.util.Map").named("get").withArgumentCount(1),
            (call, types) -> isField(call.getScope().orElse(null), types),
            MethodMatcher.instanceMethod().onSubtypeOf("java.util.Map").named("containsKey").withArgumentCount(1),
            MethodMatcher.instanceMethod().onSubtypeOf("java.util.Map").named("put", "putIfAbsent", "putAll"),
            NONE,
            true);

    /** {@code SET key value NX ...}: the SetParams / SetArgs argument is built with {@code nx()}. */
    static final MethodMatcher SET_WITH_OPTIONS = MethodMatcher.instanceMethod()
            .onSubtypeOf(JEDIS[0], JEDIS[1], LETTUCE[0]).named("set").withArgumentCount(3);

    private static final Set<String> NX_OPTION = Set.of("nx");

    /** In order: a Redisson map is also a java.util.Map, and is matched as Redisson first. */
    static final List<CacheClient> CLIENTS = List.of(JEDIS_CLIENT, LETTUCE_CLIENT, SPRING_DATA_REDIS, REDISSON,
            MEMCACHED, JCACHE, SPRING_CACHE, IN_PROCESS, MAP_FIELD);

    /**
     * The packages of the cache clients. A project none of whose files imports from one of them (by a
     * single-type or on-demand import) has no method that reads a cache store through a client (a wrapper names
     * its client type, or the factory it comes from, through an import), so its calls need no summary. Fully
     * qualified use without any import is the exception this gate does not see.
     */
    static final List<String> CACHE_PACKAGES = List.of("redis.clients.", "io.lettuce.", "org.springframework.data.redis.",
            "org.redisson.", "net.spy.memcached.", "net.rubyeye.xmemcached.", "javax.cache.",
            "org.springframework.cache.", "com.github.benmanes.caffeine.", "com.google.common.cache.");

    private static final java.util.Map<Object, Boolean> MAY_WRAP = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    /** Whether any project file imports a cache client (memoised per model). */
    static boolean projectMayWrapCaches(dev.dbcheck.model.ProjectModel model) {
        return MAY_WRAP.computeIfAbsent(model, m -> model.anyImportStartsWith(CACHE_PACKAGES));
    }

    /** Every method name some client reads or probes with: the rule's cheap first filter. */
    static final Set<String> READ_NAMES = readNames();

    private static Set<String> readNames() {
        Set<String> names = new HashSet<>();
        for (CacheClient c : CLIENTS) {
            names.addAll(c.reads().names());
            names.addAll(c.probes().names());
        }
        return Set.copyOf(names);
    }

    /**
     * A cache read found at a call: a library client's read, or a call to a project method whose summary
     * reads the cache (a wrapper), in which case {@code client} is null and {@code via} names the library call
     * inside it.
     */
    record Read(Store store, CacheClient client, MethodCallExpr call, boolean probe, String via) {}

    /** A library client's read or probe at this call. */
    static Optional<Read> libraryRead(MethodCallExpr call, TypeResolver types) {
        for (CacheClient client : CLIENTS) {
            if (client.reads().matches(call, types) && client.readShape().test(call, types)) {
                return Optional.of(new Read(client.store(), client, call, false, null));
            }
            if (client.probes().matches(call, types)
                    && (client.store() != Store.MAP || isField(call.getScope().orElse(null), types))) {
                return Optional.of(new Read(client.store(), client, call, true, null));
            }
        }
        return Optional.empty();
    }

    /** A read at this call: a library client's, or one a project wrapper makes (through its summary). */
    static Optional<Read> read(MethodCallExpr call, TypeResolver types, MethodSummaries summaries) {
        Optional<Read> library = libraryRead(call, types);
        if (library.isPresent() || !projectMayWrapCaches(summaries.model())
                || summaries.target(call, types).isEmpty()) {
            return library;
        }
        for (CacheEffects.Effect e : summaries.effectsOf(call, types, CacheEffects.INSTANCE)) {
            if (e.kind() == CacheEffects.Kind.READ || e.kind() == CacheEffects.Kind.PROBE) {
                return Optional.of(new Read(e.store(), null, call, e.kind() == CacheEffects.Kind.PROBE, e.via()));
            }
        }
        return Optional.empty();
    }

    /** The store a library client's write at this call fills, if it is one. */
    static Optional<Store> libraryWriteStore(MethodCallExpr call, TypeResolver types) {
        for (CacheClient client : CLIENTS) {
            if (client.writes().matches(call, types)) {
                return Optional.of(client.store());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code call} stores a value where {@code read} looks for it, itself or through a wrapper. */
    static boolean writesBack(Read read, MethodCallExpr call, TypeResolver types, MethodSummaries summaries) {
        for (CacheClient client : CLIENTS) {
            if (client.store() != read.store() || !client.writes().matches(call, types)) {
                continue;
            }
            if (!client.sameReceiver()) {
                return true;
            }
            return (read.client() == null || client == read.client())
                    && receiverKey(call).equals(receiverKey(read.call()));
        }
        if (!projectMayWrapCaches(summaries.model()) || summaries.target(call, types).isEmpty()) {
            return false;
        }
        for (CacheEffects.Effect e : summaries.effectsOf(call, types, CacheEffects.INSTANCE)) {
            if (e.kind() == CacheEffects.Kind.WRITE && e.store() == read.store()) {
                // A store kept in one object (a map, a local cache) is refilled only through the same object.
                return !sameReceiverStore(read.store()) || receiverKey(call).equals(receiverKey(read.call()));
            }
        }
        return false;
    }

    private static boolean sameReceiverStore(Store store) {
        return CLIENTS.stream().anyMatch(c -> c.store() == store && c.sameReceiver());
    }

    /** Whether {@code call} stores only if the key is absent: a lock or lease when it comes first. */
    static boolean isExclusiveWrite(MethodCallExpr call, TypeResolver types, ValueFlow tracer) {
        for (CacheClient client : CLIENTS) {
            if (client.exclusiveWrites().matches(call, types)) {
                return true;
            }
        }
        return SET_WITH_OPTIONS.matches(call, types)
                && !tracer.callsBuilding(call.getArgument(2), NX_OPTION).isEmpty();
    }

    /** The receiver as written, without {@code this.}: {@code cache} and {@code this.cache} are one. */
    static String receiverKey(MethodCallExpr call) {
        return call.getScope().map(s -> s instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                ? f.getNameAsString() : s.toString()).orElse("");
    }


    /** A field of this object ({@code cache}, {@code this.cache}), not a local or parameter. */
    static boolean isField(Expression scope, TypeResolver types) {
        if (scope instanceof FieldAccessExpr f) {
            return f.getScope() instanceof ThisExpr;
        }
        return scope instanceof NameExpr n && !types.isLocal(n);
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** {@code scope.name(..)}, shortened: enough for the reader of a message to find the call. */
    static String describe(MethodCallExpr call) {
        String scope = call.getScope().map(Node::toString).map(s -> WHITESPACE.matcher(s).replaceAll(" ")).orElse("");
        if (scope.length() > 40) {
            scope = "..." + scope.substring(scope.length() - 37);
        }
        return (scope.isEmpty() ? "" : scope + ".") + call.getNameAsString()
                + (call.getArguments().isEmpty() ? "()" : "(..)");
    }
}
