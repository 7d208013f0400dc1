package dev.dbcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.bench.Triage.Matching;
import dev.dbcheck.bench.Triage.Row;
import dev.dbcheck.bench.Triage.Verdict;
import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run's findings are paired with the committed triage. */
class TriageTest {

    private static Row finding(String path, int line, String rule) {
        return new Row("lib", path, line, rule, Severity.WARNING, "message");
    }

    private static Verdict verdict(String path, int line, String rule, String verdict) {
        return new Verdict("lib", path, line, rule, verdict, "reason");
    }

    @Test
    void sameFileRuleAndLineMatchesExactly() {
        Matching m = Triage.match(List.of(finding("A.java", 10, "R")), List.of(verdict("A.java", 10, "R", "TP")));
        assertEquals(1, m.matched().size());
        assertEquals(0, m.drifted());
        assertTrue(m.untriaged().isEmpty());
        assertTrue(m.disappeared().isEmpty());
    }

    @Test
    void aFewLinesOfDriftStillMatchButAreCounted() {
        Matching m = Triage.match(List.of(finding("A.java", 14, "R")), List.of(verdict("A.java", 10, "R", "FP")));
        assertEquals("FP", m.matched().get(finding("A.java", 14, "R")).verdict());
        assertEquals(1, m.drifted());
    }

    @Test
    void moreThanTheDriftIsANewFindingAndTheOldRowDisappears() {
        Matching m = Triage.match(List.of(finding("A.java", 10 + Triage.DRIFT + 1, "R")),
                List.of(verdict("A.java", 10, "R", "TP")));
        assertEquals(1, m.untriaged().size());
        assertEquals(1, m.disappeared().size());
    }

    @Test
    void anotherRuleOrFileNeverMatches() {
        Matching m = Triage.match(List.of(finding("A.java", 10, "R"), finding("B.java", 10, "S")),
                List.of(verdict("A.java", 10, "S", "TP"), verdict("A.java", 10, "T", "TP")));
        assertEquals(2, m.untriaged().size());
        assertEquals(2, m.disappeared().size());
    }

    @Test
    void oneRowCoversOneFindingOnlyAndExactMatchesGoFirst() {
        // Line 12 is exact for the second row; line 11 may only drift to the row at 10.
        Matching m = Triage.match(List.of(finding("A.java", 11, "R"), finding("A.java", 12, "R")),
                List.of(verdict("A.java", 10, "R", "TP"), verdict("A.java", 12, "R", "FP")));
        assertEquals("TP", m.matched().get(finding("A.java", 11, "R")).verdict());
        assertEquals("FP", m.matched().get(finding("A.java", 12, "R")).verdict());
        Matching twice = Triage.match(List.of(finding("A.java", 10, "R"), finding("A.java", 11, "R")),
                List.of(verdict("A.java", 10, "R", "TP")));
        assertEquals(1, twice.untriaged().size());
    }

    @Test
    void triageRowsNeedAKnownVerdictAndAReason(@TempDir Path dir) throws IOException {
        Path header = Files.writeString(dir.resolve("ok.tsv"),
                "# comment\nartifact\tpath\tline\trule\tverdict\treason\nlib\tA.java\t3\tR\tintentional\tbackfill\n");
        assertEquals(List.of(new Verdict("lib", "A.java", 3, "R", "intentional", "backfill")),
                Triage.readTriage(header));
        Path unknown = Files.writeString(dir.resolve("unknown.tsv"), "lib\tA.java\t3\tR\tmaybe\twho knows\n");
        assertThrows(IllegalArgumentException.class, () -> Triage.readTriage(unknown));
        Path pasted = Files.writeString(dir.resolve("pasted.tsv"), "lib\tA.java\t3\tR\t\t\n");
        assertThrows(IllegalArgumentException.class, () -> Triage.readTriage(pasted));
        Path noReason = Files.writeString(dir.resolve("noreason.tsv"), "lib\tA.java\t3\tR\tTP\t \n");
        assertThrows(IllegalArgumentException.class, () -> Triage.readTriage(noReason));
    }

    @Test
    void theOlderVerdictNamesMeanTheCurrentOnes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "app\tpath\tline\trule\tverdict\treason\n"
                + "a\tA.java\t1\tR\tTP\tr\na\tA.java\t2\tR\tFP\tr\na\tA.java\t3\tR\tintentional\tr\n"
                + "a\tA.java\t4\tR\tdebatable\tr\na\tA.java\t5\tR\tduplicate\tr\n");
        assertEquals(List.of("right", "wrong", "deliberate", "debatable", "duplicate"),
                Triage.readTriage(file).stream().map(Verdict::kind).toList());
    }
}
