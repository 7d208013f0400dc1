package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.BaselineEntry;
import dev.dbcheck.finding.BaselineOutcome;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.suppress.SuppressedFinding;
import dev.dbcheck.suppress.Suppression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressed and baselined findings in SARIF: still results, marked so viewers and GitHub treat them right. */
class SarifSuppressionsAndBaselineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tempDir;

    private ReportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ReportFixture(tempDir);
    }

    private JsonNode results(AnalysisResult result) throws IOException {
        Path file = tempDir.resolve("out-" + System.nanoTime() + ".sarif");
        new SarifReport(ReportFixture.VERSION).write(result, file);
        assertEquals(List.of(), SarifSchema.validate(file));
        return MAPPER.readTree(file.toFile()).get("runs").get(0).get("results");
    }

    private static List<String> describe(JsonNode results) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : results) {
            out.add(r.get("message").get("text").asText() + " | " + r.path("baselineState").asText("-") + " | "
                    + r.path("suppressions").toString());
        }
        return out;
    }

    @Test
    void suppressedFindingsAreResultsWithInSourceSuppressions() throws IOException {
        List<Finding> all = fixture.findings();
        Finding scanAll = all.stream().filter(f -> f.message().equals("Scan in all()")).findFirst().orElseThrow();
        Finding scanAgain = all.stream().filter(f -> f.message().equals("Scan in again()")).findFirst()
                .orElseThrow();
        List<Finding> active = new ArrayList<>(all);
        active.remove(scanAll);
        active.remove(scanAgain);
        AnalysisResult result = new AnalysisResult(fixture.baseDir, List.of(ReportFixture.SCAN), active, List.of(),
                1, 0, List.of(new SuppressedFinding(scanAll, Suppression.Kind.COMMENT, "nightly export"),
                        new SuppressedFinding(scanAgain, Suppression.Kind.ANNOTATION, null)), null);
        List<String> described = describe(results(result));
        assertEquals(List.of(
                "Scan in all() | - | [{\"kind\":\"inSource\",\"justification\":\"nightly export\"}]",
                "Scan in again() | - | [{\"kind\":\"inSource\"}]"),
                described.stream().filter(d -> d.startsWith("Scan in")).toList());
        assertEquals(4, described.size());
    }

    @Test
    void fingerprintsDoNotDependOnSuppressionOrBaseline() throws IOException {
        JsonNode plain = results(fixture.result());
        Finding first = fixture.findings().get(0);
        List<Finding> rest = fixture.findings().subList(1, 4);
        JsonNode suppressed = results(new AnalysisResult(fixture.baseDir, List.of(), rest, List.of(), 1, 0,
                List.of(new SuppressedFinding(first, Suppression.Kind.COMMENT, "why")), null));
        for (int i = 0; i < 4; i++) {
            assertEquals(plain.get(i).get("partialFingerprints"), suppressed.get(i).get("partialFingerprints"));
        }
    }

    @Test
    void withABaselineEveryResultHasABaselineState() throws IOException {
        List<Finding> all = fixture.findings();
        List<Finding> known = List.of(all.get(0), all.get(1));
        List<Finding> fresh = List.of(all.get(2), all.get(3));
        AnalysisResult result = fixture.result(fresh).withBaseline(fresh, new BaselineOutcome(
                fixture.baseDir.resolve("dbcheck-baseline.json"), known,
                List.of(new BaselineEntry("DynamoDbScan", "src/Gone.java", "table.scan();", 1, "gone"))));
        JsonNode results = results(result);
        List<String> states = new ArrayList<>();
        results.forEach(r -> states.add(r.get("message").get("text").asText() + ":" + r.get("baselineState").asText()));
        assertEquals(4, states.size(), "absent entries are not written as results");
        assertEquals(2, states.stream().filter(s -> s.endsWith(":unchanged")).count());
        assertEquals(2, states.stream().filter(s -> s.endsWith(":new")).count());
        for (String s : states) {
            boolean isKnown = known.stream().anyMatch(f -> s.startsWith(f.message() + ":"));
            assertEquals(isKnown ? "unchanged" : "new", s.substring(s.lastIndexOf(':') + 1), s);
        }
    }

    @Test
    void withoutABaselineThereIsNoBaselineState() throws IOException {
        for (JsonNode r : results(fixture.result())) {
            assertFalse(r.has("baselineState"));
            assertFalse(r.has("suppressions"));
        }
    }
}
