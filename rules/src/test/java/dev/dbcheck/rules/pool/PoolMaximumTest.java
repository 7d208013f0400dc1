package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.testing.RuleTester;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the code says of a pool's maximum, which messages quote: set in code, the library's default, or unknown. */
class PoolMaximumTest {

    /** Reports the maximum of every pool or Redis client created, as messages would quote it. */
    static final class PoolMaximumProbe implements JavaRule.ObjectCreations, JavaRule.MethodCalls {
        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder("PoolMaximumProbe").family(Family.CONNECTION_POOL).severity(Severity.INFO)
                    .summary("probe").explanation("probe").fix("probe").badExample("x();").goodExample("y();")
                    .build();
        }

        @Override
        public void visitObjectCreation(ObjectCreationExpr creation, JavaContext context) {
            probe(creation, context);
        }

        @Override
        public void visitMethodCall(MethodCallExpr call, JavaContext context) {
            probe(call, context);
        }

        private void probe(Expression e, JavaContext context) {
            Optional<PoolLibraries.Library> library = PoolLibraries.createdRedisPool(e, context.types())
                    .or(() -> e instanceof ObjectCreationExpr c ? PoolLibraries.constructedPool(c, context.types())
                            .filter(l -> c.getType().getNameAsString().endsWith("DataSource")) : Optional.empty());
            library.ifPresent(l -> context.report(e, l.displayName + ": "
                    + PoolMaximum.of(e, l, context).describe()));
        }
    }

    @Test
    void quotesTheMaximumTheCodeSetsAndTheDefaultOnlyWhenNothingSetsOne() {
        RuleTester.of(new PoolMaximumProbe()).java("""
                package p;
                import com.zaxxer.hikari.HikariConfig;
                import com.zaxxer.hikari.HikariDataSource;
                import io.lettuce.core.RedisURI;
                import java.util.Set;
                import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
                import org.redisson.Redisson;
                import org.redisson.config.Config;
                import redis.clients.jedis.Connection;
                import redis.clients.jedis.HostAndPort;
                import redis.clients.jedis.Jedis;
                import redis.clients.jedis.JedisCluster;
                import redis.clients.jedis.JedisPool;
                import redis.clients.jedis.JedisPoolConfig;
                import redis.clients.jedis.JedisSentinelPool;

                class Clients {
                    private static final int SMALL = 1;
                    private final JedisPoolConfig shared = new JedisPoolConfig();

                    Clients() {
                        shared.setMaxTotal(SMALL);
                    }

                    JedisPool single() {
                        JedisPoolConfig config = new JedisPoolConfig();
                        config.setMaxTotal(8);
                        return new JedisPool(config, "cache", 6379); // expect: PoolMaximumProbe "commons-pool2: up to 8, set in code"
                    }

                    JedisPool fromTheField() {
                        return new JedisPool(shared, "cache", 6379); // expect: PoolMaximumProbe "up to 1, set in code"
                    }

                    JedisPool unconfigured() {
                        return new JedisPool("cache", 6379); // expect: PoolMaximumProbe "commons-pool2: up to 8 by default"
                    }

                    JedisSentinelPool sentinel(Set<String> sentinels) {
                        GenericObjectPoolConfig<Jedis> pool = new GenericObjectPoolConfig<>();
                        pool.setMaxTotal(24);
                        return new JedisSentinelPool("orders", sentinels, pool); // expect: PoolMaximumProbe "up to 24, set in code"
                    }

                    JedisCluster cluster(Set<HostAndPort> nodes, GenericObjectPoolConfig<Connection> given) {
                        return new JedisCluster(nodes, given); // expect: PoolMaximumProbe "up to the maximum its configuration sets"
                    }

                    JedisCluster computed(Set<HostAndPort> nodes, int size) {
                        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
                        pool.setMaxTotal(size);
                        return new JedisCluster(nodes, pool); // expect: PoolMaximumProbe "up to the maximum its configuration sets"
                    }

                    Object redisson() {
                        Config config = new Config();
                        config.useSingleServer().setAddress("redis://cache:6379").setConnectionPoolSize(16);
                        return Redisson.create(config); // expect: PoolMaximumProbe "Redisson: up to 16, set in code"
                    }

                    Object redissonCluster() {
                        Config config = new Config();
                        config.useClusterServers().addNodeAddress("redis://cache:6379");
                        return Redisson.create(config); // expect: PoolMaximumProbe "Redisson: up to 64 by default"
                    }

                    HikariDataSource hikari(String url) {
                        HikariConfig config = new HikariConfig();
                        config.setJdbcUrl(url);
                        config.setMaximumPoolSize(4);
                        return new HikariDataSource(config); // expect: PoolMaximumProbe "HikariCP: up to 4, set in code"
                    }

                    HikariDataSource hikariDefault() {
                        HikariDataSource ds = new HikariDataSource(); // expect: PoolMaximumProbe "HikariCP: up to 10 by default"
                        ds.setJdbcUrl("jdbc:postgresql://db/orders");
                        return ds;
                    }

                    /** Look-alikes: a setter on another variable does not size this pool. */
                    JedisPool otherVariable() {
                        JedisPoolConfig config = new JedisPoolConfig();
                        JedisPoolConfig unused = new JedisPoolConfig();
                        unused.setMaxTotal(2);
                        return new JedisPool(config, "cache", 6379); // expect: PoolMaximumProbe "up to 8 by default"
                    }
                }
                """).expectMarkedFindings();
    }
}
