package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabCodeQualityReportTest {

    @TempDir
    Path tempDir;

    private ReportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ReportFixture(tempDir);
    }

    private Path write(AnalysisResult result) throws IOException {
        Path file = tempDir.resolve("gl-" + System.nanoTime() + ".json");
        new GitLabCodeQualityReport().write(result, file);
        return file;
    }

    private JsonNode read(AnalysisResult result) throws IOException {
        return new ObjectMapper().readTree(write(result).toFile());
    }

    @Test
    void oneIssuePerFindingWithTheFieldsGitLabRequires() throws IOException {
        JsonNode issues = read(fixture.result());
        assertTrue(issues.isArray());
        assertEquals(6, issues.size(), issues.toString()); // 4 findings, then 2 processing errors
        for (JsonNode issue : issues) {
            for (String field : List.of("description", "check_name", "fingerprint", "severity")) {
                assertTrue(issue.path(field).isTextual() && !issue.path(field).asText().isBlank(),
                        field + " in " + issue);
            }
            assertTrue(issue.at("/location/path").isTextual(), issue.toString());
            assertTrue(issue.at("/location/lines/begin").asInt() >= 1, issue.toString());
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(issue.path("severity").asText()));
            assertTrue(issue.path("fingerprint").asText().matches("[0-9a-f]{32}"), issue.toString());
        }
    }

    @Test
    void findingsKeepRuleMessageSeverityAndRelativeSlashPaths() throws IOException {
        JsonNode issues = read(fixture.result());
        List<String> rows = new ArrayList<>();
        for (JsonNode issue : issues) {
            rows.add(issue.path("check_name").asText() + " " + issue.path("severity").asText() + " "
                    + issue.at("/location/path").asText() + ":" + issue.at("/location/lines/begin").asInt());
        }
        String outside = fixture.outside.toAbsolutePath().normalize().toString()
                .replace(fixture.outside.getFileSystem().getSeparator(), "/");
        List<String> expected = new ArrayList<>(List.of(
                "CacheAsideWithoutTtl info " + outside + ":2",
                "DynamoDbScan critical src/main/java/com/acme/OrderRepository.java:3",
                "DynamoDbScan critical src/main/java/com/acme/OrderRepository.java:5",
                "UnboundedConnectionPool major src/main/java/légacy code/Legacy.java:2"));
        // Findings keep the result's order (Finding.ORDER: by absolute path), so sort both sides alike.
        List<String> findingRows = new ArrayList<>(rows.subList(0, 4));
        findingRows.sort(null);
        expected.sort(null);
        assertEquals(expected, findingRows);
        assertEquals(List.of(
                "dbcheck-processing-error minor src/main/java/Broken.java:7",
                "dbcheck-processing-error minor src/main/resources/application.yml:1"), rows.subList(4, 6));

        JsonNode special = null;
        for (JsonNode issue : issues) {
            if (issue.path("check_name").asText().equals("UnboundedConnectionPool")) {
                special = issue;
            }
        }
        assertEquals(ReportFixture.SPECIAL_MESSAGE, special.path("description").asText());
        assertEquals("[\"Bug Risk\"]", special.path("categories").toString());
        String body = special.at("/content/body").asText();
        assertTrue(body.startsWith("An unbounded pool opens connections"), body);
        assertTrue(body.contains("\n\nGuide: "), body);
        assertFalse(body.contains("http"), "no invented address: " + body);
        assertEquals("File not fully analysed: Parse error: expected ';'", issues.get(4).path("description").asText());
    }

    @Test
    void severityMapping() {
        assertEquals("critical", GitLabCodeQualityReport.severity(Severity.ERROR));
        assertEquals("major", GitLabCodeQualityReport.severity(Severity.WARNING));
        assertEquals("info", GitLabCodeQualityReport.severity(Severity.INFO));
    }

    @Test
    void fingerprintsAreUniqueEvenForIdenticalLinesAndNeverTheRuleId() throws IOException {
        Path file = ReportFixture.write(fixture.baseDir.resolve("src/main/java/Twice.java"),
                "class Twice {",
                "  void a() {",
                "    table.scan(request);",
                "    table.scan(request);",
                "  }",
                "}");
        List<Finding> findings = new ArrayList<>(fixture.findings());
        findings.add(new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan", file, 3, 5, 3, 23));
        findings.add(new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan", file, 4, 5, 4, 23));
        // Another rule on the same line: a different issue.
        findings.add(new Finding("CacheAsideWithoutTtl", Family.CACHE_STAMPEDE, Severity.INFO, "Scan", file, 4, 5,
                4, 23));
        findings.sort(Finding.ORDER);
        JsonNode issues = read(fixture.result(findings));
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode issue : issues) {
            String fingerprint = issue.path("fingerprint").asText();
            assertTrue(fingerprints.add(fingerprint), "duplicate fingerprint " + fingerprint + " in " + issues);
            assertNotEquals(issue.path("check_name").asText(), fingerprint);
        }
        assertEquals(issues.size(), fingerprints.size());
    }

    @Test
    void fingerprintsSurviveLinesInsertedAbove() throws IOException {
        Set<String> before = fingerprints(read(fixture.result()));
        Files.writeString(fixture.repository, "// a new header comment\n\n" + Files.readString(fixture.repository));
        List<Finding> moved = new ArrayList<>();
        for (Finding f : fixture.findings()) {
            moved.add(f.file().equals(fixture.repository)
                    ? new Finding(f.ruleId(), f.family(), f.severity(), f.message(), f.file(), f.beginLine() + 2,
                            f.beginColumn(), f.endLine() + 2, f.endColumn())
                    : f);
        }
        assertEquals(before, fingerprints(read(fixture.result(moved))));
    }

    private static Set<String> fingerprints(JsonNode issues) {
        Set<String> set = new HashSet<>();
        issues.forEach(i -> set.add(i.path("fingerprint").asText()));
        return set;
    }

    @Test
    void utf8WithoutByteOrderMarkAndDeterministic() throws IOException {
        byte[] first = Files.readAllBytes(write(fixture.result()));
        byte[] second = Files.readAllBytes(write(fixture.result()));
        assertArrayEquals(first, second);
        assertEquals('[', first[0]);
        assertEquals('\n', first[first.length - 1]);
        assertFalse(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void noFindingsIsAnEmptyArray() throws IOException {
        AnalysisResult empty = new AnalysisResult(fixture.baseDir, List.of(ReportFixture.SCAN), List.of(), List.of(),
                1, 0);
        assertEquals("[ ]\n", Files.readString(write(empty)));
    }

    @Test
    void pathsRelativeToTheReactorRootWhenGiven() throws IOException {
        // The fixture's project lies in tempDir/project: relative to tempDir, paths gain "project/".
        Path file = tempDir.resolve("rooted.json");
        new GitLabCodeQualityReport().withPathsRelativeTo(tempDir).write(fixture.result(), file);
        JsonNode issues = new ObjectMapper().readTree(file.toFile());
        List<String> paths = new ArrayList<>();
        issues.forEach(i -> paths.add(i.at("/location/path").asText()));
        assertTrue(paths.contains("project/src/main/java/com/acme/OrderRepository.java"), paths.toString());
        assertTrue(paths.contains("generated/Gen.java"), paths.toString()); // outside the project, inside the root
        assertTrue(paths.contains("project/src/main/java/Broken.java"), paths.toString());
        // Other formats ignore the root.
        SarifReport sarif = new SarifReport(ReportFixture.VERSION);
        assertTrue(sarif.withPathsRelativeTo(tempDir) == sarif);
    }

    @Test
    void reportsWritesGitLabPathsRelativeToTheRootAndTheRestToTheProject() throws IOException {
        Path out = tempDir.resolve("out");
        List<Path> written = Reports.write(fixture.result(), List.of(ReportFormat.GITLAB, ReportFormat.SARIF), out,
                tempDir);
        JsonNode gitlab = new ObjectMapper().readTree(written.get(0).toFile());
        assertTrue(gitlab.toString().contains("\"project/src/main/java/com/acme/OrderRepository.java\""));
        JsonNode sarif = new ObjectMapper().readTree(written.get(1).toFile());
        assertTrue(sarif.toString().contains("\"src/main/java/com/acme/OrderRepository.java\""));
        assertFalse(sarif.toString().contains("project/src/main/java/com/acme/OrderRepository.java"));
    }
}
