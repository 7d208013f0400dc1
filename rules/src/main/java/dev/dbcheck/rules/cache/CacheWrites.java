package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.Optional;
import java.util.Set;

/**
 * Cache writes and their expiry, for the cache-expiry rules: which argument is the key, which the value, and
 * whether (and with which TTL) the entry expires.
 *
 * <p>Facts (domain-facts.md section 8, "Cache entries and their expiry"): Jedis {@code set(k, v)} never
 * expires, {@code set(k, v, SetParams.setParams().ex(s) | px(ms) | exAt | pxAt | keepTtl())}, {@code setex},
 * {@code psetex}; hashes expire as a whole key ({@code hset} then {@code expire}). Spring Data Redis
 * {@code ValueOperations.set(K, V)} never expires, {@code set(K, V, long, TimeUnit)} and
 * {@code set(K, V, Duration)} do; {@code set(K, V, long offset)} is SETRANGE, not an expiry (Spring Data Redis
 * {@code ValueOperations} javadoc). Lettuce {@code set(K, V)} / {@code set(K, V, SetArgs.Builder.ex(s))} /
 * {@code setex}. Redisson {@code RBucket.set(V)} never expires, {@code set(V, long, TimeUnit)},
 * {@code set(V, Duration)}. spymemcached and Xmemcached {@code set(key, exp, value)}: {@code exp = 0} means no
 * expiry.
 */
final class CacheWrites {

    private CacheWrites() {}

    /** How a write expires. */
    enum Expiry {
        /** The entry never expires unless something else sets a TTL on the key. */
        NONE,
        /** The write sets a TTL ({@link Write#ttl()}). */
        SET,
        /** Options the analysis cannot see (a parameter): assume they expire. */
        UNKNOWN
    }

    /**
     * One write.
     *
     * @param key the key argument, or the receiver for handles bound to one key (Redisson bucket, bound ops)
     * @param value the value argument (null for an expire call)
     * @param ttl the TTL argument when {@code expiry} is SET and the call names it, else null
     * @param fix how to give this write a TTL, for messages
     */
    record Write(MethodCallExpr call, Expression key, Expression value, Expiry expiry, Expression ttl, String fix) {}

    private static final String[] JEDIS = {"redis.clients.jedis.Jedis", "redis.clients.jedis.UnifiedJedis"};
    private static final String[] LETTUCE = {"io.lettuce.core.api.sync.RedisStringCommands",
            "io.lettuce.core.api.sync.RedisHashCommands", "io.lettuce.core.api.sync.RedisKeyCommands"};
    private static final String VALUE_OPS = "org.springframework.data.redis.core.ValueOperations";
    private static final String BOUND_VALUE_OPS = "org.springframework.data.redis.core.BoundValueOperations";
    private static final String HASH_OPS = "org.springframework.data.redis.core.HashOperations";
    private static final String REDIS_OPS = "org.springframework.data.redis.core.RedisOperations";
    private static final String R_BUCKET = "org.redisson.api.RBucket";
    private static final String R_MAP_CACHE = "org.redisson.api.RMapCache";
    private static final String[] MEMCACHED = {"net.spy.memcached.MemcachedClientIF",
            "net.rubyeye.xmemcached.MemcachedClient"};

    static final MethodMatcher REDIS_CLIENT_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(concat(JEDIS, LETTUCE)).named("set", "setex", "psetex", "hset", "hmset");
    static final MethodMatcher SPRING_VALUE_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(VALUE_OPS).named("set");
    static final MethodMatcher SPRING_BOUND_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(BOUND_VALUE_OPS).named("set");
    static final MethodMatcher SPRING_HASH_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(HASH_OPS).named("put", "putAll");
    static final MethodMatcher REDISSON_BUCKET_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(R_BUCKET).named("set");
    static final MethodMatcher REDISSON_MAP_CACHE_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(R_MAP_CACHE).named("put", "fastPut").withArgumentCount(4);
    static final MethodMatcher MEMCACHED_WRITE = MethodMatcher.instanceMethod()
            .onSubtypeOf(MEMCACHED).named("set").withArgumentCount(3);

    /** {@code del/unlink(keys..)} on Jedis and Lettuce, {@code delete/unlink(key)} on Spring's template. */
    static final MethodMatcher KEY_DELETE = MethodMatcher.instanceMethod()
            .onSubtypeOf(concat(JEDIS, LETTUCE, new String[] {REDIS_OPS})).named("del", "delete", "unlink");

    private static final Set<String> EXPIRE_NAMES = Set.of("expire", "pexpire", "expireAt", "pexpireAt",
            "expireat", "pexpireat");
    /** {@code expire(key, ttl..)} on a client or template. */
    static final MethodMatcher KEY_EXPIRE = MethodMatcher.instanceMethod()
            .onSubtypeOf(concat(JEDIS, LETTUCE, new String[] {REDIS_OPS}))
            .named(EXPIRE_NAMES.toArray(String[]::new));
    /** {@code handle.expire(ttl..)} on a handle bound to one key. */
    static final MethodMatcher HANDLE_EXPIRE = MethodMatcher.instanceMethod()
            .onSubtypeOf(R_BUCKET, BOUND_VALUE_OPS).named("expire", "expireAt");

    private static final Set<String> SET_OPTION_EXPIRY = Set.of("ex", "px", "exAt", "pxAt", "keepTtl", "keepttl");
    private static final Set<String> SET_OPTION_TTL = Set.of("ex", "px");
    private static final Set<String> SET_OPTION_ANY = Set.of("ex", "px", "exAt", "pxAt", "keepTtl", "keepttl", "nx",
            "xx", "setParams", "get");
    private static final Set<String> NX = Set.of("nx");

    /** The write {@code call} makes, if it is a cache write this package knows; never a lock (SET NX). */
    static Optional<Write> of(MethodCallExpr call, TypeResolver types, ValueFlow tracer) {
        int n = call.getArguments().size();
        String name = call.getNameAsString();
        if (REDIS_CLIENT_WRITE.matches(call, types)) {
            boolean jedis = types.typeOf(call.getScope().orElseThrow())
                    .filter(t -> types.isSubtypeOfAny(t, Set.of(JEDIS))).isPresent();
            String expireFix = "call expire(key, seconds) on the key right after the write";
            switch (name) {
                case "set" -> {
                    String fix = jedis ? "write it with set(key, value, SetParams.setParams().ex(seconds)) or setex"
                            : "write it with set(key, value, SetArgs.Builder.ex(seconds)) or setex";
                    if (n == 2) {
                        return write(call, 0, 1, Expiry.NONE, null, fix);
                    }
                    if (n == 3) {
                        return setWithOptions(call, tracer, fix);
                    }
                    return Optional.empty();
                }
                case "setex", "psetex" -> {
                    return n == 3 ? write(call, 0, 2, Expiry.SET, call.getArgument(1), "") : Optional.empty();
                }
                case "hset" -> {
                    return n == 3 ? write(call, 0, 2, Expiry.NONE, null, expireFix)
                            : n == 2 ? write(call, 0, 1, Expiry.NONE, null, expireFix) : Optional.empty();
                }
                default -> {
                    return n == 2 ? write(call, 0, 1, Expiry.NONE, null, expireFix) : Optional.empty();
                }
            }
        }
        if (SPRING_VALUE_WRITE.matches(call, types)) {
            String fix = "write it with set(key, value, Duration) or set(key, value, timeout, unit)";
            if (n == 2) {
                return write(call, 0, 1, Expiry.NONE, null, fix);
            }
            if (n == 4 || n == 3 && isDuration(call.getArgument(2), types)) {
                return write(call, 0, 1, Expiry.SET, call.getArgument(2), "");
            }
            return Optional.empty(); // set(key, value, offset) overwrites part of a value (SETRANGE)
        }
        if (SPRING_BOUND_WRITE.matches(call, types)) {
            String fix = "write it with set(value, Duration) or set(value, timeout, unit)";
            return n == 1 ? receiverWrite(call, 0, Expiry.NONE, null, fix)
                    : n >= 2 ? receiverWrite(call, 0, Expiry.SET, call.getArgument(1), "") : Optional.empty();
        }
        if (SPRING_HASH_WRITE.matches(call, types)) {
            String fix = "call expire(key, Duration) on the key right after the write";
            return name.equals("put") && n == 3 ? write(call, 0, 2, Expiry.NONE, null, fix)
                    : name.equals("putAll") && n == 2 ? write(call, 0, 1, Expiry.NONE, null, fix) : Optional.empty();
        }
        if (REDISSON_BUCKET_WRITE.matches(call, types)) {
            String fix = "write it with set(value, Duration) or set(value, ttl, unit)";
            return n == 1 ? receiverWrite(call, 0, Expiry.NONE, null, fix)
                    : n >= 2 ? receiverWrite(call, 0, Expiry.SET, call.getArgument(1), "") : Optional.empty();
        }
        if (REDISSON_MAP_CACHE_WRITE.matches(call, types)) {
            return write(call, 0, 1, Expiry.SET, call.getArgument(2), "");
        }
        if (MEMCACHED_WRITE.matches(call, types)) {
            Expression exp = call.getArgument(1);
            Optional<Long> seconds = new ConstantEvaluator(types).longValue(exp);
            if (seconds.isPresent() && seconds.get() == 0) {
                return write(call, 0, 2, Expiry.NONE, null, "give it a non-zero expiry in seconds");
            }
            return write(call, 0, 2, Expiry.SET, exp, "");
        }
        return Optional.empty();
    }

    /** {@code set(key, value, options)}: the options say whether it expires (or is a lock, SET NX). */
    private static Optional<Write> setWithOptions(MethodCallExpr call, ValueFlow tracer, String fix) {
        Expression options = call.getArgument(2);
        if (!tracer.callsBuilding(options, NX).isEmpty()) {
            return Optional.empty();
        }
        Optional<MethodCallExpr> ttl = tracer.callsBuilding(options, SET_OPTION_TTL).stream()
                .filter(c -> c.getArguments().size() == 1).findFirst();
        if (ttl.isPresent()) {
            return write(call, 0, 1, Expiry.SET, ttl.get().getArgument(0), "");
        }
        if (!tracer.callsBuilding(options, SET_OPTION_EXPIRY).isEmpty()) {
            return write(call, 0, 1, Expiry.SET, null, "");
        }
        boolean seen = !tracer.callsBuilding(options, SET_OPTION_ANY).isEmpty();
        return write(call, 0, 1, seen ? Expiry.NONE : Expiry.UNKNOWN, null, fix);
    }

    private static Optional<Write> write(MethodCallExpr call, int key, int value, Expiry expiry, Expression ttl,
            String fix) {
        return Optional.of(new Write(call, call.getArgument(key), call.getArgument(value), expiry, ttl, fix));
    }

    private static Optional<Write> receiverWrite(MethodCallExpr call, int value, Expiry expiry, Expression ttl,
            String fix) {
        return Optional.of(new Write(call, call.getScope().orElseThrow(), call.getArgument(value), expiry, ttl, fix));
    }

    /** An expire call: the key it sets a TTL on (or the handle) and the TTL argument. */
    record Expire(MethodCallExpr call, Expression key, Expression ttl) {}

    static Optional<Expire> expire(MethodCallExpr call, TypeResolver types) {
        if (KEY_EXPIRE.matches(call, types) && call.getArguments().size() >= 2) {
            return Optional.of(new Expire(call, call.getArgument(0), call.getArgument(1)));
        }
        if (HANDLE_EXPIRE.matches(call, types) && !call.getArguments().isEmpty()) {
            return Optional.of(new Expire(call, call.getScope().orElseThrow(), call.getArgument(0)));
        }
        return Optional.empty();
    }

    /** Whether an expire call on the same key follows {@code write} in its method. */
    static boolean expiredLater(Write write, TypeResolver types, ConstantEvaluator constants) {
        Optional<CallableDeclaration> method = write.call().findAncestor(CallableDeclaration.class);
        if (method.isEmpty()) {
            return false;
        }
        int line = write.call().getBegin().map(p -> p.line).orElse(0);
        return method.get().findAll(MethodCallExpr.class).stream()
                .filter(c -> c.getBegin().map(p -> p.line).orElse(0) >= line && c != write.call())
                .map(c -> expire(c, types))
                .flatMap(Optional::stream)
                .anyMatch(e -> sameKey(e.key(), write.key(), constants));
    }

    /** The same key: the same expression as written (without {@code this.}), or equal constants. */
    static boolean sameKey(Expression a, Expression b, ConstantEvaluator constants) {
        if (text(a).equals(text(b))) {
            return true;
        }
        Optional<String> ca = constants.stringValue(a);
        return ca.isPresent() && ca.equals(constants.stringValue(b));
    }

    private static String text(Expression e) {
        return e instanceof FieldAccessExpr f && f.getScope().isThisExpr() ? f.getNameAsString() : e.toString();
    }

    private static boolean isDuration(Expression e, TypeResolver types) {
        return types.typeOf(e).filter("java.time.Duration"::equals).isPresent();
    }

    /**
     * Where {@code value} was loaded from: "database" or "remote service" when it is (or is computed from,
     * through locals of the method) the result of such a call; see {@link CacheApis#slowSource}.
     */
    static Optional<String> loadedFrom(Expression value, ValueFlow flow, TypeResolver types,
            MethodSummaries summaries) {
        return loadedFrom(value, flow, types, summaries, 0);
    }

    private static Optional<String> loadedFrom(Expression value, ValueFlow flow, TypeResolver types,
            MethodSummaries summaries, int depth) {
        for (MethodCallExpr c : value.findAll(MethodCallExpr.class)) {
            Optional<String> source = SlowSources.slowSource(c, types, summaries).map(SlowSources.Load::source);
            if (source.isPresent()) {
                return source;
            }
        }
        if (depth >= 3) {
            return Optional.empty();
        }
        for (NameExpr n : value.findAll(NameExpr.class)) {
            if (!types.isLocal(n)) {
                continue;
            }
            // What the local is given: its initialiser and every assignment (the shared value flow).
            for (Expression given : flow.variableOf(n).map(flow::values).orElse(java.util.List.of())) {
                Optional<String> fromValue = loadedFrom(given, flow, types, summaries, depth + 1);
                if (fromValue.isPresent()) {
                    return fromValue;
                }
            }
            // The variable of a for-each loop over loaded rows: for (Product p : repository.findAll()).
            Optional<ForEachStmt> loop = n.findAncestor(ForEachStmt.class, f -> f.getVariable().getVariables()
                    .stream().anyMatch(v -> v.getNameAsString().equals(n.getNameAsString())));
            Optional<String> fromLoop = loop.flatMap(f -> loadedFrom(f.getIterable(), flow, types, summaries,
                    depth + 1));
            if (fromLoop.isPresent()) {
                return fromLoop;
            }
        }
        return Optional.empty();
    }

    /** A method call or name as written, shortened for messages. */
    static String describe(Node n) {
        return abbreviate(n.toString());
    }

    static String abbreviate(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
