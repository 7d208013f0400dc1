package dev.dbcheck.rule;

import dev.dbcheck.rules.analytics.AnalyticsQueryOnWriter;
import dev.dbcheck.rules.aurora.AuroraInstanceEndpoint;
import dev.dbcheck.rules.aurora.DnsCacheTtlForever;
import dev.dbcheck.rules.cache.CacheEntryWithoutTtl;
import dev.dbcheck.rules.cache.CacheTtlWithoutJitter;
import dev.dbcheck.rules.cache.CacheableWithoutSync;
import dev.dbcheck.rules.cache.UnguardedCacheAside;
import dev.dbcheck.rules.dynamodb.ConstantPartitionKey;
import dev.dbcheck.rules.dynamodb.DynamoDbCallInLoop;
import dev.dbcheck.rules.dynamodb.DynamoDbRetriesDisabled;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.rules.dynamodb.RetryWithoutBackoff;
import dev.dbcheck.rules.dynamodb.ThrottlingSwallowed;
import dev.dbcheck.rules.dynamodb.UnprocessedItemsIgnored;
import dev.dbcheck.rules.pool.ConnectionBudgetExceeded;
import dev.dbcheck.rules.pool.ConnectionPerRequest;
import dev.dbcheck.rules.pool.LambdaWithoutRdsProxy;
import dev.dbcheck.rules.pool.OversizedConnectionPool;
import dev.dbcheck.rules.pool.UnboundedConnectionPool;
import dev.dbcheck.rules.redis.RedisCacheClearWithKeys;
import dev.dbcheck.rules.redis.RedisKeysCommand;
import dev.dbcheck.rules.redis.SynchronousRedisFlush;
import dev.dbcheck.rules.streams.StreamOrderLost;
import dev.dbcheck.rules.sql.DeleteWithoutWhere;
import dev.dbcheck.rules.sql.UpdateWithoutWhere;
import dev.dbcheck.rules.suppression.SuppressionWithoutReason;
import dev.dbcheck.rules.suppression.UnknownRuleInSuppression;
import dev.dbcheck.rules.suppression.UnusedSuppression;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every rule dbcheck ships, as one explicit list (no classpath scanning: what runs is what is written
 * here). A meta-test checks that each rule has valid metadata, a test and docs.
 */
public final class RuleRegistry {

    // An array initializer takes a trailing comma: adding a rule is adding one line.
    private static final Rule[] ALL = {
            new DynamoDbScan(),
            new UnguardedCacheAside(),
            new CacheableWithoutSync(),
            new DynamoDbRetriesDisabled(),
            new ThrottlingSwallowed(),
            new UnprocessedItemsIgnored(),
            new RetryWithoutBackoff(),
            new ConstantPartitionKey(),
            new DeleteWithoutWhere(),
            new UpdateWithoutWhere(),
            new ConnectionBudgetExceeded(),
            new ConnectionPerRequest(),
            new OversizedConnectionPool(),
            new UnboundedConnectionPool(),
            new DynamoDbCallInLoop(),
            new CacheEntryWithoutTtl(),
            new CacheTtlWithoutJitter(),
            new AuroraInstanceEndpoint(),
            new DnsCacheTtlForever(),
            new RedisKeysCommand(),
            new SynchronousRedisFlush(),
            new RedisCacheClearWithKeys(),
            new StreamOrderLost(),
            new LambdaWithoutRdsProxy(),
            new AnalyticsQueryOnWriter(),
            // Applied by the engine to the suppressions in source (dev.dbcheck.suppress), after every other rule.
            new SuppressionWithoutReason(),
            new UnknownRuleInSuppression(),
            new UnusedSuppression(),
    };

    private RuleRegistry() {}

    /** All rules, sorted by id. */
    public static List<Rule> all() {
        return Arrays.stream(ALL).sorted(Comparator.comparing(Rule::id)).toList();
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(ALL).filter(r -> r.id().equals(id)).findFirst();
    }

    /** The ids of every rule, sorted. */
    public static java.util.Set<String> ids() {
        return Arrays.stream(ALL).map(Rule::id).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Every rule option, once each, in rule order then declaration order. An option shared by several rules
     * must be the same declaration in each.
     */
    public static List<RuleMetadata.RuleOption<?>> options() {
        java.util.Map<String, RuleMetadata.RuleOption<?>> byName = new java.util.LinkedHashMap<>();
        for (Rule rule : all()) {
            for (RuleMetadata.RuleOption<?> o : rule.metadata().options()) {
                RuleMetadata.RuleOption<?> known = byName.putIfAbsent(o.name(), o);
                if (known != null && known != o) {
                    throw new IllegalStateException("option " + o.name() + " is declared twice, differently");
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /** The ids of the rules that read an option. */
    public static List<String> rulesReading(RuleMetadata.RuleOption<?> option) {
        return all().stream().filter(r -> r.metadata().options().contains(option)).map(Rule::id).toList();
    }

    /** The known rule ids, comma separated, for configuration errors. */
    public static String knownIds() {
        return all().stream().map(Rule::id).collect(Collectors.joining(", "));
    }
}
