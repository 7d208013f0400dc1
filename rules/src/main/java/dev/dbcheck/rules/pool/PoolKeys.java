package dev.dbcheck.rules.pool;

import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.RelaxedNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Configuration keys of pools, as tables: the keys that set a pool's maximum and which values mean "no
 * limit" there, the keys whose presence declares a data source with its library's default maximum, and the
 * data source each key belongs to. Keys are compared in relaxed-binding form ({@link RelaxedNames}).
 */
final class PoolKeys {

    private PoolKeys() {}

    /**
     * A configuration key that sets a pool maximum.
     *
     * @param pattern canonical key ({@link RelaxedNames}), {@code *} for one segment such as a data source name
     * @param groupSegments how many leading segments name the data source (the same pool across profiles)
     * @param checkedForSize whether OversizedConnectionPool reads it
     */
    record SizeKey(String pattern, PoolLibraries.Library library, int groupSegments, LongPredicate unlimited,
            boolean checkedForSize) {
        /** The data source the key belongs to. */
        String group(ConfigProperty p) {
            return PoolKeys.group(p, groupSegments);
        }
    }

    static final List<SizeKey> SIZE_KEYS = List.of(
            new SizeKey("spring.datasource.hikari.maximumpoolsize", PoolLibraries.Library.HIKARI, 2, PoolLibraries.NEVER, true),
            new SizeKey("spring.datasource.tomcat.maxactive", PoolLibraries.Library.TOMCAT, 2, PoolLibraries.NEVER, true),
            new SizeKey("spring.datasource.dbcp2.maxtotal", PoolLibraries.Library.DBCP2, 2, PoolLibraries.NEGATIVE, true),
            new SizeKey("spring.datasource.druid.maxactive", PoolLibraries.Library.DRUID, 2, PoolLibraries.NEVER, true),
            new SizeKey("quarkus.datasource.jdbc.maxsize", PoolLibraries.Library.AGROAL, 2, PoolLibraries.NEVER, true),
            new SizeKey("quarkus.datasource.*.jdbc.maxsize", PoolLibraries.Library.AGROAL, 3, PoolLibraries.NEVER, true),
            new SizeKey("datasources.*.maximumpoolsize", PoolLibraries.Library.HIKARI, 2, PoolLibraries.NEVER, true),
            new SizeKey("spring.r2dbc.pool.maxsize", PoolLibraries.Library.R2DBC, 2, PoolLibraries.NEVER, true),
            new SizeKey("spring.data.redis.jedis.pool.maxactive", PoolLibraries.Library.SPRING_REDIS, 5, PoolLibraries.NEGATIVE, false),
            new SizeKey("spring.data.redis.lettuce.pool.maxactive", PoolLibraries.Library.SPRING_REDIS, 5, PoolLibraries.NEGATIVE, false),
            new SizeKey("spring.redis.jedis.pool.maxactive", PoolLibraries.Library.SPRING_REDIS, 4, PoolLibraries.NEGATIVE, false),
            new SizeKey("spring.redis.lettuce.pool.maxactive", PoolLibraries.Library.SPRING_REDIS, 4, PoolLibraries.NEGATIVE, false));

    /**
     * A key whose presence declares a data source, whose pool then has its library's default maximum
     * unless a size key of the same data source says otherwise.
     */
    record PresenceKey(String pattern, PoolLibraries.Library library, int groupSegments) {}

    static final List<PresenceKey> PRESENCE_KEYS = List.of(
            new PresenceKey("spring.datasource.url", PoolLibraries.Library.HIKARI, 2),
            new PresenceKey("spring.datasource.jdbcurl", PoolLibraries.Library.HIKARI, 2),
            new PresenceKey("quarkus.datasource.jdbc.url", PoolLibraries.Library.AGROAL, 2),
            new PresenceKey("quarkus.datasource.*.jdbc.url", PoolLibraries.Library.AGROAL, 3),
            new PresenceKey("datasources.*.url", PoolLibraries.Library.HIKARI, 2),
            new PresenceKey("datasources.*.jdbcurl", PoolLibraries.Library.HIKARI, 2),
            new PresenceKey("spring.r2dbc.url", PoolLibraries.Library.R2DBC, 2));

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
    private static final Map<String, PoolLibraries.Library> LIBRARY_SEGMENTS = Map.of("hikari", PoolLibraries.Library.HIKARI, "druid",
            PoolLibraries.Library.DRUID, "dbcp2", PoolLibraries.Library.DBCP2, "tomcat", PoolLibraries.Library.TOMCAT, "oracleucp", PoolLibraries.Library.JDBC_POOL);

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
        PoolLibraries.Library library = PoolLibraries.Library.JDBC_POOL;
        for (int i = group - 1; i >= 2; i--) {
            if (LIBRARY_SEGMENTS.containsKey(s.get(i))) {
                library = LIBRARY_SEGMENTS.get(s.get(i));
                break;
            }
        }
        if (LIBRARY_SEGMENTS.containsKey(s.get(group - 1))) {
            group--; // spring.datasource.dynamic.druid.max-active belongs to spring.datasource.dynamic
        }
        LongPredicate unlimited = library == PoolLibraries.Library.DBCP2 ? PoolLibraries.NEGATIVE : PoolLibraries.NEVER;
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
    static Optional<PoolLibraries.Library> springDataSourceType(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.startsWith("org.apache.tomcat.jdbc.pool.")) {
            return Optional.of(PoolLibraries.Library.TOMCAT);
        }
        if (v.startsWith("org.apache.commons.dbcp2.")) {
            return Optional.of(PoolLibraries.Library.DBCP2);
        }
        if (v.startsWith("com.alibaba.druid.")) {
            return Optional.of(PoolLibraries.Library.DRUID);
        }
        if (v.startsWith("com.zaxxer.hikari.")) {
            return Optional.of(PoolLibraries.Library.HIKARI);
        }
        return Optional.empty();
    }
}
