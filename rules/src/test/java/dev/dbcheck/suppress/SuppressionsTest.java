package dev.dbcheck.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.rules.suppression.SuppressionWithoutReason;
import dev.dbcheck.rules.suppression.UnknownRuleInSuppression;
import dev.dbcheck.rules.suppression.UnusedSuppression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine applies suppressions to every kind of finding: Java, resource (SQL, YAML, properties) and project
 * rules reporting into files no rule analysed, and keeps them correct for files that come from the cache.
 */
class SuppressionsTest {

    @TempDir
    Path dir;

    /** Flags every line holding "FLAG" in a resource file. */
    static final class FlaggedLine implements ResourceRule {
        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder("FlaggedLine").family(Family.DESTRUCTIVE_SQL).severity(Severity.WARNING)
                    .summary("A flagged line").explanation("Test rule: flags lines holding FLAG.")
                    .fix("Remove FLAG.").badExample("FLAG").goodExample("ok").build();
        }

        @Override
        public boolean appliesTo(ResourceFile file) {
            return true;
        }

        @Override
        public void analyze(ResourceFile file, ResourceContext context) {
            List<String> lines = file.lines();
            for (int i = 0; i < lines.size(); i++) {
                int at = lines.get(i).indexOf("FLAG");
                if (at >= 0) {
                    context.report(i + 1, at + 1, i + 1, at + 4, "flagged");
                }
            }
        }
    }

    /** Reports line 2 of config/limits.properties, a file no rule reads. */
    static final class ProjectFlag implements ProjectRule {
        private final Path target;

        ProjectFlag(Path target) {
            this.target = target;
        }

        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder("ProjectFlag").family(Family.CONNECTION_POOL).severity(Severity.WARNING)
                    .summary("A project finding").explanation("Test rule: reports a fixed place.")
                    .fix("None.").badExample("x").goodExample("y").build();
        }

        @Override
        public void finish(ProjectContext context) {
            context.report(target, 2, 1, 2, 5, "project finding");
        }
    }

    private void write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private AnalysisResult analyze(Path cache, List<String> log) {
        List<Rule> rules = List.of(new FlaggedLine(), new ProjectFlag(dir.resolve("config/limits.properties")),
                new DynamoDbScan(), new SuppressionWithoutReason(), new UnusedSuppression(),
                new UnknownRuleInSuppression());
        return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src/main/java"))
                .resourceRoot(dir.resolve("src/main/resources")).rules(rules).cacheFile(cache)
                .log(log::add).debugLog(log::add).build());
    }

    private static List<String> lines(AnalysisResult result, Path base) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(base.relativize(f.file()).toString().replace('\\', '/') + ":" + f.beginLine() + " " + f.ruleId());
        }
        for (SuppressedFinding s : result.suppressed()) {
            out.add(base.relativize(s.finding().file()).toString().replace('\\', '/') + ":" + s.finding().beginLine()
                    + " suppressed " + s.finding().ruleId() + " (" + s.justification() + ")");
        }
        return out;
    }

    @Test
    void appliesToResourceAndProjectFindingsAndSurvivesTheCache() throws IOException {
        write("src/main/resources/db/V1__init.sql", """
                -- dbcheck:ignore FlaggedLine: seed data for the test environment only
                DELETE FROM FLAG;
                DELETE FROM FLAG; -- dbcheck:ignore FlaggedLine
                SELECT '-- dbcheck:ignore FlaggedLine: in a string' FROM FLAG;
                """);
        write("src/main/resources/application.yml", """
                pool:
                  # dbcheck:ignore FlaggedLine: agreed with the DBA
                  size: FLAG
                  other: FLAG # dbcheck:ignore Flagedline: typo
                """);
        write("src/main/resources/app.properties", """
                # dbcheck:ignore FlaggedLine: nothing flagged below
                a=b
                """);
        write("config/limits.properties", """
                # dbcheck:ignore ProjectFlag: limits reviewed in the capacity plan
                max=FLAG
                """);
        write("src/main/java/p/Export.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class Export {
                    @SuppressWarnings("dbcheck:DynamoDbScan") // nightly export, off-peak
                    void all(DynamoDbClient dynamo) {
                        dynamo.scan(r -> r.tableName("orders"));
                    }
                }
                """);
        Path cache = dir.resolve("target/dbcheck/cache.json.gz");
        List<String> log = new ArrayList<>();
        AnalysisResult cold = analyze(cache, log);
        List<String> expected = List.of(
                "src/main/resources/app.properties:1 UnusedSuppression",
                "src/main/resources/application.yml:4 FlaggedLine",
                "src/main/resources/application.yml:4 UnknownRuleInSuppression",
                "src/main/resources/db/V1__init.sql:3 SuppressionWithoutReason",
                "src/main/resources/db/V1__init.sql:4 FlaggedLine",
                "config/limits.properties:2 suppressed ProjectFlag (limits reviewed in the capacity plan)",
                "src/main/java/p/Export.java:6 suppressed DynamoDbScan (nightly export, off-peak)",
                "src/main/resources/application.yml:3 suppressed FlaggedLine (agreed with the DBA)",
                "src/main/resources/db/V1__init.sql:2 suppressed FlaggedLine (seed data for the test environment only)",
                "src/main/resources/db/V1__init.sql:3 suppressed FlaggedLine (null)");
        assertEquals(expected, lines(cold, dir));
        AnalysisResult warm = analyze(cache, log);
        assertTrue(log.stream().anyMatch(l -> l.contains("4 of 4 files unchanged")), log.toString());
        assertEquals(cold.findings(), warm.findings());
        assertEquals(cold.suppressed(), warm.suppressed());
    }

    @Test
    void suppressedFindingsTakeTheirSeverityOverride() throws IOException {
        write("src/main/resources/V1.sql", "DELETE FROM FLAG; -- dbcheck:ignore FlaggedLine: test data\n");
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                .resourceRoot(dir.resolve("src/main/resources")).rules(List.of(new FlaggedLine()))
                .severity("FlaggedLine", Severity.ERROR).build());
        assertEquals(List.of(), result.findings());
        assertEquals(Severity.ERROR, result.suppressed().get(0).finding().severity());
    }
}
