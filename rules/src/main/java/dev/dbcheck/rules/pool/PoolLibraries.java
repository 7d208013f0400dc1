package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.RelaxedNames;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What the connection-pool rules know about pool libraries, as tables: the setters and configuration keys
 * that set a pool's maximum, which values mean "no limit", and each library's default maximum (sources in
 * {@code domain-facts.md} §4).
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

    private static final LongPredicate NEVER = n -> false;
    private static final LongPredicate NEGATIVE = n -> n < 0;
    private static final LongPredicate NOT_POSITIVE = n -> n <= 0;

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

    /**
     * A configuration key that sets a pool maximum.
     *
     * @param pattern canonical key ({@link RelaxedNames}), {@code *} for one segment such as a data source name
     * @param groupSegments how many leading segments name the data source (the same pool across profiles)
     * @param checkedForSize whether OversizedConnectionPool reads it
     */
    record SizeKey(String pattern, Library library, int groupSegments, LongPredicate unlimited,
            boolean checkedForSize) {
        /** The data source the key belongs to. */
        String group(ConfigProperty p) {
            return PoolLibraries.group(p, groupSegments);
        }
    }

    static final List<SizeKey> SIZE_KEYS = List.of(
            new SizeKey("spring.datasource.hikari.maximumpoolsize", Library.HIKARI, 2, NEVER, true),
            new SizeKey("spring.datasource.tomcat.maxactive", Library.TOMCAT, 2, NEVER, true),
            new SizeKey("spring.datasource.dbcp2.maxtotal", Library.DBCP2, 2, NEGATIVE, true),
            new SizeKey("spring.datasource.druid.maxactive", Library.DRUID, 2, NEVER, true),
            new SizeKey("quarkus.datasource.jdbc.maxsize", Library.AGROAL, 2, NEVER, true),
            new SizeKey("quarkus.datasource.*.jdbc.maxsize", Library.AGROAL, 3, NEVER, true),
            new SizeKey("datasources.*.maximumpoolsize", Library.HIKARI, 2, NEVER, true),
            new SizeKey("spring.r2dbc.pool.maxsize", Library.R2DBC, 2, NEVER, true),
            new SizeKey("spring.data.redis.jedis.pool.maxactive", Library.SPRING_REDIS, 5, NEGATIVE, false),
            new SizeKey("spring.data.redis.lettuce.pool.maxactive", Library.SPRING_REDIS, 5, NEGATIVE, false),
            new SizeKey("spring.redis.jedis.pool.maxactive", Library.SPRING_REDIS, 4, NEGATIVE, false),
            new SizeKey("spring.redis.lettuce.pool.maxactive", Library.SPRING_REDIS, 4, NEGATIVE, false));

    /**
     * A key whose presence declares a data source, whose pool then has its library's default maximum
     * unless a size key of the same data source says otherwise.
     */
    record PresenceKey(String pattern, Library library, int groupSegments) {}

    static final List<PresenceKey> PRESENCE_KEYS = List.of(
            new PresenceKey("spring.datasource.url", Library.HIKARI, 2),
            new PresenceKey("spring.datasource.jdbcurl", Library.HIKARI, 2),
            new PresenceKey("quarkus.datasource.jdbc.url", Library.AGROAL, 2),
            new PresenceKey("quarkus.datasource.*.jdbc.url", Library.AGROAL, 3),
            new PresenceKey("datasources.*.url", Library.HIKARI, 2),
            new PresenceKey("datasources.*.jdbcurl", Library.HIKARI, 2),
            new PresenceKey("spring.r2dbc.url", Library.R2DBC, 2));

    static Optional<SizeKey> sizeKeyOf(ConfigProperty p) {
        for (SizeKey k : SIZE_KEYS) {
            if (RelaxedNames.matches(p.canonicalKey(), k.pattern())) {
                return Optional.of(k);
            }
        }
        return datasourceMaximum(p);
    }

    /** Last segments (canonical) that name a pool's maximum in every library's configuration properties. */
    private static final Set<String> MAXIMUM_SEGMENTS = Set.of("maxactive", "maxtotal", "maximumpoolsize",
            "maxpoolsize");

    /** Segments that name the pool library of the keys under them, as Spring Boot and dynamic-datasource use them. */
    private static final Map<String, Library> LIBRARY_SEGMENTS = Map.of("hikari", Library.HIKARI, "druid",
            Library.DRUID, "dbcp2", Library.DBCP2, "tomcat", Library.TOMCAT, "oracleucp", Library.JDBC_POOL);

    /**
     * Any key under {@code spring.datasource.} whose last segment is a pool maximum: the data sources of
     * dynamic-datasource ({@code spring.datasource.dynamic.druid.max-active},
     * {@code spring.datasource.dynamic.datasource.orders.hikari.max-pool-size}), Druid's multi-data-source
     * keys and the like. The library is the nearest segment that names one; the data source is what precedes
     * the maximum, without a library segment right before it.
     */
    private static Optional<SizeKey> datasourceMaximum(ConfigProperty p) {
        List<String> s = RelaxedNames.segments(p.canonicalKey());
        if (s.size() < 3 || !s.get(0).equals("spring") || !s.get(1).equals("datasource")
                || !MAXIMUM_SEGMENTS.contains(s.get(s.size() - 1))) {
            return Optional.empty();
        }
        int group = s.size() - 1;
        Library library = Library.JDBC_POOL;
        for (int i = group - 1; i >= 2; i--) {
            if (LIBRARY_SEGMENTS.containsKey(s.get(i))) {
                library = LIBRARY_SEGMENTS.get(s.get(i));
                break;
            }
        }
        if (LIBRARY_SEGMENTS.containsKey(s.get(group - 1))) {
            group--; // spring.datasource.dynamic.druid.max-active belongs to spring.datasource.dynamic
        }
        LongPredicate unlimited = library == Library.DBCP2 ? NEGATIVE : NEVER;
        return Optional.of(new SizeKey(p.canonicalKey(), library, group, unlimited, true));
    }

    static Optional<PresenceKey> presenceKeyOf(ConfigProperty p) {
        for (PresenceKey k : PRESENCE_KEYS) {
            if (RelaxedNames.matches(p.canonicalKey(), k.pattern())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The data source a key belongs to: its first {@code segments} canonical segments. */
    static String group(ConfigProperty p, int segments) {
        List<String> s = RelaxedNames.segments(p.canonicalKey());
        return String.join(".", s.subList(0, Math.min(segments, s.size())));
    }

    /**
     * Spring Boot picks the pool from {@code spring.datasource.type} when it is set; the presence default
     * then belongs to that library.
     */
    static Optional<Library> springDataSourceType(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.startsWith("org.apache.tomcat.jdbc.pool.")) {
            return Optional.of(Library.TOMCAT);
        }
        if (v.startsWith("org.apache.commons.dbcp2.")) {
            return Optional.of(Library.DBCP2);
        }
        if (v.startsWith("com.alibaba.druid.")) {
            return Optional.of(Library.DRUID);
        }
        if (v.startsWith("com.zaxxer.hikari.")) {
            return Optional.of(Library.HIKARI);
        }
        return Optional.empty();
    }
}
