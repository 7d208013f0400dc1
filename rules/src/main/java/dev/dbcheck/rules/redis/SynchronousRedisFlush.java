package dev.dbcheck.rules.redis;

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
 * {@code FLUSHALL} or {@code FLUSHDB} without {@code ASYNC} ({@link RedisCommands}) outside start-up code (tests
 * are not analysed unless asked). A warning on a request path, info in a scheduled or batch job ({@link CommandReach}:
 * the project's entry points, then the local judgement).
 *
 * <p>Redis's documentation of FLUSHALL: "SYNC: flushes the databases synchronously"; "ASYNC: flushes the databases
 * asynchronously" (Redis 4.0+, the deletion is done by a background thread), and a synchronous flush blocks the
 * server until every key is freed (https://redis.io/docs/latest/commands/flushall/; domain-facts section 11).
 */
public final class SynchronousRedisFlush implements JavaRule.MethodCalls {

    private static final RuleMetadata METADATA = RuleMetadata.builder("SynchronousRedisFlush")
            .family(Family.CACHE_BLOCKING)
            .severity(Severity.WARNING)
            .summary("FLUSHALL or FLUSHDB without ASYNC blocks the Redis node while it frees every key")
            .explanation("""
                    FLUSHALL and FLUSHDB delete every key of the node (or the database). Without the ASYNC \
                    option Redis frees the memory of every key before it answers, on the thread that serves \
                    every other command, so a cache of millions of keys stalls every client of the node for \
                    seconds: timeouts, and on ElastiCache possibly a failover. And every key then misses at \
                    once: the database absorbs the traffic the cache was shielding, the stampede of the \
                    guide's cache-aside section. It is reported through Spring's RedisConnection and \
                    RedisServerCommands (also the connection of a RedisTemplate.execute callback), Jedis, \
                    Lettuce sync, async and reactive commands, Redisson RKeys.flushall/flushdb (and their \
                    ...Async forms, which send the blocking command) and Quarkus RedisDataSource.flushall, \
                    outside start-up code and main: a warning where a request entry point (an HTTP handler, a \
                    listener, a Lambda handler) reaches it, with the route, or where no entry point reaches it \
                    and nothing shows it is a job; info where only scheduled or batch jobs reach it. A method whose own name is the command and that forwards it (a connection \
                    decorator's flushAll() calling delegate.flushAll(), a default method calling \
                    serverCommands().flushDb()) is the command's implementation, not a decision to flush: the \
                    finding is at each call of it in the project (none when the call passes ASYNC), never \
                    inside it. Tests are not analysed unless includeTests is set.""")
            .fix("""
                    Pass ASYNC (Spring Data Redis 2.7+ flushAll(FlushOption.ASYNC), Jedis \
                    flushAll(FlushMode.ASYNC), Lettuce flushallAsync(), Redisson flushallParallel()), so a \
                    background thread frees the memory. Better, do not empty a shared cache from application \
                    code: delete the keys of one feature, found through a set of them or with SCAN, and let \
                    the others expire.""")
            .badExample("""
                    @PostMapping("/admin/cache/reset")
                    public void reset() {
                        redis.execute((RedisCallback<Void>) connection -> {
                            connection.serverCommands().flushDb();
                            return null;
                        });
                    }""")
            .goodExample("""
                    @PostMapping("/admin/cache/reset")
                    public void reset() {
                        redis.execute((RedisCallback<Void>) connection -> {
                            connection.serverCommands().flushDb(RedisServerCommands.FlushOption.ASYNC);
                            return null;
                        });
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        Optional<String> client = RedisCommands.blockingFlushClient(call, context.types());
        if (client.isPresent()) {
            if (!FlushWrappers.inImplementation(call)) {
                report(call, RedisCommands.flushCommand(call), client.get(), null, context);
            }
            return;
        }
        // Not a library call of its own: it can only run one through a project wrapper.
        context.summaries().wrapperEffects(call, context.types(), FlushWrappers.INSTANCE).stream()
                .filter(e -> e.kind() == FlushWrappers.Kind.RUNS_HERE).findFirst()
                .ifPresent(e -> report(call, e.command(), e.client(), e.via(), context));
    }

    private static void report(MethodCallExpr call, String command, String client, String via, JavaContext context) {
        CommandReach reach = CommandReach.of(call, context);
        if (reach.where() == CommandReach.Where.ONCE) {
            return; // start-up code and main: a deliberate reset before traffic
        }
        Severity severity = reach.perRequest() ? context.defaultSeverity() : Severity.INFO;
        String where = reach.describe();
        String what = via == null ? call.getNameAsString() + "()" : call.getNameAsString() + "() runs " + via + ", which";
        String message = what + " sends " + command + " without ASYNC in " + where
                + ": Redis frees every key before it answers, on the thread that serves every other client, so the "
                + "node stalls (timeouts, failover), and then every key misses at once and the database takes the "
                + "load the cache was shielding " + METADATA.family().cite() + ". Pass ASYNC ("
                + "FlushOption.ASYNC, FlushMode.ASYNC, flushallAsync()), or delete only this feature's keys.";
        String headline = command + " without ASYNC in " + where
                + " blocks the Redis node while it frees every key, then every key misses; pass ASYNC.";
        Details details = reach.addTo(RedisCommands.evidence(headline, command, client, "via", via));
        context.report(call.getName(), call, severity, message, details);
    }

    private static final Relevance RELEVANCE = RedisCommands.RELEVANCE;

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }

    @Override
    public Map<EffectAnalysis<?>, Relevance> summaryRelevance() {
        return Map.of(FlushWrappers.INSTANCE, RELEVANCE.requiringCalls(RedisCommands.flushNames()));
    }
}
