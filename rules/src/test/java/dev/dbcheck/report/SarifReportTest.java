package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.docs.RuleDocs;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.ToolVersion;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tempDir;

    private ReportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ReportFixture(tempDir);
    }

    private JsonNode sarif(AnalysisResult result) throws IOException {
        Path file = tempDir.resolve("out-" + System.nanoTime() + ".sarif");
        new SarifReport(ReportFixture.VERSION).write(result, file);
        return MAPPER.readTree(file.toFile());
    }

    private JsonNode run() throws IOException {
        return sarif(fixture.result()).get("runs").get(0);
    }

    @Test
    void topLevelNamesSchemaVersionAndOneRun() throws IOException {
        JsonNode log = sarif(fixture.result());
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asText());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(1, log.get("runs").size());
        assertEquals("utf16CodeUnits", log.get("runs").get(0).get("columnKind").asText());
    }

    @Test
    void driverDescribesDbcheck() throws IOException {
        JsonNode driver = run().get("tool").get("driver");
        assertEquals("dbcheck", driver.get("name").asText());
        assertEquals("1.2.3", driver.get("version").asText());
        assertEquals("1.2.3", driver.get("semanticVersion").asText());
        // No address until the project has a published home: an invented one would be a dead link.
        assertNull(driver.get("informationUri"));
        List<String> ids = new ArrayList<>();
        driver.get("rules").forEach(rule -> ids.add(rule.get("id").asText()));
        assertEquals(List.of("CacheAsideWithoutTtl", "DynamoDbScan", "UnboundedConnectionPool"), ids);
    }

    @Test
    void ruleEntryCarriesAllMetadata() throws IOException {
        JsonNode rule = run().get("tool").get("driver").get("rules").get(1);
        String expected = """
                {
                  "id": "DynamoDbScan",
                  "name": "DynamoDbScan",
                  "shortDescription": {"text": "DynamoDB Scan reads the whole table"},
                  "fullDescription": {"text": "A Scan reads every item and consumes capacity for all of them."},
                  "help": {"text": "%2$s", "markdown": "%3$s"},
                  "defaultConfiguration": {"level": "error"},
                  "properties": {
                    "tags": ["dynamodb-scan", "reliability"],
                    "precision": "high",
                    "problem.severity": "error"
                  }
                }
                """.formatted(Family.DYNAMODB_SCAN.guideSection(), "TEXT", "MARKDOWN");
        // help carries the rule's whole page (GitHub code scanning shows it beside each alert).
        RuleMetadata scan = fixture.result().rules().stream().filter(r -> r.id().equals("DynamoDbScan")).findFirst()
                .orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode want = (com.fasterxml.jackson.databind.node.ObjectNode)
                MAPPER.readTree(expected);
        want.putObject("help").put("text", RuleDocs.text(scan)).put("markdown", RuleDocs.markdown(scan));
        assertEquals(want, rule);
        assertTrue(rule.get("help").get("markdown").asText().contains("## How to fix it\n\nQuery by partition key"));
        assertTrue(rule.get("help").get("text").asText().contains("Flagged\n\n    table.scan();"));
    }

    @Test
    void severitiesMapToSarifLevelsAndGitHubProblemSeverities() throws IOException {
        JsonNode rules = run().get("tool").get("driver").get("rules");
        assertEquals("note", rules.get(0).get("defaultConfiguration").get("level").asText());
        assertEquals("recommendation", rules.get(0).get("properties").get("problem.severity").asText());
        assertEquals("error", rules.get(1).get("defaultConfiguration").get("level").asText());
        assertEquals("warning", rules.get(2).get("defaultConfiguration").get("level").asText());
        assertEquals("warning", rules.get(2).get("properties").get("problem.severity").asText());

        List<String> levels = new ArrayList<>();
        run().get("results").forEach(r -> levels.add(r.get("ruleId").asText() + "=" + r.get("level").asText()));
        assertEquals(List.of("CacheAsideWithoutTtl=note", "DynamoDbScan=error", "DynamoDbScan=error",
                "UnboundedConnectionPool=warning"), levels);
    }

    @Test
    void longExplanationIsCutTo1024CharactersInFullDescriptionOnly() throws IOException {
        String explanation = "x".repeat(1500);
        RuleMetadata verbose = RuleMetadata.builder("VerboseExplanation")
                .family(Family.DESTRUCTIVE_SQL)
                .severity(Severity.WARNING)
                .summary("s")
                .explanation(explanation)
                .fix("f")
                .badExample("b")
                .goodExample("g")
                .build();
        AnalysisResult result = new AnalysisResult(fixture.baseDir, List.of(verbose), List.of(), List.of(), 0, 0);
        JsonNode rule = sarif(result).get("runs").get(0).get("tool").get("driver").get("rules").get(0);
        String full = rule.get("fullDescription").get("text").asText();
        assertEquals(1024, full.length());
        assertEquals("x".repeat(1023) + "…", full);
        assertTrue(rule.get("help").get("text").asText().contains("\n\n" + explanation + "\n\n"));
    }

    @Test
    void resultPointsAtRelativeUriWithExclusiveEndColumn() throws IOException {
        JsonNode result = run().get("results").get(1);
        String expected = """
                {
                  "ruleId": "DynamoDbScan",
                  "ruleIndex": 1,
                  "level": "error",
                  "message": {"text": "Scan in all()"},
                  "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "src/main/java/com/acme/OrderRepository.java", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 37}
                  }}],
                  "partialFingerprints": {"primaryLocationLineHash": "FINGERPRINT"}
                }
                """.replace("FINGERPRINT", result.get("partialFingerprints").get("primaryLocationLineHash").asText());
        assertEquals(MAPPER.readTree(expected), result);
    }

    @Test
    void pathWithSpaceAndAccentIsPercentEncodedAndMessageKeptVerbatim() throws IOException {
        JsonNode result = run().get("results").get(3);
        assertEquals("UnboundedConnectionPool", result.get("ruleId").asText());
        assertEquals(2, result.get("ruleIndex").asInt());
        JsonNode artifact = result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals("src/main/java/l%C3%A9gacy%20code/Legacy.java", artifact.get("uri").asText());
        assertEquals("%SRCROOT%", artifact.get("uriBaseId").asText());
        assertEquals(ReportFixture.SPECIAL_MESSAGE, result.get("message").get("text").asText());
    }

    @Test
    void fileOutsideBaseDirGetsAbsoluteFileUriWithoutBaseId() throws IOException {
        JsonNode result = run().get("results").get(0);
        assertEquals("CacheAsideWithoutTtl", result.get("ruleId").asText());
        JsonNode artifact = result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals(fixture.outside.toUri().toString(), artifact.get("uri").asText());
        assertTrue(artifact.get("uri").asText().startsWith("file:///"));
        assertFalse(artifact.has("uriBaseId"));
    }

    @Test
    void srcRootIsTheBaseDirectoryWithTrailingSlash() throws IOException {
        String uri = run().get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText();
        assertEquals(fixture.baseDir.toUri().toString(), uri);
        assertTrue(uri.startsWith("file:///") && uri.endsWith("/project/"), uri);
    }

    @Test
    void processingErrorsBecomeToolExecutionNotifications() throws IOException {
        JsonNode invocations = run().get("invocations");
        assertEquals(1, invocations.size());
        String expected = """
                {
                  "executionSuccessful": true,
                  "toolExecutionNotifications": [
                    {
                      "level": "warning",
                      "message": {"text": "Parse error: expected ';'"},
                      "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": "src/main/java/Broken.java", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 7, "startColumn": 12}
                      }}],
                      "descriptor": {"id": "processing-error"}
                    },
                    {
                      "level": "warning",
                      "message": {"text": "Cannot read YAML: not UTF-8"},
                      "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": "src/main/resources/application.yml", "uriBaseId": "%SRCROOT%"}
                      }}],
                      "descriptor": {"id": "processing-error"}
                    }
                  ]
                }
                """;
        assertEquals(MAPPER.readTree(expected), invocations.get(0));
    }

    @Test
    void identicalFlaggedLinesShareAHashAndAreNumberedByOccurrence() throws IOException {
        JsonNode results = run().get("results");
        String first = results.get(1).get("partialFingerprints").get("primaryLocationLineHash").asText();
        String second = results.get(2).get("partialFingerprints").get("primaryLocationLineHash").asText();
        // "    void all() { table.scan(request); }" and "        table.scan(request);" differ in text.
        assertNotEquals(first.substring(0, 16), second.substring(0, 16));
        assertTrue(first.matches("[0-9a-f]{16}:1"), first);
        assertTrue(second.matches("[0-9a-f]{16}:1"), second);

        ReportFixture.write(fixture.repository,
                "class OrderRepository {",
                "    void a() {",
                "        table.scan(request);",
                "        table.scan(request);",
                "    }",
                "}");
        List<Finding> findings = List.of(
                new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan in a()", fixture.repository,
                        3, 9, 3, 27),
                new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "Scan in a()", fixture.repository,
                        4, 9, 4, 27));
        JsonNode dup = sarif(fixture.result(findings)).get("runs").get(0).get("results");
        String one = dup.get(0).get("partialFingerprints").get("primaryLocationLineHash").asText();
        String two = dup.get(1).get("partialFingerprints").get("primaryLocationLineHash").asText();
        assertEquals(one.substring(0, 16) + ":2", two);
        assertTrue(one.endsWith(":1"), one);
    }

    @Test
    void fingerprintSurvivesLinesInsertedAboveTheFinding() throws IOException {
        String before = run().get("results").get(1).get("partialFingerprints").get("primaryLocationLineHash")
                .asText();
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture.repository));
        lines.addAll(1, List.of("import a.B;", "", "// a comment"));
        Files.write(fixture.repository, lines);
        List<Finding> moved = new ArrayList<>();
        for (Finding f : fixture.findings()) {
            moved.add(f.file().equals(fixture.repository)
                    ? new Finding(f.ruleId(), f.family(), f.severity(), f.message(), f.file(), f.beginLine() + 3,
                            f.beginColumn(), f.endLine() + 3, f.endColumn())
                    : f);
        }
        JsonNode result = sarif(fixture.result(moved)).get("runs").get(0).get("results").get(1);
        assertEquals(6, result.get("locations").get(0).get("physicalLocation").get("region").get("startLine")
                .asInt());
        assertEquals(before, result.get("partialFingerprints").get("primaryLocationLineHash").asText());
    }

    @Test
    void aFindingsPathIsACodeFlowAndItsEvidenceAndHeadlineAreProperties() throws IOException {
        JsonNode results = sarif(fixture.result(fixture.findingsWithDetails())).get("runs").get(0).get("results");
        JsonNode detailed = null;
        for (JsonNode r : results) {
            if (r.get("message").get("text").asText().equals("Scan in again()")) {
                detailed = r;
            } else {
                assertNull(r.get("codeFlows"), "no path, no code flow: " + r);
                assertNull(r.get("properties"), "no details, no properties: " + r);
            }
        }
        JsonNode steps = detailed.get("codeFlows").get(0).get("threadFlows").get(0).get("locations");
        assertEquals(2, steps.size());
        assertEquals("GET /orders in Legacy.list", steps.get(0).get("location").get("message").get("text").asText());
        assertEquals("src/main/java/l%C3%A9gacy%20code/Legacy.java",
                steps.get(0).get("location").get("physicalLocation").get("artifactLocation").get("uri").asText());
        assertEquals(4, steps.get(1).get("location").get("physicalLocation").get("region").get("startLine").asInt());
        JsonNode properties = detailed.get("properties");
        assertEquals("scan() reads every item of \"orders\" on each GET /orders.", properties.get("headline").asText());
        assertEquals("GET /orders", properties.get("evidence").get("entryPoint").asText());
        assertEquals("shared", properties.get("evidence").get("keyKind").asText());
    }

    @Test
    void detailsAreValidAgainstTheSarif210Schema() throws IOException {
        Path file = tempDir.resolve("details.sarif");
        new SarifReport(ReportFixture.VERSION).write(fixture.result(fixture.findingsWithDetails()), file);
        assertEquals(List.of(), SarifSchema.validate(file));
    }

    @Test
    void validAgainstTheSarif210Schema() throws IOException {
        Path file = tempDir.resolve("dbcheck.sarif");
        new SarifReport(ReportFixture.VERSION).write(fixture.result(), file);
        assertEquals(List.of(), SarifSchema.validate(file));
    }

    @Test
    void theRealRuleTableAndRealFindingsAreValid() throws Exception {
        // Every registered rule (its page as help) and the findings and notes of every fixture, not a hand-built log.
        Path fixtures = Path.of(SarifReportTest.class.getResource("/fixtures").toURI());
        List<Path> roots;
        try (java.util.stream.Stream<Path> s = Files.list(fixtures)) {
            roots = s.filter(Files::isDirectory).sorted().toList();
        }
        AnalysisResult result = new dev.dbcheck.engine.Analyzer().analyze(dev.dbcheck.engine.AnalysisRequest
                .builder(fixtures).javaRoots(roots).resourceRoots(roots).rules(dev.dbcheck.rule.RuleRegistry.all())
                .build());
        assertTrue(result.findings().size() > 100 && !result.processingErrors().isEmpty(), result.findings().size()
                + " findings, " + result.processingErrors().size() + " notes");
        assertEquals(dev.dbcheck.rule.RuleRegistry.all().size(), result.rules().size());
        Path file = tempDir.resolve("real.sarif");
        new SarifReport().write(result, file);
        assertEquals(List.of(), SarifSchema.validate(file));
    }

    @Test
    void schemaValidationRejectsABrokenLog() throws IOException {
        // Guards the guard: a validator that accepts anything would make the test above pass vacuously.
        Path file = tempDir.resolve("broken.sarif");
        Files.writeString(file, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}");
        List<String> errors = SarifSchema.validate(file);
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("name"), errors.toString());
    }

    @Test
    void emptyResultIsValidToo() throws IOException {
        Path file = tempDir.resolve("empty.sarif");
        new SarifReport(ReportFixture.VERSION)
                .write(new AnalysisResult(fixture.baseDir, List.of(), List.of(), List.of(), 0, 0), file);
        assertEquals(List.of(), SarifSchema.validate(file));
        JsonNode run = MAPPER.readTree(file.toFile()).get("runs").get(0);
        assertEquals(0, run.get("results").size());
        assertEquals(0, run.get("tool").get("driver").get("rules").size());
    }

    @Test
    void findingOfARuleMissingFromTheTableHasNoRuleIndex() throws IOException {
        Finding stray = new Finding("NotInTable", Family.DESTRUCTIVE_SQL, Severity.WARNING, "m", fixture.repository,
                1, 1, 1, 5);
        Path file = tempDir.resolve("stray.sarif");
        new SarifReport(ReportFixture.VERSION).write(fixture.result(List.of(stray)), file);
        JsonNode result = MAPPER.readTree(file.toFile()).get("runs").get(0).get("results").get(0);
        assertEquals("NotInTable", result.get("ruleId").asText());
        assertFalse(result.has("ruleIndex"));
        assertEquals(List.of(), SarifSchema.validate(file));
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        Path first = tempDir.resolve("first.sarif");
        Path second = tempDir.resolve("second.sarif");
        new SarifReport(ReportFixture.VERSION).write(fixture.result(), first);
        new SarifReport(ReportFixture.VERSION).write(fixture.result(), second);
        assertEquals(-1, Files.mismatch(first, second));

        String text = Files.readString(first, StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "line endings must not depend on the platform");
        assertTrue(text.startsWith("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"), text);
        assertTrue(text.endsWith("}\n"));
        assertTrue(text.contains("naïve café 日本"), "non-ASCII is written as UTF-8, not escaped");
    }

    @Test
    void defaultConstructorStatesTheBuiltVersion() throws IOException {
        Path file = tempDir.resolve("default.sarif");
        new SarifReport().write(fixture.result(), file);
        JsonNode driver = MAPPER.readTree(file.toFile()).get("runs").get(0).get("tool").get("driver");
        assertEquals(ToolVersion.current(), driver.get("version").asText());
    }
}
