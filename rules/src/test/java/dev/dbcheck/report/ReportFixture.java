package dev.dbcheck.report;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built analysis of a small project on disk: three rules (one per severity), findings in a plain
 * file, in a folder whose name has a space and an accent, and outside the project, two identical flagged
 * lines, and two processing errors (one with a position, one without).
 */
final class ReportFixture {

    static final String VERSION = "1.2.3";

    static final RuleMetadata SCAN = RuleMetadata.builder("DynamoDbScan")
            .family(Family.DYNAMODB_SCAN)
            .severity(Severity.ERROR)
            .summary("DynamoDB Scan reads the whole table")
            .explanation("A Scan reads every item and consumes capacity for all of them.")
            .fix("Query by partition key instead.")
            .badExample("table.scan();")
            .goodExample("table.query(key);")
            .build();
    static final RuleMetadata POOL = RuleMetadata.builder("UnboundedConnectionPool")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.WARNING)
            .summary("Connection pool without a maximum size")
            .explanation("An unbounded pool opens connections until the database refuses them.")
            .fix("Set maximumPoolSize.")
            .badExample("new HikariConfig();")
            .goodExample("config.setMaximumPoolSize(10);")
            .build();
    static final RuleMetadata CACHE = RuleMetadata.builder("CacheAsideWithoutTtl")
            .family(Family.CACHE_STAMPEDE)
            .severity(Severity.INFO)
            .summary("Cache entry written without a TTL")
            .explanation("Entries without a TTL expire together on eviction and stampede the database.")
            .fix("Set a TTL with jitter.")
            .badExample("cache.set(k, v);")
            .goodExample("cache.set(k, v, ttl);")
            .build();

    static final String SPECIAL_MESSAGE = "Scan of \"orders\" <all items> & more — naïve café 日本";

    final Path root;
    final Path baseDir;
    final Path repository;
    final Path legacy;
    final Path outside;
    final Path broken;
    final Path config;

    ReportFixture(Path tempDir) throws IOException {
        root = tempDir;
        baseDir = Files.createDirectories(tempDir.resolve("project"));
        repository = write(baseDir.resolve("src/main/java/com/acme/OrderRepository.java"),
                "package com.acme;",
                "class OrderRepository {",
                "    void all() { table.scan(request); }",
                "    void again() {",
                "        table.scan(request);",
                "    }",
                "}");
        legacy = write(baseDir.resolve("src/main/java/légacy code/Legacy.java"),
                "class Legacy {",
                "  HikariConfig c = new HikariConfig();",
                "}");
        outside = write(tempDir.resolve("generated/Gen.java"),
                "class Gen {",
                "  void put() { cache.set(k, v); }",
                "}");
        broken = baseDir.resolve("src/main/java/Broken.java");
        config = baseDir.resolve("src/main/resources/application.yml");
    }

    static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>(List.of(
                new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan in all()", repository,
                        3, 18, 3, 36),
                new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan in again()", repository,
                        5, 9, 5, 27),
                new Finding("UnboundedConnectionPool", Family.CONNECTION_POOL, Severity.WARNING, SPECIAL_MESSAGE,
                        legacy, 2, 21, 2, 38),
                new Finding("CacheAsideWithoutTtl", Family.CACHE_STAMPEDE, Severity.INFO, "No TTL", outside,
                        2, 16, 2, 30)));
        findings.sort(Finding.ORDER);
        return findings;
    }

    /** The details the reports show for {@link #findingsWithDetails()}'s second scan: a path from a controller. */
    Details details() {
        return Details.headline("scan() reads every item of \"orders\" on each GET /orders.")
                .withEvidence("entryPoint", "GET /orders")
                .withEvidence("keyKind", "shared")
                .withStep(new Details.Step(legacy, 1, 1, "GET /orders in Legacy.list"))
                .withStep(new Details.Step(repository, 4, 5, "calls OrderRepository.again"));
    }

    /** {@link #findings()} with {@link #details()} on the scan in {@code again()}. */
    List<Finding> findingsWithDetails() {
        List<Finding> findings = new ArrayList<>();
        for (Finding f : findings()) {
            findings.add(f.message().equals("Scan in again()")
                    ? new Finding(f.ruleId(), f.family(), f.severity(), f.message(), f.file(), f.beginLine(),
                            f.beginColumn(), f.endLine(), f.endColumn(), details())
                    : f);
        }
        return findings;
    }

    List<ProcessingError> processingErrors() {
        return List.of(
                new ProcessingError(broken, 7, 12, "Parse error: expected ';'"),
                new ProcessingError(config, 0, 0, "Cannot read YAML: not UTF-8"));
    }

    AnalysisResult result() {
        return result(findings());
    }

    AnalysisResult result(List<Finding> findings) {
        return new AnalysisResult(baseDir, List.of(CACHE, SCAN, POOL), findings, processingErrors(), 3, 1);
    }
}
