package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.testing.Mutator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sample of the benchmark's mutation run (bench module): damaged variants of the rule fixtures,
 * analysed with every rule. Nothing may escape as an exception; damage shows up as processing errors, and
 * no rule may fail on any variant.
 */
class RobustnessTest {

    @TempDir
    Path dir;

    @Test
    void damagedAndPathologicalFilesNeverBreakTheAnalysis() throws IOException, URISyntaxException {
        Path fixtures = Path.of(RobustnessTest.class.getResource("/fixtures").toURI());
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(fixtures)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Mutator mutator = new Mutator(42);
        int n = 0;
        for (Path source : sources) {
            for (Mutator.Variant v : mutator.variantsOf(Files.readString(source))) {
                write("v" + (n++) + "/" + v.kind() + "/" + source.getFileName(), v.content());
            }
        }
        write("gen/Huge.java", Mutator.hugeFile(5_000).content());
        write("gen/Deep.java", Mutator.deepNesting(3_000).content());
        int files = n + 2;

        AnalysisResult result = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> new Analyzer().analyze(
                AnalysisRequest.builder(dir).javaRoot(dir).rules(RuleRegistry.all()).build()));
        assertEquals(files, result.javaFiles());
        List<ProcessingError> ruleFailures = result.processingErrors().stream()
                .filter(e -> e.reason().startsWith("Rule ")).toList();
        assertEquals(List.of(), ruleFailures);
        assertTrue(result.processingErrors().stream().allMatch(e -> !e.reason().isBlank()));
    }

    private void write(String rel, byte[] content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }
}
