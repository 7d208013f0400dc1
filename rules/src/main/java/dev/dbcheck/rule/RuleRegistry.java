package dev.dbcheck.rule;

import dev.dbcheck.rules.cache.CacheableWithoutSync;
import dev.dbcheck.rules.cache.UnguardedCacheAside;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.rules.pool.ConnectionBudgetExceeded;
import dev.dbcheck.rules.pool.ConnectionPerRequest;
import dev.dbcheck.rules.pool.OversizedConnectionPool;
import dev.dbcheck.rules.pool.UnboundedConnectionPool;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every rule dbcheck ships, as one explicit list (no classpath scanning: what runs is what is written
 * here). A meta-test checks that each rule has valid metadata, a test and docs.
 */
public final class RuleRegistry {

    private static final List<Rule> ALL = List.of(
            new DynamoDbScan(),
            new ConnectionBudgetExceeded(),
            new ConnectionPerRequest(),
            new OversizedConnectionPool(),
            new UnboundedConnectionPool(),
            new UnguardedCacheAside(),
            new CacheableWithoutSync());

    private RuleRegistry() {}

    /** All rules, sorted by id. */
    public static List<Rule> all() {
        return ALL.stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The known rule ids, comma separated, for configuration errors. */
    public static String knownIds() {
        return all().stream().map(Rule::id).collect(Collectors.joining(", "));
    }
}
