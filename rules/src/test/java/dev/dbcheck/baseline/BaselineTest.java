package dev.dbcheck.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.BaselineEntry;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baseline matching: what survives edits, what counts as new, what is reported as fixed. */
class BaselineTest {

    private static final String REPO = """
            package p;
            import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
            class Repo {
                void all(DynamoDbClient dynamo) {
                    dynamo.scan(r -> r.tableName("orders"));
                }
                void audit(DynamoDbClient dynamo) {
                    dynamo.scan(r -> r.tableName("audit"));
                }
            }
            """;

    @TempDir
    Path dir;

    private Path write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private AnalysisResult analyze() {
        return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src/main/java"))
                .rules(List.of(new DynamoDbScan())).build());
    }

    /** Creates the baseline from the current sources, writes and reads it back (a full round trip). */
    private Baseline snapshot() throws IOException {
        Path file = dir.resolve(Baseline.FILE_NAME);
        Baseline.of(analyze()).write(file);
        return Baseline.read(file);
    }

    private AnalysisResult compare(Baseline baseline) {
        return baseline.apply(analyze(), dir.resolve(Baseline.FILE_NAME));
    }

    private static List<Integer> lines(List<Finding> findings) {
        return findings.stream().map(Finding::beginLine).toList();
    }

    @Test
    void unchangedCodeHasOnlyBaselinedFindings() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        AnalysisResult result = compare(snapshot());
        assertEquals(List.of(), result.findings());
        assertEquals(List.of(5, 8), lines(result.baselined()));
        assertEquals(List.of(), result.baseline().absent());
    }

    @Test
    void lineMovesAndUnrelatedEditsKeepTheMatchAndANewFindingIsNew() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        Baseline baseline = snapshot();
        write("src/main/java/p/Repo.java", REPO
                .replace("class Repo {", "/** Orders. */\nclass Repo {\n    private int unrelated = 1;\n")
                .replace("        dynamo.scan(r -> r.tableName(\"orders\"));",
                        "            dynamo.scan(r -> r.tableName(\"orders\"));   ") // re-indented
                .replace("    void audit(", "    void fresh(DynamoDbClient dynamo) {\n"
                        + "        dynamo.scan(r -> r.tableName(\"fresh\"));\n    }\n    void audit("));
        AnalysisResult result = compare(baseline);
        assertEquals(List.of(11), lines(result.findings()));
        assertEquals(List.of(8, 14), lines(result.baselined()));
    }

    @Test
    void editingTheFlaggedLineMakesItNewAndTheOldEntryFixed() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        Baseline baseline = snapshot();
        write("src/main/java/p/Repo.java", REPO.replace("tableName(\"orders\")", "tableName(\"orders-v2\")"));
        AnalysisResult result = compare(baseline);
        assertEquals(List.of(5), lines(result.findings()));
        assertEquals(1, result.baseline().absent().size());
        BaselineEntry fixed = result.baseline().absent().get(0);
        assertEquals("src/main/java/p/Repo.java", fixed.file());
        assertEquals("dynamo.scan(r -> r.tableName(\"orders\"));", fixed.text());
    }

    @Test
    void fixedFindingsAreReportedAsAbsentEntries() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        Baseline baseline = snapshot();
        write("src/main/java/p/Repo.java", REPO.replace("dynamo.scan(r -> r.tableName(\"audit\"));",
                "dynamo.query(r -> r.tableName(\"audit\"));"));
        AnalysisResult result = compare(baseline);
        assertEquals(List.of(), result.findings());
        assertEquals(List.of("dynamo.scan(r -> r.tableName(\"audit\"));"),
                result.baseline().absent().stream().map(BaselineEntry::text).toList());
    }

    @Test
    void renamedFileKeepsItsMatches() throws IOException {
        Path old = write("src/main/java/p/Repo.java", REPO);
        Baseline baseline = snapshot();
        Files.delete(old);
        write("src/main/java/p/OrderRepo.java", REPO.replace("class Repo", "class OrderRepo"));
        AnalysisResult result = compare(baseline);
        assertEquals(List.of(), result.findings());
        assertEquals(2, result.baselined().size());
        assertEquals(List.of(), result.baseline().absent());
    }

    @Test
    void aCopyIntoAnotherFileIsNewWhileTheOriginalStays() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        Baseline baseline = snapshot();
        write("src/main/java/p/Copy.java", REPO.replace("class Repo", "class Copy"));
        AnalysisResult result = compare(baseline);
        assertEquals(2, result.findings().size());
        assertTrue(result.findings().stream().allMatch(f -> f.file().endsWith("Copy.java")));
    }

    @Test
    void duplicatesOnIdenticalLinesAreCountedByOccurrence() throws IOException {
        String twice = REPO.replace("tableName(\"audit\")", "tableName(\"orders\")");
        write("src/main/java/p/Repo.java", twice);
        Baseline baseline = snapshot();
        assertEquals(List.of(1, 2), baseline.entries().stream().map(BaselineEntry::occurrence).toList());
        // A third identical scan: the first two match, the third is new.
        write("src/main/java/p/Repo.java", twice.replace("    void audit(", "    void third(DynamoDbClient dynamo) {\n"
                + "        dynamo.scan(r -> r.tableName(\"orders\"));\n    }\n    void audit("));
        AnalysisResult result = compare(baseline);
        assertEquals(List.of(11), lines(result.findings()));
        assertEquals(List.of(5, 8), lines(result.baselined()));
        // Back to one: one entry is reported as fixed.
        write("src/main/java/p/Repo.java", REPO);
        AnalysisResult fewer = compare(baseline);
        assertEquals(List.of(8), lines(fewer.findings()));
        assertEquals(1, fewer.baseline().absent().size());
        assertEquals(2, fewer.baseline().absent().get(0).occurrence());
    }

    @Test
    void fileIsSortedStableAndRelative() throws IOException {
        write("src/main/java/p/Repo.java", REPO);
        write("src/main/java/a/First.java", REPO.replace("package p;", "package a;").replace("class Repo",
                "class First"));
        Path file = dir.resolve(Baseline.FILE_NAME);
        Baseline.of(analyze()).write(file);
        String json = Files.readString(file);
        assertTrue(json.startsWith("""
                {
                  "version": 1,
                  "findings": [
                    {
                      "rule": "DynamoDbScan",
                      "file": "src/main/java/a/First.java",
                      "text": "dynamo.scan(r -> r.tableName(\\"audit\\"));",
                      "occurrence": 1,
                      "message": "scan() on table \\"audit\\" reads every item"""), json);
        assertTrue(json.endsWith("    }\n  ]\n}\n"), json);
        assertTrue(!json.contains(dir.toString()), "absolute paths leak into the baseline");
        Baseline.read(file).write(file);
        assertEquals(json, Files.readString(file));
    }

    @Test
    void aForeignFileIsRejectedWithAHint() throws IOException {
        Path file = write("dbcheck-baseline.json", "{\"version\": 7, \"findings\": []}");
        IOException e = assertThrows(IOException.class, () -> Baseline.read(file));
        assertTrue(e.getMessage().contains("mvn dbcheck:baseline"), e.getMessage());
        Path broken = write("broken.json", "{\"version\": 1, \"findings\": [");
        assertTrue(assertThrows(IOException.class, () -> Baseline.read(broken)).getMessage()
                .startsWith("not a readable dbcheck baseline"));
    }
}
