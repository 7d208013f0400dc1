package dev.dbcheck.bench;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Quick robustness run: analyses every module folder of a corpus and prints counts and errors. */
public final class CorpusRun {
    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        List<Path> roots;
        try (Stream<Path> s = Files.list(corpus)) {
            roots = s.filter(Files::isDirectory).sorted().toList();
        }
        long t0 = System.nanoTime();
        AnalysisResult r = new Analyzer().analyze(AnalysisRequest.builder(corpus).javaRoots(roots).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("files=" + r.javaFiles() + " findings=" + r.findings().size() + " errors="
                + r.processingErrors().size() + " ms=" + ms);
        r.processingErrors().stream().limit(30).forEach(e -> System.out.println("  " + e));
        r.findings().stream().limit(30).forEach(f -> System.out.println("  " + f.file() + ":" + f.beginLine() + " " + f.message()));
    }
}
