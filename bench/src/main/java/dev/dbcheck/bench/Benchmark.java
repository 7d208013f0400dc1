package dev.dbcheck.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.engine.LanguageLevels;
import dev.dbcheck.engine.ParserConfigurations;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures dbcheck on a large real corpus (the JDK's own sources), in one JVM on one machine:
 * <ol>
 *   <li>(a) JavaParser parse-only over the same files, same threads: the floor for this design;</li>
 *   <li>(b) dbcheck's full analysis, cold (empty incremental cache);</li>
 *   <li>(c) dbcheck again with nothing changed (warm cache);</li>
 *   <li>(d) peak heap of each phase; (e) files and lines per second;</li>
 *   <li>scaling: cold analysis of growing prefixes of the corpus.</li>
 * </ol>
 * The PMD comparison (f) runs in Maven, from {@code bench/run.sh}. Usage:
 * {@code Benchmark <corpus dir> <work dir> [sizes, e.g. 1000,2000,4000,8000]}; the corpus holds one folder per
 * source root (src.zip's module folders).
 */
public final class Benchmark {

    public static void main(String[] args) throws Exception {
        Path given = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        List<Integer> sizes = args.length > 2 && args[2].equals("none") ? List.of()
                : args.length > 2 ? Stream.of(args[2].split(",")).map(Integer::valueOf).toList()
                : List.of(1000, 2000, 4000, 8000);
        // "none": skip the scaling table (a shorter run). -Dbench.files=N: an evenly spread N-file slice of the
        // corpus instead of all of it (a loaded machine, a short run).
        List<Path> allFiles = javaFiles(roots(given));
        int limit = Integer.getInteger("bench.files", 0);
        Path corpus = limit > 0 && limit < allFiles.size()
                ? subset(allFiles, given, work.resolve("slice-" + limit), limit) : given;
        List<Path> roots = roots(corpus);
        List<Path> files = javaFiles(roots);
        long lines = 0;
        for (Path f : files) {
            lines += lineCount(f);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        String loadAverage = loadAverage();
        System.out.printf(Locale.ROOT, "corpus: %d files, %d lines, %d roots; %d threads; max heap %d MiB; %s %s%n",
                files.size(), lines, roots.size(), threads, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        // Warm up the JIT on a slice, so the measured phases compare steady-state code.
        Path warmup = subset(files, corpus, work.resolve("warmup"),
                Math.min(Integer.getInteger("bench.warmup", 2000), files.size()));
        parseOnly(Benchmark.javaFiles(roots(warmup)), threads, engineParserConfiguration());
        analyze(warmup, roots(warmup), null, true);
        analyze(warmup, roots(warmup), null, false);

        // Each phase runs ROUNDS times, in an order that rotates every round, and the median counts: no phase
        // always gets the freshest JIT or the emptiest heap. All use the engine's parser configuration and threads.
        Path cache = work.resolve("dbcheck-cache.json.gz");
        Path restoredBase = work.resolve("restored-checkout");
        Path restoredCache = work.resolve("restored-cache/dbcheck-cache.json.gz");
        // -Dbench.everyFile=false leaves out (b0), the diagnostic run with every file parsed (the slowest phase).
        boolean everyFile = !"false".equals(System.getProperty("bench.everyFile"));
        List<String> order = new ArrayList<>(everyFile ? List.of("parse", "coldUnfiltered", "cold")
                : List.of("parse", "cold"));
        java.util.Map<String, List<Phase>> runs = new java.util.LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String phase : order) {
                Phase p = switch (phase) {
                    case "parse" -> measure(() -> parseOnly(files, threads, engineParserConfiguration()));
                    case "coldUnfiltered" -> measure(() -> analyze(corpus, roots, null, false));
                    default -> {
                        Files.deleteIfExists(cache);
                        yield measure(() -> analyze(corpus, roots, cache, true));
                    }
                };
                runs.computeIfAbsent(phase, k -> new ArrayList<>()).add(p);
            }
            java.util.Collections.rotate(order, 1);
            // Nothing changed, in place; and a fresh checkout in another folder with the cache a CI step restored.
            runs.computeIfAbsent("warm", k -> new ArrayList<>()).add(measure(() -> analyze(corpus, roots, cache, true)));
            checkout(files, corpus, restoredBase);
            Files.createDirectories(restoredCache.getParent());
            Files.copy(cache, restoredCache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            runs.computeIfAbsent("restored", k -> new ArrayList<>()).add(
                    measure(() -> analyze(restoredBase, roots(restoredBase), restoredCache, true)));
        }
        Phase parse = median(runs.get("parse"));
        if (!everyFile) {
            runs.put("coldUnfiltered", List.of(new Phase(Double.NaN, 0, 0, -1, -1)));
        }
        Phase unfiltered = median(runs.get("coldUnfiltered"));
        Phase cold = median(runs.get("cold"));
        Phase warm = median(runs.get("warm"));
        Phase restored = median(runs.get("restored"));

        System.out.println();
        System.out.printf(Locale.ROOT, "medians of %d runs per phase, rotating order; load average before: %s%n",
                ROUNDS, loadAverage);
        System.out.println();
        System.out.println("| phase | time (s) | all runs (s) | peak heap (MiB) | heap after a collection, max of all runs "
                + "(MiB) | files/s | lines/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("(a) JavaParser parse only", parse, runs.get("parse"), files.size(), lines);
        row("(b0) dbcheck, cold, every file parsed", unfiltered, runs.get("coldUnfiltered"), files.size(), lines);
        row("(b) dbcheck, cold (relevance filter)", cold, runs.get("cold"), files.size(), lines);
        row("(c) dbcheck, nothing changed", warm, runs.get("warm"), files.size(), lines);
        row("(g) dbcheck, fresh checkout, restored CI cache", restored, runs.get("restored"), files.size(), lines);
        System.out.printf(Locale.ROOT, "%nratios: b/a = %.2f, b0/a = %.2f, c/b = %.3f, g/b = %.3f%n",
                cold.seconds / parse.seconds, unfiltered.seconds / parse.seconds, warm.seconds / cold.seconds,
                restored.seconds / cold.seconds);
        System.out.println("findings on the corpus: " + cold.findings + " (every file parsed: " + unfiltered.findings
                + "), processing errors: " + cold.errors + " (every file parsed: " + unfiltered.errors + ")");
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        if (sizes.isEmpty()) {
            return;
        }

        System.out.println();
        System.out.println("| files | cold analysis (s) | ms per file |");
        System.out.println("|---|---|---|");
        for (int size : sizes) {
            if (size >= files.size()) {
                continue;
            }
            Path subset = subset(files, corpus, work.resolve("subset-" + size), size);
            Phase p = measure(() -> analyze(subset, roots(subset), null, true));
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f |%n", size, p.seconds, p.seconds * 1000 / size);
        }
        System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f |%n", files.size(), cold.seconds,
                cold.seconds * 1000 / files.size());
    }

    /**
     * @param peakHeapBytes the heap pools' peak usage over the phase: what the JVM chose to fill before it collected
     * @param liveHeapBytes the most heap in use right after a collection during the phase (0: no collection ran):
     *     an upper bound of what the analysis held (with G1, a young collection leaves the old generation's
     *     garbage in place; a live-object count with {@code jmap -histo:live} is the exact figure)
     */
    private record Phase(double seconds, long peakHeapBytes, long liveHeapBytes, int findings, int errors) {}

    /** The most heap in use after a collection since the last reset, from the collectors' notifications. */
    private static final java.util.concurrent.atomic.AtomicLong LIVE = new java.util.concurrent.atomic.AtomicLong();

    static {
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(p -> heapPools.add(p.getName()));
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(notification.getType())) {
                    return;
                }
                com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management
                        .GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData)
                                notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                LIVE.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private interface Work {
        int[] run() throws Exception;
    }

    private static Phase measure(Work work) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Thread.sleep(100); // the notification of the collection above arrives asynchronously
        LIVE.set(0);
        long t0 = System.nanoTime();
        int[] counts = work.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Phase(seconds, peak, LIVE.get(), counts[0], counts[1]);
    }

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    private static void row(String name, Phase p, List<Phase> all, int files, long lines) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %d | %s | %.0f | %.0f |%n", name, p.seconds,
                all.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.seconds))
                        .collect(java.util.stream.Collectors.joining(", ")),
                p.peakHeapBytes >> 20,
                all.stream().mapToLong(Phase::liveHeapBytes).max().orElse(0) == 0 ? "-"
                        : String.valueOf(all.stream().mapToLong(Phase::liveHeapBytes).max().orElse(0) >> 20),
                files / p.seconds, lines / p.seconds);
    }

    /** The run of median time (its heap and counts with it). */
    private static Phase median(List<Phase> runs) {
        List<Phase> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Phase::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** A fresh checkout of the corpus in another folder (hard links, or copies): what a CI job clones. */
    private static void checkout(List<Path> files, Path corpus, Path target) throws IOException {
        subset(files, corpus, target, files.size());
    }

    private static int[] analyze(Path base, List<Path> roots, Path cache, boolean relevanceFilter) {
        AnalysisResult r = new Analyzer().analyze(AnalysisRequest.builder(base).javaRoots(roots).resourceRoots(roots)
                .cacheFile(cache).relevanceFilter(relevanceFilter).build());
        return new int[] {r.findings().size(), r.processingErrors().size()};
    }

    /** The configuration of the analysis's full parse: the newest level's grammar without its validators. */
    static ParserConfiguration engineParserConfiguration() {
        return ParserConfigurations.reading(LanguageLevels.newest(), StandardCharsets.UTF_8);
    }

    /**
     * Parses every file with the given configuration and thread count, and nothing else.
     *
     * @return {0, the number of files that did not parse without problems}
     */
    static int[] parseOnly(List<Path> files, int threads, ParserConfiguration config) throws Exception {
        ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(config));
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(null, r, "parse", 256L * 1024 * 1024));
        AtomicLong failed = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    String source = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    if (!parsers.get().parse(source).isSuccessful()) {
                        failed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new int[] {0, (int) failed.get()};
    }

    static List<Path> roots(Path corpus) throws IOException {
        try (Stream<Path> s = Files.list(corpus)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static List<Path> javaFiles(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static long lineCount(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The first {@code size} files, hard-linked (or copied) into a fresh tree with the same layout. */
    private static Path subset(List<Path> files, Path corpus, Path target, int size) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        // Spread the subset over the whole corpus (every k-th file), so each size has the same mix of code.
        double step = (double) files.size() / size;
        for (int i = 0; i < size; i++) {
            Path f = files.get((int) (i * step));
            Path copy = target.resolve(corpus.relativize(f).toString());
            Files.createDirectories(copy.getParent());
            try {
                Files.createLink(copy, f);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(f, copy);
            }
        }
        return target;
    }
}
