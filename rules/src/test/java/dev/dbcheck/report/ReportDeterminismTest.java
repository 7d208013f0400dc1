package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.rule.RuleRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are byte-identical whatever the thread count and whether results came from the cache. */
class ReportDeterminismTest {

    @TempDir
    Path out;

    @Test
    void everyFormatIsByteIdenticalAcrossThreadCountsAndCacheUse() throws IOException, URISyntaxException {
        Path fixtures = Path.of(ReportDeterminismTest.class.getResource("/fixtures").toURI());
        List<Path> roots;
        try (Stream<Path> s = Files.list(fixtures)) {
            roots = s.filter(Files::isDirectory).sorted().toList();
        }
        Path cache = out.resolve("cache.json.gz");
        byte[][] first = null;
        for (int threads : new int[] {1, 4, 4}) {
            AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(fixtures).javaRoots(roots)
                    .resourceRoots(roots).rules(RuleRegistry.all()).threads(threads).cacheFile(cache).build());
            assertTrue(result.findings().size() > 10, "the fixtures should give findings to compare");
            Path dir = out.resolve("t" + threads + "-" + System.nanoTime());
            List<Path> written = Reports.write(result, List.of(ReportFormat.values()), dir);
            byte[][] bytes = new byte[written.size()][];
            for (int i = 0; i < written.size(); i++) {
                bytes[i] = Files.readAllBytes(written.get(i));
            }
            if (first == null) {
                first = bytes;
            } else {
                for (int i = 0; i < bytes.length; i++) {
                    assertArrayEquals(first[i], bytes[i], written.get(i).getFileName() + " differs");
                }
            }
        }
    }
}
