package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.RuleRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

        // Fresh analyses (no cache): 1 thread against 4 threads, so the parallel run really analyses.
        Run single = analyse(fixtures, roots, 1, null);
        Run parallel = analyse(fixtures, roots, 4, null);
        assertSameReports(single, parallel);

        // A 4-thread run that fills the cache, then one served from it: the cache must have been used.
        Run filling = analyse(fixtures, roots, 4, cache);
        assertEquals(List.of(), filling.debug().stream().filter(l -> l.contains("since the last run")).toList(),
                "nothing to reuse on the first cached run");
        assertSameReports(single, filling);
        Run reusing = analyse(fixtures, roots, 4, cache);
        // Every file the run analysed, less the Java files the relevance filter left unparsed (said in its line).
        int files = reusing.result().javaFiles() + reusing.result().resourceFiles() - unparsed(reusing);
        // Files with processing notes are analysed again every time (the cache keeps clean outcomes only).
        long noted = reusing.result().processingErrors().stream().map(ProcessingError::file).distinct().count();
        assertTrue(noted > 0 && noted < files, "noted files: " + noted);
        assertEquals(List.of("dbcheck: " + (files - noted) + " of " + files + " files unchanged since the last run "
                + "(incremental analysis)"), reusing.debug().stream().filter(l -> l.contains("since the last run"))
                        .toList());
        assertSameReports(single, reusing);
    }

    /** The Java files the relevance filter did not analyse: "N of M Java files can hold a finding and are analysed". */
    private static int unparsed(Run run) {
        for (String line : run.debug()) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(\\d+) of (\\d+) Java files can hold a finding and are analysed").matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    private record Run(AnalysisResult result, List<Path> reports, List<String> debug) {}

    private Run analyse(Path fixtures, List<Path> roots, int threads, Path cache) throws IOException {
        List<String> debug = new ArrayList<>();
        AnalysisRequest.Builder request = AnalysisRequest.builder(fixtures).javaRoots(roots).resourceRoots(roots)
                .rules(RuleRegistry.all()).threads(threads).debugLog(debug::add);
        if (cache != null) {
            request.cacheFile(cache);
        }
        AnalysisResult result = new Analyzer().analyze(request.build());
        assertTrue(result.findings().size() > 10, "the fixtures should give findings to compare");
        Path dir = out.resolve("t" + threads + "-" + System.nanoTime());
        return new Run(result, Reports.write(result, List.of(ReportFormat.values()), dir), debug);
    }

    private static void assertSameReports(Run expected, Run actual) throws IOException {
        assertEquals(expected.reports().size(), actual.reports().size());
        for (int i = 0; i < expected.reports().size(); i++) {
            assertArrayEquals(Files.readAllBytes(expected.reports().get(i)), Files.readAllBytes(actual.reports().get(i)),
                    actual.reports().get(i).getFileName() + " differs");
        }
    }
}
