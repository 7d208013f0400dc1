package dev.dbcheck.bench;

import com.github.javaparser.ParserConfiguration;
import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.suppress.SuppressedFinding;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One step on one application folder, in a fresh JVM: the findings of a cold run with the relevance filter on or
 * off written out in full, to compare two builds of the engine (BENCHMARKS.md, "Cold runs on applications"), the
 * engine's debug log (phase times, full and cut parses), and the nothing-changed run, which the speed table of
 * {@code SPEED=yes bench/apps.sh} does not have. Run it with the classpath of the {@code bench} module:
 * {@code java -Xmx1g -cp ... dev.dbcheck.bench.AppSpeed cold|warm|parse|floor <app folder> [findings.tsv]}, with
 * {@code -Dbench.classPath=<file>} the build's class path (entries separated by ':'). Steps:
 * <ul>
 *   <li>{@code cold}: dbcheck, every rule, no cache; {@code -Ddbcheck.filter=false} with every file parsed;</li>
 *   <li>{@code warm}: a cold run that writes a cache, then the nothing-changed run (only the latter is timed);</li>
 *   <li>{@code parse}: plain JavaParser, its default configuration, two threads, over the same Java files;</li>
 *   <li>{@code floor}: the cold run's work before any rule looks at a tree: the same relevance filter, full and
 *       cut parses, declarations and model, with rules that have every Java rule's relevance and summary scopes
 *       but visit nothing (and no resource rule): what a cold run costs whatever its rules cost.</li>
 * </ul>
 * Prints one line: {@code step app wall_s cpu_s peak_heap_mib files findings errors}; with {@code out} also writes
 * every finding, suppressed finding and processing error (for comparing two builds), and the debug log to stderr.
 */
public final class AppSpeed {

    private AppSpeed() {}

    public static void main(String[] args) throws Exception {
        String step = args[0];
        Path app = Path.of(args[1]).toAbsolutePath().normalize();
        Path out = args.length > 2 ? Path.of(args[2]) : null;
        boolean filter = !"false".equals(System.getProperty("dbcheck.filter"));
        String name = app.getFileName().toString();
        List<Path> javaFiles = javaFiles(app);
        resetPeaks();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        String counts;
        switch (step) {
            case "cold" -> counts = result(analyze(app, null, filter), out, app);
            case "floor" -> counts = result(analyze(app, null, filter, FloorRules.all()), out, app);
            case "warm" -> {
                Path cache = Files.createTempFile("dbcheck-appspeed", ".json.gz");
                Files.delete(cache);
                analyze(app, cache, filter);
                resetPeaks();
                cpu0 = cpu();
                t0 = System.nanoTime();
                counts = result(analyze(app, cache, filter), out, app);
                Files.deleteIfExists(cache);
            }
            case "parse" -> counts = parseOnly(javaFiles);
            default -> throw new IllegalArgumentException("step: cold, warm, parse or floor");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuS = (cpu() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%s%s %s %.2f %.2f %d %d %s%n", step, filter ? "" : "-nofilter", name, wall,
                cpuS, peakHeapMiB(), javaFiles.size(), counts);
    }

    private static AnalysisResult analyze(Path app, Path cache, boolean filter) {
        return analyze(app, cache, filter, RuleRegistry.all());
    }

    private static AnalysisResult analyze(Path app, Path cache, boolean filter, List<Rule> rules) {
        PrintStream err = System.err;
        return new Analyzer().analyze(AnalysisRequest.builder(app).javaRoot(app).resourceRoot(app).cacheFile(cache)
                .classPath(classPath()).threads(2).relevanceFilter(filter).rules(rules).log(s -> { })
                .debugLog(err::println).build());
    }

    /**
     * The build's class path for the analysis, from {@code -Dbench.classPath=<file>} (entries separated by ':', as
     * {@code mvn dependency:build-classpath} writes them); none by default.
     */
    private static List<Path> classPath() {
        String file = System.getProperty("bench.classPath");
        if (file == null || file.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(Files.readString(Path.of(file)).trim().split(":"))
                    .filter(e -> !e.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String result(AnalysisResult r, Path out, Path app) throws IOException {
        if (out != null) {
            List<String> lines = new ArrayList<>();
            for (Finding f : r.findings()) {
                lines.add(line("finding", f, app));
            }
            for (SuppressedFinding s : r.suppressed()) {
                lines.add(line("suppressed", s.finding(), app));
            }
            for (ProcessingError e : r.processingErrors()) {
                lines.add("error\t" + app.relativize(e.file().toAbsolutePath().normalize()) + "\t" + e.line() + "\t"
                        + e.column() + "\t" + e.reason());
            }
            Files.write(out, lines, StandardCharsets.UTF_8);
        }
        return r.findings().size() + " " + r.processingErrors().size();
    }

    private static String line(String kind, Finding f, Path app) {
        return kind + "\t" + app.relativize(f.file().toAbsolutePath().normalize()) + "\t" + f.beginLine() + "\t"
                + f.beginColumn() + "\t" + f.endLine() + "\t" + f.endColumn() + "\t" + f.ruleId() + "\t" + f.severity() + "\t" + f.message();
    }

    /** JavaParser as a user would call it: {@code new JavaParser()}, default configuration, two threads. */
    private static String parseOnly(List<Path> files) throws Exception {
        return "0 " + Benchmark.parseOnly(files, 2, new ParserConfiguration())[1];
    }

    private static List<Path> javaFiles(Path app) throws IOException {
        try (Stream<Path> s = Files.walk(app)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / (1024 * 1024);
    }
}
