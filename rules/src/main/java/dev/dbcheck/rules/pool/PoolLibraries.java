package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What the connection-pool rules know about pool libraries in code, as tables: the setters that set a
 * pool's maximum, which values mean "no limit", the pools code creates, and each library's default maximum
 * (sources in {@code domain-facts.md} §4). Configuration keys are in {@link PoolKeys}.
 */
final class PoolLibraries {

    private PoolLibraries() {}

    /** A pool library and its default maximum number of connections. */
    enum Library {
        HIKARI("HikariCP", 10, true),
        DBCP2("Commons DBCP2", 8, true),
        DBCP1("Commons DBCP 1.x", 8, true),
        C3P0("c3p0", 15, true),
        TOMCAT("Tomcat JDBC", 100, true),
        DRUID("Druid", 8, true),
        VIBUR("Vibur DBCP", 100, true),
        AGROAL("Agroal", 20, true),
        R2DBC("R2DBC pool", 10, true),
        /** A pool under {@code spring.datasource.} whose library the key does not name. */
        JDBC_POOL("connection pool", 0, true),
        COMMONS_POOL2("commons-pool2", 8, false),
        REDISSON("Redisson", 64, false),
        SPRING_REDIS("Spring Data Redis pool", 8, false);

        final String displayName;
        final int defaultMax;
        /** Whether the pool's connections go to the relational database (and so count against max_connections). */
        final boolean database;

        Library(String displayName, int defaultMax, boolean database) {
            this.displayName = displayName;
            this.defaultMax = defaultMax;
            this.database = database;
        }
    }

    static final LongPredicate NEVER = n -> false;
    static final LongPredicate NEGATIVE = n -> n < 0;
    static final LongPredicate NOT_POSITIVE = n -> n <= 0;

    /** A Java setter of a pool's maximum. */
    record SizeSetter(MethodMatcher matcher, Library library, String owner, LongPredicate unlimited,
            boolean checkedForSize) {}

    /** Setters of a pool maximum, by library. {@code checkedForSize} marks those OversizedConnectionPool reads. */
    static final List<SizeSetter> SETTERS = List.of(
            new SizeSetter(setter("setMaximumPoolSize", "com.zaxxer.hikari.HikariConfig"), Library.HIKARI,
                    "HikariConfig", NEVER, true),
            new SizeSetter(setter("setMaxTotal", "org.apache.commons.dbcp2.BasicDataSource"), Library.DBCP2,
                    "BasicDataSource", NEGATIVE, true),
            new SizeSetter(setter("setMaxActive", "org.apache.commons.dbcp.BasicDataSource"), Library.DBCP1,
                    "BasicDataSource", NOT_POSITIVE, true),
            new SizeSetter(setter("setMaxPoolSize", "com.mchange.v2.c3p0.AbstractComboPooledDataSource"),
                    Library.C3P0, "ComboPooledDataSource", NEVER, true),
            new SizeSetter(setter("setMaxActive", "org.apache.tomcat.jdbc.pool.PoolConfiguration"), Library.TOMCAT,
                    "PoolProperties", NEVER, true),
            new SizeSetter(setter("setMaxActive", "com.alibaba.druid.pool.DruidAbstractDataSource"), Library.DRUID,
                    "DruidDataSource", NEVER, true),
            new SizeSetter(setter("setPoolMaxSize", "org.vibur.dbcp.ViburConfig"), Library.VIBUR,
                    "ViburDBCPDataSource", NEVER, true),
            new SizeSetter(setter("maxSize", "io.r2dbc.pool.ConnectionPoolConfiguration.Builder"), Library.R2DBC,
                    "ConnectionPoolConfiguration.Builder", NEVER, true),
            new SizeSetter(setter("setMaxTotal", "org.apache.commons.pool2.impl.GenericObjectPoolConfig",
                    "org.apache.commons.pool2.impl.GenericObjectPool"), Library.COMMONS_POOL2, "GenericObjectPoolConfig",
                    NEGATIVE, false),
            // Redisson's pools have no "no limit" value; known here so that messages quote what the code sets.
            new SizeSetter(setter("setConnectionPoolSize", "org.redisson.config.SingleServerConfig"),
                    Library.REDISSON, "SingleServerConfig", NEVER, false),
            new SizeSetter(setter("setMasterConnectionPoolSize", "org.redisson.config.BaseMasterSlaveServersConfig"),
                    Library.REDISSON, "BaseMasterSlaveServersConfig", NEVER, false),
            new SizeSetter(setter("setSlaveConnectionPoolSize", "org.redisson.config.BaseMasterSlaveServersConfig"),
                    Library.REDISSON, "BaseMasterSlaveServersConfig", NEVER, false));

    private static MethodMatcher setter(String name, String... owners) {
        return MethodMatcher.instanceMethod().onSubtypeOf(owners).named(name).withArgumentCount(1);
    }

    /** Every setter name in {@link #SETTERS}, to filter calls before resolving types. */
    static final Set<String> SETTER_NAMES = Set.of("setMaximumPoolSize", "setMaxTotal", "setMaxActive",
            "setMaxPoolSize", "setPoolMaxSize", "maxSize", "setConnectionPoolSize", "setMasterConnectionPoolSize",
            "setSlaveConnectionPoolSize");

    static Optional<SizeSetter> setterOf(MethodCallExpr call, TypeResolver types) {
        if (!SETTER_NAMES.contains(call.getNameAsString())) {
            return Optional.empty();
        }
        for (SizeSetter s : SETTERS) {
            if (s.matcher().matches(call, types)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Pools created in code with no arguments: their default maximum applies unless a size setter is called. */
    static final Map<String, Library> CONSTRUCTED_POOLS = Map.of(
            "com.zaxxer.hikari.HikariConfig", Library.HIKARI,
            "com.zaxxer.hikari.HikariDataSource", Library.HIKARI,
            "org.apache.commons.dbcp2.BasicDataSource", Library.DBCP2,
            "org.apache.commons.dbcp.BasicDataSource", Library.DBCP1,
            "com.mchange.v2.c3p0.ComboPooledDataSource", Library.C3P0,
            "org.apache.tomcat.jdbc.pool.PoolProperties", Library.TOMCAT,
            "org.apache.tomcat.jdbc.pool.DataSource", Library.TOMCAT,
            "com.alibaba.druid.pool.DruidDataSource", Library.DRUID,
            "org.vibur.dbcp.ViburDBCPDataSource", Library.VIBUR);

    /** Redis clients that own a commons-pool2 pool (one per node for a cluster), created with {@code new}. */
    static final Map<String, Library> REDIS_POOLS = Map.of(
            "redis.clients.jedis.JedisPool", Library.COMMONS_POOL2,
            "redis.clients.jedis.JedisPooled", Library.COMMONS_POOL2,
            "redis.clients.jedis.JedisSentinelPool", Library.COMMONS_POOL2,
            "redis.clients.jedis.JedisCluster", Library.COMMONS_POOL2);

    private static final MethodMatcher REDISSON_CREATE = MethodMatcher.staticMethod()
            .onSubtypeOf("org.redisson.Redisson").named("create");

    /**
     * The library of a Redis client with its own pool that this expression creates: a Jedis pool or cluster
     * ({@code new JedisSentinelPool(..)}), or a Redisson client ({@code Redisson.create(config)}).
     */
    static Optional<Library> createdRedisPool(com.github.javaparser.ast.expr.Expression e, TypeResolver types) {
        if (e instanceof ObjectCreationExpr creation) {
            return types.resolve(creation.getType()).map(REDIS_POOLS::get);
        }
        return e instanceof MethodCallExpr call && REDISSON_CREATE.matches(call, types)
                ? Optional.of(Library.REDISSON) : Optional.empty();
    }

    /** The library of a pool (or pool configuration) constructed here, by the constructed type. */
    static Optional<Library> constructedPool(ObjectCreationExpr creation, TypeResolver types) {
        String simple = creation.getType().getNameAsString();
        if (!simple.endsWith("DataSource") && !simple.endsWith("Config") && !simple.endsWith("Properties")) {
            return Optional.empty();
        }
        return types.resolve(creation.getType()).map(CONSTRUCTED_POOLS::get);
    }
}
