package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * {@code KEYS pattern} through any Redis client ({@link RedisCommands}), at the call that chooses the pattern:
 * the library call itself, or, for a project wrapper whose pattern comes from its caller ({@link KeysWrappers}),
 * each project call that gives it its own pattern. A warning on a request path, info in start-up code, a
 * scheduled or batch job ({@link CommandReach}: the project's entry points, then the local judgement).
 *
 * <p>Redis's documentation of KEYS: "Warning: consider KEYS as a command that should only be used in production
 * environments with extreme care. It may ruin performance when it is executed against large databases ... Don't
 * use KEYS in your regular application code. If you're looking for a way to find keys in a subset of your
 * keyspace, consider using SCAN or sets." (https://redis.io/docs/latest/commands/keys/; domain-facts section 11).
 */
public final class RedisKeysCommand implements JavaRule.MethodCalls {

    private static final RuleMetadata METADATA = RuleMetadata.builder("RedisKeysCommand")
            .family(Family.CACHE_BLOCKING)
            .severity(Severity.WARNING)
            .summary("KEYS walks the whole Redis keyspace and blocks every other client of the node")
            .explanation("""
                    Redis and Valkey run commands one at a time. KEYS pattern visits every key of the database, \
                    whatever the pattern, so on a cache of millions of keys one call holds the node for tens or \
                    hundreds of milliseconds, and every other client of that node (the whole application's \
                    cache traffic, and on ElastiCache the replication and health checks) waits behind it: \
                    latency spikes, client timeouts, and under repeated calls a failover. The cost grows with \
                    the keyspace, not with the result, so it passes every test and stalls production as the \
                    cache grows. Redis's own documentation says not to use KEYS in regular application code. \
                    It is reported through every client (Spring RedisTemplate, StringRedisTemplate, \
                    ReactiveRedisTemplate, RedisConnection; Jedis, JedisPooled, JedisCluster, which runs it on \
                    every master; Lettuce sync, async and reactive commands; Redisson \
                    RKeys.findKeysByPattern; Quarkus KeyCommands.keys), and for a project wrapper whose pattern \
                    comes from its caller (RedisUtils.keys(pattern)) at each call in the project that gives it a \
                    pattern, followed through wrappers of wrappers three methods deep. A method whose own name \
                    is keys and that forwards KEYS with its parameter (a connection decorator's \
                    keys(pattern) calling delegate.keys(serialize(pattern))) is the command's implementation: \
                    reported at its callers too, never inside it. It is a warning where a \
                    request entry point reaches it (an HTTP handler, a listener, a Lambda handler; in a library, \
                    its public API), with the route as the finding's path, or where no entry point reaches it \
                    and nothing shows it is start-up code or a job; info where only scheduled or batch jobs, \
                    main or start-up code reach it, where it still stalls the node but once per run. \
                    Redisson's getKeysByPattern, getKeys and deleteByPattern iterate with SCAN and are not \
                    reported.""")
            .fix("""
                    Iterate with SCAN and a MATCH pattern and a COUNT (RedisTemplate.scan(ScanOptions), \
                    Jedis scan(cursor, ScanParams), Lettuce ScanIterator, Redisson getKeysByPattern), which \
                    does a bounded amount of work per call; better, keep the keys you need to find in a set or \
                    hash written beside them (one SMEMBERS per user instead of a pattern over every key).""")
            .badExample("""
                    public void logout(String username) {
                        Set<String> tokens = redis.keys("token::" + username + "::*");
                        redis.delete(tokens);
                    }""")
            .goodExample("""
                    public void logout(String username) {
                        // each login adds its token key to the user's set: SADD user-tokens::<name> <key>
                        Set<String> tokens = redis.opsForSet().members("user-tokens::" + username);
                        redis.delete(tokens);
                        redis.delete("user-tokens::" + username);
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        Optional<String> client = RedisCommands.keysClient(call, context.types());
        if (client.isPresent()) {
            if (!KeysWrappers.isCallersPattern(call)) {
                Expression pattern = call.getArguments().get(call.getArguments().size() - 1);
                report(call, RedisCommands.shape(pattern, context.constants(), context.types()), client.get(), null, context);
            }
            return;
        }
        // Not a library call of its own: it can only run one through a project wrapper.
        context.summaries().wrapperEffects(call, context.types(), KeysWrappers.INSTANCE).stream()
                .filter(e -> e.kind() == KeysWrappers.Kind.RUNS_HERE).findFirst()
                .ifPresent(e -> report(call, patternGiven(call, context), e.client(), e.via(), context));
    }

    /** The pattern a wrapper call gives, when one argument is a string (the others are ids, flags). */
    private static String patternGiven(MethodCallExpr call, JavaContext context) {
        for (Expression a : call.getArguments()) {
            String shape = RedisCommands.shape(a, context.constants(), context.types());
            if (shape.contains("*") || shape.contains("?")) {
                return shape;
            }
        }
        return call.getArguments().isEmpty() ? "" : RedisCommands.shape(call.getArgument(0), context.constants(), context.types());
    }

    private static void report(MethodCallExpr call, String pattern, String client, String via, JavaContext context) {
        CommandReach reach = CommandReach.of(call, context);
        Severity severity = reach.perRequest() ? context.defaultSeverity() : Severity.INFO;
        String what = via == null ? call.getNameAsString() + "()" : call.getNameAsString() + "() runs " + via + ", which";
        String where = reach.describe();
        String message = what + " sends KEYS" + (pattern.isEmpty() ? "" : " \"" + pattern + "\"") + " in " + where
                + ": Redis runs it over every key of the database, one command at a time, so while it walks the "
                + "keyspace every other client of the node waits (latency spikes, timeouts, failover) "
                + METADATA.family().cite() + "; it grows with the cache, not with the result. Iterate with SCAN "
                + "(MATCH and COUNT) instead, or keep the keys you need to find in a set written beside them.";
        String headline = "KEYS" + (pattern.isEmpty() ? "" : " \"" + pattern + "\"") + " in " + where
                + " blocks the Redis node while it walks every key; use SCAN or a set of the keys.";
        Details details = reach.addTo(RedisCommands.evidence(headline, "KEYS", client, "pattern", pattern, "via", via));
        context.report(call.getName(), call, severity, message, details);
    }

    private static final Relevance RELEVANCE = RedisCommands.RELEVANCE;

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }

    @Override
    public Map<EffectAnalysis<?>, Relevance> summaryRelevance() {
        return Map.of(KeysWrappers.INSTANCE, RELEVANCE.requiringCalls(RedisCommands.methodNames()));
    }
}
