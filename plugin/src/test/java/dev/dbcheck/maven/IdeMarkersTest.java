package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

class IdeMarkersTest {

    @TempDir
    Path dir;

    @Test
    void onlyAnIdeContextGetsMarkers() {
        assertTrue(IdeMarkers.isIde(new RecordingBuildContext()));
        // The command line's default context logs every message: the console lines already did.
        assertFalse(IdeMarkers.isIde(new DefaultBuildContext()));
        assertFalse(IdeMarkers.isIde(null));
    }

    @Test
    void clearsEveryFileUnderTheRootsThenMarksEachFindingAtItsSeverity() throws Exception {
        Path java = Files.createDirectories(dir.resolve("src/main/java/com/acme"));
        Path repo = Files.writeString(java.resolve("Repo.java"), "class Repo {}\n");
        Path clean = Files.writeString(java.resolve("Clean.java"), "class Clean {}\n");
        Files.writeString(java.resolve("notes.txt"), "not Java\n");
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Path yml = Files.writeString(resources.resolve("application.yml"), "a: 1\n");
        Path broken = dir.resolve("src/main/java/Broken.java");

        AnalysisResult result = new AnalysisResult(dir, List.of(), List.of(
                new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "scan", repo, 1, 5, 1, 9),
                new Finding("UnboundedPool", Family.CONNECTION_POOL, Severity.WARNING, "pool", yml, 1, 1, 1, 4),
                new Finding("NoTtl", Family.CACHE_STAMPEDE, Severity.INFO, "ttl", repo, 1, 1, 1, 2)),
                List.of(new ProcessingError(broken, 3, 7, "Parse error")), 3, 1);
        RecordingBuildContext context = new RecordingBuildContext();
        IdeMarkers.update(context, result, List.of(dir.resolve("src/main/java")), List.of(resources));

        // Java roots: .java files only (sorted); resource roots: every file; then files with results.
        assertEquals(List.of(clean.toString(), repo.toString(), yml.toString(), broken.toString()), context.removed);
        assertEquals(List.of(
                "ERROR " + repo + ":1:5 DynamoDbScan: scan",
                "WARNING " + yml + ":1:1 UnboundedPool: pool",
                "WARNING " + repo + ":1:1 (info) NoTtl: ttl",
                "WARNING " + broken + ":3:7 dbcheck processing error: Parse error"), context.added);
    }

    @Test
    void missingRootsAreSkipped() {
        AnalysisResult result = new AnalysisResult(dir, List.of(), List.of(), List.of(), 0, 0);
        RecordingBuildContext context = new RecordingBuildContext();
        IdeMarkers.update(context, result, List.of(dir.resolve("nope")), List.of(dir.resolve("none")));
        assertEquals(List.of(), context.removed);
        assertEquals(List.of(), context.added);
    }
}
