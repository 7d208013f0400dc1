package dev.dbcheck.rules.analytics;

import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.rules.aurora.RdsEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readers a project configures, from its configuration files and code:
 * <ul>
 *   <li>an Aurora reader endpoint ({@code .cluster-ro-}, see {@link RdsEndpoints}) in a JDBC URL;
 *   <li>a data source named as a reader ({@code slave}, {@code slave_1}, {@code read}, {@code reader}, {@code replica},
 *       {@code readonly}, {@code ro}) with a URL, under {@code spring.datasource} (dynamic-datasource's
 *       {@code spring.datasource.dynamic.datasource.<name>.url}, a pool's {@code spring.datasource.druid.slave.url}),
 *       {@code quarkus.datasource} or Micronaut's {@code datasources}, unless its {@code enabled} is false;
 *   <li>read-only transactions routed to a reader: an {@code AbstractRoutingDataSource} whose
 *       {@code determineCurrentLookupKey} asks {@code TransactionSynchronizationManager.isCurrentTransactionReadOnly()},
 *       or the AWS Advanced JDBC Wrapper's {@code readWriteSplitting} plugin (domain-facts.md section 7);
 *   <li>ShardingSphere read/write splitting ({@code readwrite-splitting}, {@code replica-query}, {@code masterslave}
 *       rules), which sends every query outside a write transaction to the replicas by itself.
 * </ul>
 */
final class Readers {

    private Readers() {}

    /** How a reader is configured, which decides what routes to it. */
    enum Kind {
        /** An Aurora reader endpoint: the data source whose URL it is, or the switch naming that data source. */
        ENDPOINT,
        /** A data source named as a reader: a switch naming it, or a template qualified with its name. */
        DATASOURCE,
        /** Read-only transactions go to the reader. */
        READ_ONLY_ROUTING,
        /** Every read goes to a reader by itself (ShardingSphere read/write splitting): nothing runs on the writer. */
        AUTOMATIC
    }

    /**
     * A reader found.
     *
     * @param name what the finding calls it: the host, the data source's name, the routing class
     * @param dataSource the data source name a switch or qualifier uses for it ("" when none is known)
     */
    record Reader(String name, String dataSource, Kind kind) {}

    /** dynamic-datasource's default data source ({@code spring.datasource.dynamic.primary}). */
    record Primary(String name) {}

    /** A data source name that reads as a reader's: {@code slave}, {@code slave_1}, {@code read-db}, {@code replica}. */
    static final Pattern READER_NAME = Pattern.compile(
            "(?i)(?:slave|read|reader|replica|readonly|read-only|read_only|secondary)(?:[_-]?\\w*)?|ro(?:[_-]\\w*)?");

    /** A template or data-source field named for a reader: {@code readerJdbcTemplate}, {@code roJdbc}, {@code slaveDs}. */
    static final Pattern READER_RECEIVER = Pattern.compile(
            "(?i:slave|read|reader|replica|secondary)\\w*|ro[A-Z_]\\w*");

    /** A name that says writer: dynamic-datasource's default {@code master}, and its synonyms. */
    static final Pattern WRITER_NAME = Pattern.compile(
            "(?i)(?:master|primary|write|writer|main|default|rw|source)(?:[_-]?\\w*)?");

    private static final Pattern DATASOURCE_URL = Pattern.compile(
            "(?i)^(spring\\.datasource|quarkus\\.datasource|datasources)\\.(.+)\\.(url|jdbc-url|jdbcurl|jdbc\\.url)$");

    private static final Pattern SHARDING_SPLITTING = Pattern.compile(
            "(?i)^spring\\.shardingsphere\\..*(readwrite-splitting|readwritesplitting|replica-query|masterslave|master-slave)");

    /** A reader and where it was found. */
    record Found(Reader reader, int line, int column) {}

    /** The readers and the primary of one configuration file. */
    static List<Object> fromConfig(List<ConfigProperty> properties) {
        List<Object> out = new ArrayList<>();
        Map<String, String> byKey = new java.util.HashMap<>();
        for (ConfigProperty p : properties) {
            byKey.put(p.key().toLowerCase(Locale.ROOT), p.value() == null ? "" : p.value().strip());
        }
        for (ConfigProperty p : properties) {
            String key = p.key();
            String value = p.value() == null ? "" : p.value().strip();
            if (key.equalsIgnoreCase("spring.datasource.dynamic.primary") && !value.isEmpty()) {
                out.add(new Primary(value));
                continue;
            }
            if (SHARDING_SPLITTING.matcher(key).find() && !value.isEmpty()) {
                out.add(new Found(new Reader("ShardingSphere read/write splitting", "", Kind.AUTOMATIC), p.line(),
                        p.column()));
                continue;
            }
            if (value.isEmpty() || !value.toLowerCase(Locale.ROOT).contains("jdbc:") && !DATASOURCE_URL.matcher(key)
                    .matches()) {
                continue;
            }
            Matcher ds = DATASOURCE_URL.matcher(key);
            String dataSource = ds.matches() ? dataSourceName(ds.group(2)) : "";
            if (ds.matches() && isFalse(byKey.get((ds.group(1) + "." + ds.group(2) + ".enabled")
                    .toLowerCase(Locale.ROOT)))) {
                continue; // RuoYi's "slave: enabled: false"
            }
            Optional<Reader> reader = fromUrl(value, dataSource);
            if (reader.isEmpty() && !dataSource.isEmpty() && READER_NAME.matcher(dataSource).matches()) {
                reader = Optional.of(new Reader(dataSource, dataSource, Kind.DATASOURCE));
            }
            reader.ifPresent(r -> out.add(new Found(r, p.line(), p.column())));
        }
        return out;
    }

    /** A reader endpoint or the wrapper's read/write splitting in a JDBC URL (in configuration or code). */
    static Optional<Reader> fromUrl(String text, String dataSource) {
        if (text.contains("readWriteSplitting") && text.toLowerCase(Locale.ROOT).contains("jdbc:aws-wrapper:")) {
            return Optional.of(new Reader("readWriteSplitting (AWS JDBC Wrapper)", "", Kind.READ_ONLY_ROUTING));
        }
        if (!text.contains(".rds.amazonaws.com")) {
            return Optional.empty();
        }
        for (RdsEndpoints.Mention m : RdsEndpoints.find(text)) {
            if (m.kind() == RdsEndpoints.Kind.READER && !m.url().isEmpty()) {
                return Optional.of(new Reader(m.host(), dataSource, Kind.ENDPOINT));
            }
        }
        return Optional.empty();
    }

    /** The data source's name: the last segment of the middle of its key ({@code dynamic.datasource.slave_1}). */
    private static String dataSourceName(String middle) {
        String[] parts = middle.split("\\.");
        String last = parts[parts.length - 1];
        return last.equalsIgnoreCase("jdbc") && parts.length > 1 ? parts[parts.length - 2] : last;
    }

    private static boolean isFalse(String value) {
        return value != null && value.equalsIgnoreCase("false");
    }
}
