package dev.dbcheck.bench;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.testing.Mutator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The robustness run: a few thousand damaged variants of real files (deleted lines, truncation, unbalanced
 * braces, random and non-UTF-8 bytes) plus huge and deeply nested generated files, analysed with every rule.
 * It fails (exit 1) on a crash, a hang (the run is bounded in time), an OutOfMemoryError, a rule that
 * throws or gives up, or an internal error of the engine ({@link ProcessingError#internal()}).
 * Usage: {@code MutationRun <corpus dir> <work dir> [source files to damage, default 500]}.
 */
public final class MutationRun {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath().resolve("mutations");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<Path> files = Benchmark.javaFiles(Benchmark.roots(corpus));
        Random pick = new Random(7);
        Mutator mutator = new Mutator(7);
        int variants = 0;
        for (int i = 0; i < count; i++) {
            Path source = files.get(pick.nextInt(files.size()));
            String text = new String(Files.readAllBytes(source), java.nio.charset.StandardCharsets.UTF_8);
            for (Mutator.Variant v : mutator.variantsOf(text)) {
                Path out = work.resolve("v" + variants++ + "/" + v.kind() + "/" + source.getFileName());
                Files.createDirectories(out.getParent());
                Files.write(out, v.content());
            }
        }
        Files.createDirectories(work.resolve("gen"));
        Files.write(work.resolve("gen/Huge.java"), Mutator.hugeFile(50_000).content());
        Files.write(work.resolve("gen/Deep.java"), Mutator.deepNesting(10_000).content());
        variants += 2;

        ExecutorService runner = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        Future<AnalysisResult> run = runner.submit(() -> new Analyzer().analyze(
                AnalysisRequest.builder(work).javaRoot(work).build()));
        AnalysisResult result;
        try {
            result = run.get(20, TimeUnit.MINUTES);
        } finally {
            runner.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // A rule that throws or gives up and an engine failure ("Internal error ...") alike; only notes about
        // the damaged input are expected.
        List<ProcessingError> failures = result.processingErrors().stream().filter(ProcessingError::internal).toList();
        System.out.printf(Locale.ROOT, "mutation run: %d variants of %d real files, %d analysed, %d processing "
                + "errors (expected: damaged files), %d internal failures, %.1f s%n", variants, count, result.javaFiles(),
                result.processingErrors().size(), failures.size(), seconds);
        try (Stream<ProcessingError> s = failures.stream().limit(20)) {
            s.forEach(e -> System.out.println("  internal failure: " + e));
        }
        if (result.javaFiles() != variants || !failures.isEmpty()) {
            System.exit(1);
        }
    }
}
