package dev.dbcheck.rules.pool;

import dev.dbcheck.rule.RuleMetadata.RuleOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@code max_connections} of Aurora and RDS instances, as data: AWS's published values for
 * Aurora (from the Aurora User Guide tables; the r7g/r7i/r8g rows follow the r6g rows of the same memory)
 * and AWS's parameter-group formulas for RDS, evaluated on an estimate of {@code DBInstanceClassMemory}.
 * Sources and the derivation of each row: {@code domain-facts.md} §4.
 */
public final class AuroraMaxConnections {

    /** The database engines the budget knows, by the value of the {@code dbEngine} parameter. */
    public enum Engine {
        AURORA_POSTGRESQL("aurora-postgresql"),
        AURORA_MYSQL("aurora-mysql"),
        POSTGRES("postgres"),
        MYSQL("mysql");

        private final String id;

        Engine(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean aurora() {
            return this == AURORA_POSTGRESQL || this == AURORA_MYSQL;
        }
    }

    /**
     * The {@code dbEngine} option, declared once for every rule that reads it: the connection budget and
     * oversized pools (with {@code dbInstanceClass} it gives the default {@code max_connections}) and
     * {@code AuroraInstanceEndpoint} (whether the database is Aurora).
     */
    public static final RuleOption<Engine> DB_ENGINE = RuleOption.oneOf("dbEngine", engines(),
            "The database engine; with `dbInstanceClass` it gives the default `max_connections`, and it tells "
                    + "`AuroraInstanceEndpoint` whether the database is Aurora.");

    private static Map<String, Engine> engines() {
        Map<String, Engine> byId = new LinkedHashMap<>();
        for (Engine e : Engine.values()) {
            byId.put(e.id(), e);
        }
        return byId;
    }

    /**
     * An instance class.
     *
     * @param memoryGiB nominal memory
     * @param auroraMysql AWS's published Aurora MySQL default, or 0 when Aurora does not offer the class
     * @param auroraPostgres AWS's published Aurora PostgreSQL default, or 0 when Aurora does not offer the class
     */
    record InstanceClass(String name, int memoryGiB, int auroraMysql, int auroraPostgres) {}

    /** {@code DBInstanceClassMemory} per nominal GiB: the Aurora MySQL formula gives AWS's 1,000 per doubling with it. */
    static final long CLASS_MEMORY_PER_GIB = 8_187_281_408L / 8;

    private static final Map<String, InstanceClass> CLASSES = new LinkedHashMap<>();

    static {
        aurora("db.t3.medium", 4, 90, 420);
        aurora("db.t4g.medium", 4, 90, 405);
        aurora("db.t3.large", 8, 135, 844);
        aurora("db.t4g.large", 8, 135, 844);
        aurora("db.r5.large", 16, 1_000, 1_600);
        aurora("db.r5.xlarge", 32, 2_000, 3_300);
        aurora("db.r5.2xlarge", 64, 3_000, 5_000);
        aurora("db.r5.4xlarge", 128, 4_000, 5_000);
        aurora("db.r5.8xlarge", 256, 5_000, 5_000);
        aurora("db.r5.12xlarge", 384, 6_000, 5_000);
        aurora("db.r5.16xlarge", 512, 6_000, 5_000);
        aurora("db.r5.24xlarge", 768, 7_000, 5_000);
        for (String family : new String[] {"r6g", "r7g", "r7i", "r8g"}) {
            aurora("db." + family + ".large", 16, 1_000, 1_722);
            aurora("db." + family + ".xlarge", 32, 2_000, 3_479);
            aurora("db." + family + ".2xlarge", 64, 3_000, 5_000);
            aurora("db." + family + ".4xlarge", 128, 4_000, 5_000);
            aurora("db." + family + ".8xlarge", 256, 5_000, 5_000);
            aurora("db." + family + ".12xlarge", 384, 6_000, 5_000);
            aurora("db." + family + ".16xlarge", 512, 6_000, 5_000);
        }
        aurora("db.x2g.large", 32, 2_000, 3_479);
        // RDS-only classes (no Aurora value): the formulas apply.
        rds("db.t3.micro", 1);
        rds("db.t4g.micro", 1);
        rds("db.t3.small", 2);
        rds("db.t4g.small", 2);
        for (String family : new String[] {"m5", "m6g", "m6i", "m7g"}) {
            rds("db." + family + ".large", 8);
            rds("db." + family + ".xlarge", 16);
            rds("db." + family + ".2xlarge", 32);
            rds("db." + family + ".4xlarge", 64);
            rds("db." + family + ".8xlarge", 128);
            rds("db." + family + ".12xlarge", 192);
            rds("db." + family + ".16xlarge", 256);
        }
    }

    private static void aurora(String name, int gib, int mysql, int postgres) {
        CLASSES.put(name, new InstanceClass(name, gib, mysql, postgres));
    }

    private static void rds(String name, int gib) {
        CLASSES.put(name, new InstanceClass(name, gib, 0, 0));
    }

    private AuroraMaxConnections() {}

    /**
     * The default {@code max_connections} of an instance class on an engine.
     *
     * @throws IllegalArgumentException naming {@code dbInstanceClass} and the accepted classes for the engine
     */
    public static int defaultMaxConnections(Engine engine, String instanceClass) {
        InstanceClass c = find(instanceClass).filter(k -> !engine.aurora() || k.auroraMysql() > 0)
                .orElseThrow(() -> new dev.dbcheck.rule.RuleMetadata.InvalidOptionException("dbInstanceClass", instanceClass,
                        "for dbEngine " + engine.id(), String.join(", ", acceptedClasses(engine))
                        + " (for another class or Aurora Serverless v2, set maxConnections instead)"));
        return switch (engine) {
            case AURORA_MYSQL -> c.auroraMysql();
            case AURORA_POSTGRESQL -> c.auroraPostgres();
            case MYSQL -> rdsMysql(c.memoryGiB() * CLASS_MEMORY_PER_GIB);
            case POSTGRES -> rdsPostgres(c.memoryGiB() * CLASS_MEMORY_PER_GIB);
        };
    }

    static Optional<InstanceClass> find(String instanceClass) {
        return Optional.ofNullable(CLASSES.get(instanceClass.trim().toLowerCase(Locale.ROOT)));
    }

    /** The classes the engine accepts, in table order. */
    static java.util.List<String> acceptedClasses(Engine engine) {
        return CLASSES.values().stream().filter(c -> !engine.aurora() || c.auroraMysql() > 0)
                .map(InstanceClass::name).toList();
    }

    /** Aurora MySQL: {@code GREATEST(log2(mem/805306368)*45, log2(mem/8187281408)*1000)}. */
    static int auroraMysql(long classMemoryBytes) {
        double t = log2(classMemoryBytes / 805_306_368.0) * 45;
        double r = log2(classMemoryBytes / 8_187_281_408.0) * 1000;
        return (int) Math.round(Math.max(t, r));
    }

    /** Aurora PostgreSQL and RDS for PostgreSQL: {@code LEAST(mem/9531392, 5000)}. */
    static int auroraPostgres(long classMemoryBytes) {
        return (int) Math.min(classMemoryBytes / 9_531_392L, 5_000);
    }

    /** RDS for PostgreSQL uses the same formula as Aurora PostgreSQL. */
    static int rdsPostgres(long classMemoryBytes) {
        return auroraPostgres(classMemoryBytes);
    }

    /** RDS for MySQL and MariaDB: {@code mem/12582880}. */
    static int rdsMysql(long classMemoryBytes) {
        return (int) (classMemoryBytes / 12_582_880L);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
