package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Redis client calls that issue {@code KEYS}, {@code FLUSHALL} and {@code FLUSHDB}, by the declared type of
 * their receiver, for the {@code cache-blocking} rules. Which calls issue which command:
 * <ul>
 * <li>Spring Data Redis {@code RedisTemplate}/{@code StringRedisTemplate}/{@code ReactiveRedisTemplate.keys(pattern)},
 * {@code RedisConnection}/{@code RedisKeyCommands.keys(byte[])} and {@code RedisServerCommands.flushAll()/flushDb()}
 * (an argument {@code FlushOption.ASYNC} since 2.7 makes them asynchronous).</li>
 * <li>Jedis {@code keys(pattern)}, {@code flushAll()}, {@code flushDB()} ({@code FlushMode.ASYNC} as argument).</li>
 * <li>Lettuce {@code keys(pattern)} and {@code keys(channel, pattern)} on the sync, async and reactive command
 * interfaces; {@code flushall()}/{@code flushdb()} (the {@code flushallAsync()}/{@code flushdbAsync()} forms send
 * {@code FLUSHALL ASYNC}).</li>
 * <li>Redisson {@code RKeys.findKeysByPattern(..)}/{@code findKeysByPatternAsync(..)} run {@code KEYS} on every
 * master ({@code commandExecutor.readAllAsync(RedisCommands.KEYS, pattern)}), while {@code getKeysByPattern},
 * {@code getKeys} and {@code deleteByPattern} iterate with {@code SCAN}; {@code flushdb()}/{@code flushall()} and
 * their {@code ...Async()} forms send the blocking command (the {@code Async} is the client's future), and
 * {@code flushdbParallel()}/{@code flushallParallel()} send {@code FLUSHDB ASYNC}/{@code FLUSHALL ASYNC}
 * (redisson/redisson:redisson/src/main/java/org/redisson/RedissonKeys.java at 029c00ad).</li>
 * <li>Quarkus {@code RedisDataSource.key().keys(pattern)} and {@code RedisDataSource.flushall()}.</li>
 * </ul>
 */
final class RedisCommands {

    private static final String SPRING = "org.springframework.data.redis.";
    private static final String LETTUCE = "io.lettuce.core.";

    static final MethodMatcher SPRING_KEYS = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING + "core.RedisOperations", SPRING + "core.ReactiveRedisOperations",
                    SPRING + "connection.RedisKeyCommands", SPRING + "connection.ReactiveKeyCommands")
            .named("keys").withArgumentCount(1);

    static final MethodMatcher JEDIS_KEYS = MethodMatcher.instanceMethod()
            .onSubtypeOf("redis.clients.jedis.Jedis", "redis.clients.jedis.BinaryJedis",
                    "redis.clients.jedis.UnifiedJedis", "redis.clients.jedis.JedisCluster",
                    "redis.clients.jedis.commands.KeyCommands", "redis.clients.jedis.commands.KeyBinaryCommands",
                    "redis.clients.jedis.commands.MultiKeyCommands")
            .named("keys").withArgumentCount(1);

    static final MethodMatcher LETTUCE_KEYS = MethodMatcher.instanceMethod()
            .onSubtypeOf(LETTUCE + "api.sync.RedisKeyCommands", LETTUCE + "api.async.RedisKeyAsyncCommands",
                    LETTUCE + "api.reactive.RedisKeyReactiveCommands")
            .named("keys").withArgumentCount(n -> n == 1 || n == 2);

    static final MethodMatcher REDISSON_KEYS = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.redisson.api.RKeys", "org.redisson.api.RKeysAsync", "org.redisson.api.RKeysReactive",
                    "org.redisson.api.RKeysRx")
            .named("findKeysByPattern", "findKeysByPatternAsync").withArgumentCount(1);

    static final MethodMatcher QUARKUS_KEYS = MethodMatcher.instanceMethod()
            .onSubtypeOf("io.quarkus.redis.datasource.keys.KeyCommands",
                    "io.quarkus.redis.datasource.keys.ReactiveKeyCommands")
            .named("keys").withArgumentCount(1);

    /** Each KEYS matcher with the client it names in evidence. */
    static final Map<MethodMatcher, String> KEYS = Map.of(SPRING_KEYS, "spring-data-redis", JEDIS_KEYS, "jedis",
            LETTUCE_KEYS, "lettuce", REDISSON_KEYS, "redisson", QUARKUS_KEYS, "quarkus-redis");

    static final MethodMatcher SPRING_FLUSH = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING + "connection.RedisServerCommands", SPRING + "connection.ReactiveServerCommands")
            .named("flushAll", "flushDb").withArgumentCount(n -> n <= 1);

    static final MethodMatcher JEDIS_FLUSH = MethodMatcher.instanceMethod()
            .onSubtypeOf("redis.clients.jedis.Jedis", "redis.clients.jedis.BinaryJedis",
                    "redis.clients.jedis.UnifiedJedis", "redis.clients.jedis.JedisCluster",
                    "redis.clients.jedis.commands.ServerCommands")
            .named("flushAll", "flushDB").withArgumentCount(n -> n <= 1);

    static final MethodMatcher LETTUCE_FLUSH = MethodMatcher.instanceMethod()
            .onSubtypeOf(LETTUCE + "api.sync.RedisServerCommands", LETTUCE + "api.async.RedisServerAsyncCommands",
                    LETTUCE + "api.reactive.RedisServerReactiveCommands")
            .named("flushall", "flushdb").withArgumentCount(n -> n <= 1);

    static final MethodMatcher REDISSON_FLUSH = MethodMatcher.instanceMethod()
            .onSubtypeOf("org.redisson.api.RKeys", "org.redisson.api.RKeysAsync", "org.redisson.api.RKeysReactive",
                    "org.redisson.api.RKeysRx")
            .named("flushall", "flushdb", "flushallAsync", "flushdbAsync").withArgumentCount(0);

    static final MethodMatcher QUARKUS_FLUSH = MethodMatcher.instanceMethod()
            .onSubtypeOf("io.quarkus.redis.datasource.RedisDataSource",
                    "io.quarkus.redis.datasource.ReactiveRedisDataSource")
            .named("flushall").withArgumentCount(0);

    static final Map<MethodMatcher, String> FLUSHES = Map.of(SPRING_FLUSH, "spring-data-redis", JEDIS_FLUSH, "jedis",
            LETTUCE_FLUSH, "lettuce", REDISSON_FLUSH, "redisson", QUARKUS_FLUSH, "quarkus-redis");

    /** The receiver of a callback's connection: {@code template.execute((RedisCallback<..>) c -> c.keys(..))}. */
    private static final MethodMatcher CALLBACK_HOSTS = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING + "core.RedisOperations")
            .named("execute", "executePipelined");

    /**
     * The Redis client types a file writes to reach the calls above (the matchers' receivers are their
     * supertypes, and chains start at pools and clients): what the rules' relevance needs besides
     * {@code redis-commands.types}.
     */
    static final Set<String> CLIENT_TYPES = Set.of(SPRING + "core.RedisTemplate", SPRING + "core.StringRedisTemplate",
            SPRING + "core.RedisOperations", "redis.clients.jedis.Jedis", "redis.clients.jedis.UnifiedJedis",
            "redis.clients.jedis.JedisPooled", "redis.clients.jedis.JedisCluster", "redis.clients.jedis.JedisPool",
            "redis.clients.jedis.JedisSentinelPool", "redis.clients.jedis.util.Pool", LETTUCE + "RedisClient",
            LETTUCE + "api.StatefulRedisConnection", LETTUCE + "api.sync.RedisCommands",
            LETTUCE + "api.sync.RedisKeyCommands", LETTUCE + "cluster.RedisClusterClient",
            LETTUCE + "cluster.api.StatefulRedisClusterConnection",
            LETTUCE + "cluster.api.sync.RedisAdvancedClusterCommands", "org.redisson.api.RedissonClient",
            "org.redisson.Redisson", "org.redisson.api.RKeysAsync");

    private static final List<String> KEYS_NAMES = List.of("keys", "findKeysByPattern", "findKeysByPatternAsync");

    private RedisCommands() {}

    /** The client of a call that issues {@code KEYS}, or empty. */
    static Optional<String> keysClient(MethodCallExpr call, TypeResolver types) {
        if (!KEYS_NAMES.contains(call.getNameAsString())) {
            return Optional.empty();
        }
        for (Map.Entry<MethodMatcher, String> e : KEYS.entrySet()) {
            if (e.getKey().matches(call, types)) {
                return Optional.of(e.getValue());
            }
        }
        return call.getArguments().size() == 1 ? matchByCallback(call, types, KEYS) : Optional.empty();
    }

    /** The client of a call that issues a blocking {@code FLUSHALL} or {@code FLUSHDB}, or empty. */
    static Optional<String> blockingFlushClient(MethodCallExpr call, TypeResolver types) {
        String name = call.getNameAsString().toLowerCase(java.util.Locale.ROOT);
        if (!name.startsWith("flush")) {
            return Optional.empty();
        }
        if (call.getArguments().size() == 1 && isAsyncOption(call.getArgument(0))) {
            return Optional.empty(); // FlushOption.ASYNC, FlushMode.ASYNC
        }
        for (Map.Entry<MethodMatcher, String> e : FLUSHES.entrySet()) {
            if (e.getKey().matches(call, types)) {
                return Optional.of(e.getValue());
            }
        }
        return call.getArguments().size() <= 1 ? matchByCallback(call, types, FLUSHES) : Optional.empty();
    }

    /** Whether a flush call's argument asks for ASYNC ({@code FlushOption.ASYNC}, {@code FlushMode.ASYNC}). */
    static boolean isAsyncOption(Expression argument) {
        return argument.toString().toUpperCase(java.util.Locale.ROOT).contains("ASYNC");
    }

    /** The command a flush call sends: FLUSHALL or FLUSHDB. */
    static String flushCommand(MethodCallExpr call) {
        return call.getNameAsString().toLowerCase(java.util.Locale.ROOT).startsWith("flushall") ? "FLUSHALL" : "FLUSHDB";
    }

    /**
     * The type of a callback parameter the call's receiver is, whose type is written nowhere: the connection of
     * a lambda given to a Spring {@code RedisTemplate.execute(..)} ({@code RedisConnection}), or the value of an
     * {@code Optional.ofNullable(template).map(t -> t.keys(..))} chain (the type of {@code template}). A receiver
     * whose type is known is never one.
     */
    private static Optional<String> callbackReceiverType(MethodCallExpr call, TypeResolver types) {
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        Expression receiver = scope.get();
        boolean commandGroup = false;
        // connection.keyCommands().keys(..) / connection.serverCommands().flushAll()
        if (receiver instanceof MethodCallExpr inner && inner.getScope().isPresent()
                && (inner.getNameAsString().equals("keyCommands") || inner.getNameAsString().equals("serverCommands"))) {
            receiver = inner.getScope().get();
            commandGroup = true;
        }
        if (!(receiver instanceof NameExpr name) || types.typeOf(name).isPresent()) {
            return Optional.empty();
        }
        Optional<LambdaExpr> lambda = call.findAncestor(LambdaExpr.class);
        while (lambda.isPresent()) {
            LambdaExpr l = lambda.get();
            boolean declares = l.getParameters().stream().map(Parameter::getNameAsString)
                    .anyMatch(n -> n.equals(name.getNameAsString()));
            if (declares) {
                Node host = l.getParentNode().orElse(null);
                boolean redisCallback = false;
                while (host instanceof CastExpr || host instanceof EnclosedExpr) {
                    if (host instanceof CastExpr cast && types.resolve(cast.getType())
                            .filter(t -> t.equals(SPRING + "core.RedisCallback")).isPresent()) {
                        redisCallback = true;
                    }
                    host = host.getParentNode().orElse(null);
                }
                if (redisCallback || host instanceof MethodCallExpr m && CALLBACK_HOSTS.matches(m, types)) {
                    return Optional.of(SPRING + "connection.RedisConnection");
                }
                if (!commandGroup && host instanceof MethodCallExpr m && OPTIONAL_STEPS.contains(m.getNameAsString())) {
                    return optionalValueType(m.getScope().orElse(null), types, 0);
                }
                return Optional.empty();
            }
            lambda = l.findAncestor(LambdaExpr.class);
        }
        return Optional.empty();
    }

    private static final Set<String> OPTIONAL_STEPS = Set.of("map", "ifPresent", "filter", "flatMap", "ifPresentOrElse");

    /** The type of the value in {@code Optional.ofNullable(x)}, {@code Optional.of(x)}, through filter steps. */
    private static Optional<String> optionalValueType(Expression e, TypeResolver types, int depth) {
        if (!(e instanceof MethodCallExpr m) || depth > 4) {
            return Optional.empty();
        }
        if ((m.getNameAsString().equals("ofNullable") || m.getNameAsString().equals("of"))
                && m.getArguments().size() == 1 && m.getScope().filter(s -> s.toString().equals("Optional")).isPresent()) {
            return types.typeOf(m.getArgument(0));
        }
        if (m.getNameAsString().equals("filter")) {
            return optionalValueType(m.getScope().orElse(null), types, depth + 1);
        }
        return Optional.empty();
    }

    /** Whether {@code call}, on a callback parameter, is one of {@code matchers}' calls by name, arity and owner. */
    private static Optional<String> matchByCallback(MethodCallExpr call, TypeResolver types,
            Map<MethodMatcher, String> matchers) {
        Optional<String> type = callbackReceiverType(call, types);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        boolean group = call.getScope().filter(s -> s instanceof MethodCallExpr).isPresent();
        if (group) {
            return Optional.of("spring-data-redis");
        }
        for (Map.Entry<MethodMatcher, String> e : matchers.entrySet()) {
            if (e.getKey().names().contains(call.getNameAsString())
                    && types.isSubtypeOfAny(type.get(), e.getKey().owners())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * What a file must contain for a rule over these commands to report there: a client type of the tables, or a
     * constant these matchers read (see {@link dev.dbcheck.rule.Relevance}).
     */
    static final dev.dbcheck.rule.Relevance RELEVANCE = dev.dbcheck.rule.Relevance.typeTables("redis-commands.types")
            .or(dev.dbcheck.rule.Relevance.constantsOf(RedisCommands.class));

    /** A Redis command finding's evidence: the command and the client, then {@code more} in order. */
    static dev.dbcheck.finding.Details evidence(String headline, String command, String client, String... more) {
        dev.dbcheck.finding.Details details = dev.dbcheck.finding.Details.headline(headline)
                .withEvidence("command", command).withEvidence("client", client).withEvidence("store", "redis");
        for (int i = 0; i + 1 < more.length; i += 2) {
            if (more[i + 1] != null && !more[i + 1].isEmpty()) {
                details = details.withEvidence(more[i], more[i + 1]);
            }
        }
        return details;
    }

    /** The names of every method these matchers match (for summary relevance). */
    static Set<String> methodNames() {
        Set<String> names = new java.util.TreeSet<>();
        KEYS.keySet().forEach(m -> names.addAll(m.names()));
        return names;
    }

    /** The names of every flush method the flush matchers match (for summary relevance). */
    static Set<String> flushNames() {
        Set<String> names = new java.util.TreeSet<>();
        FLUSHES.keySet().forEach(m -> names.addAll(m.names()));
        return names;
    }

    /**
     * A pattern as written, for evidence: constant parts as they are, other parts as {@code {name}}
     * ({@code "token::" + user + "*"} is {@code token::{user}*}).
     */
    static String shape(Expression e, ConstantEvaluator constants, TypeResolver types) {
        return shape(e, constants, types, 0);
    }

    private static String shape(Expression e, ConstantEvaluator constants, TypeResolver types, int depth) {
        Optional<String> constant = constants.stringValue(e);
        if (constant.isPresent()) {
            return constant.get();
        }
        if (depth > 6) {
            return "{..}";
        }
        if (e instanceof EnclosedExpr en) {
            return shape(en.getInner(), constants, types, depth + 1);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            return shape(b.getLeft(), constants, types, depth + 1) + shape(b.getRight(), constants, types, depth + 1);
        }
        if (e instanceof MethodCallExpr m && m.getScope().isPresent()
                && (m.getNameAsString().equals("getBytes") || m.getNameAsString().equals("toString"))) {
            return shape(m.getScope().get(), constants, types, depth + 1);
        }
        if (e instanceof MethodCallExpr m && m.getNameAsString().equals("format") && !m.getArguments().isEmpty()) {
            Optional<String> format = constants.stringValue(m.getArgument(0));
            if (format.isPresent()) {
                return format.get().replaceAll("%[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z]", "{..}");
            }
        }
        if (e instanceof NameExpr n && types.isLocal(n)) {
            Optional<Expression> init = types.initializerOf(n);
            if (init.isPresent()) {
                return shape(init.get(), constants, types, depth + 1);
            }
        }
        String text = e instanceof NameExpr n ? n.getNameAsString()
                : e instanceof FieldAccessExpr f ? f.toString()
                : e instanceof MethodCallExpr m ? m.getNameAsString() + "()" : "..";
        return "{" + text + "}";
    }
}
