package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.testing.Mutator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sample of the benchmark's mutation run (bench module): damaged variants of every rule fixture, Java
 * and resources alike (SQL migrations, Liquibase and MyBatis XML, YAML, properties), analysed with every rule.
 * Nothing may escape as an exception; damage shows up as notes about the input, and no rule or engine failure
 * ({@link ProcessingError#internal()}) may happen on any variant.
 */
class RobustnessTest {

    @TempDir
    Path dir;

    @Test
    void damagedAndPathologicalFilesNeverBreakTheAnalysis() throws IOException, URISyntaxException {
        Path fixtures = Path.of(RobustnessTest.class.getResource("/fixtures").toURI());
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(fixtures)) {
            sources = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Mutator mutator = new Mutator(42);
        AnalysisRequest.Builder request = AnalysisRequest.builder(dir).javaRoot(dir.resolve("java"))
                .rules(RuleRegistry.all());
        int javaFiles = 0;
        int resourceFiles = 0;
        int n = 0;
        for (Path source : sources) {
            String rel = fixtures.relativize(source).toString().replace('\\', '/');
            rel = rel.substring(rel.indexOf('/') + 1);
            boolean java = rel.endsWith(".java");
            for (Mutator.Variant v : mutator.variantsOf(Files.readString(source))) {
                if (java) {
                    write("java/v" + n + "/" + v.kind() + "/" + source.getFileName(), v.content());
                    javaFiles++;
                } else {
                    // Each damaged resource keeps its path below its own root, so the rules that pick files by
                    // path (db/migration/, db/changelog/, application*.yml) still read it.
                    Path root = dir.resolve("res/v" + n + "-" + v.kind());
                    String below = rel.startsWith("src/main/resources/") ? rel.substring("src/main/resources/".length())
                            : rel.startsWith("config/") ? rel.substring("config/".length()) : rel;
                    write(dir.relativize(root.resolve(below)).toString(), v.content());
                    request.resourceRoot(root);
                    // A look-alike that no rule reads (a jvm.config beside the resources) is not collected.
                    if (readBySomeRule(root.resolve(below), below)) {
                        resourceFiles++;
                    }
                }
                n++;
            }
        }
        write("java/gen/Huge.java", Mutator.hugeFile(5_000).content());
        write("java/gen/Deep.java", Mutator.deepNesting(3_000).content());
        javaFiles += 2;
        assertTrue(resourceFiles >= 100, "resource variants: " + resourceFiles);

        AnalysisResult result = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> new Analyzer().analyze(request.build()));
        assertEquals(javaFiles, result.javaFiles());
        assertEquals(resourceFiles, result.resourceFiles());
        List<ProcessingError> failures = result.processingErrors().stream().filter(ProcessingError::internal).toList();
        assertEquals(List.of(), failures);
        assertTrue(result.processingErrors().stream().allMatch(e -> !e.reason().isBlank()));
    }

    private static boolean readBySomeRule(Path file, String relativePath) {
        ResourceFile resource = new ResourceFile(file, relativePath, StandardCharsets.UTF_8);
        return RuleRegistry.all().stream().anyMatch(r -> r instanceof ResourceRule rr && rr.appliesTo(resource));
    }

    private void write(String rel, byte[] content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }
}
