package dev.dbcheck.finding;

/**
 * The failure-mode families of the SRE guide. The id goes into SARIF rule tags and the docs; the guide
 * section is cited by title in every message and rule page.
 */
public enum Family {
    DYNAMODB_SCAN("dynamodb-scan", "DynamoDB: The Different Beast › The Access Pattern Constraint"),
    DYNAMODB_THROTTLING("dynamodb-throttling", "DynamoDB › The Reliability Profile › Throughput mode matters"),
    DYNAMODB_HOT_PARTITION("dynamodb-hot-partition", "DynamoDB › Hot partitions are the silent reliability killer"),
    CONNECTION_POOL("connection-pool",
            "Aurora: The Workhorse › Operational Patterns › Connection pooling is not optional at scale"),
    CACHE_STAMPEDE("cache-stampede",
            "ElastiCache: The Supporting Cast › The cache-aside pattern reliability considerations"),
    DESTRUCTIVE_SQL("destructive-sql", "Aurora › What Aurora does not protect against"),
    DYNAMODB_ACCESS_PATTERN("dynamodb-access-pattern",
            "DynamoDB: The Different Beast › The Access Pattern Constraint"),
    CACHE_EXPIRY("cache-expiry",
            "ElastiCache: The Supporting Cast › The cache-aside pattern reliability considerations"),
    AURORA_FAILOVER("aurora-failover", "Aurora: The Workhorse › The Reliability Profile › Failover time"),
    /** Commands that stall a Redis/Valkey node: the guide's ElastiCache section, not a failure mode it names. */
    CACHE_BLOCKING("cache-blocking", "ElastiCache: The Supporting Cast › The caching layer"),
    DYNAMODB_STREAMS("dynamodb-streams", "DynamoDB: The Different Beast › DynamoDB Streams for Change Data Capture"),
    AURORA_ANALYTICS("aurora-analytics", "Aurora: The Workhorse › Operational Patterns › Read replicas for query isolation"),
    /** dbcheck's own rules about suppressions: not a guide failure mode, but how findings stay reviewable. */
    SUPPRESSION("dbcheck-suppression", "dbcheck › Suppressions");

    private final String id;
    private final String guideSection;

    Family(String id, String guideSection) {
        this.id = id;
        this.guideSection = guideSection;
    }

    public String id() {
        return id;
    }

    /** The guide section, by title, that explains this failure mode. */
    public String guideSection() {
        return guideSection;
    }

    /** How every message cites the guide: {@code (guide: <short section>)}. */
    public String cite() {
        return "(guide: " + shortSection() + ")";
    }

    /** A citation that says what the section asks: {@code (guide: <short section>: <what>)}. */
    public String cite(String what) {
        return "(guide: " + shortSection() + ": " + what + ")";
    }

    /** The last segment of the section path: short enough for a message. */
    public String shortSection() {
        int i = guideSection.lastIndexOf('›');
        return i < 0 ? guideSection : guideSection.substring(i + 1).trim();
    }
}
