package dev.dbcheck.bench;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What reading the class path costs: one application's sources analysed cold (no cache) and warm (a primed cache,
 * nothing changed), without and with a class path, the two interleaved so that the machine's load hits both alike.
 * Reports the median process CPU time and wall time of each of the four, and the findings of each, so that the runs
 * are known to do the same work.
 *
 * <p>Usage: {@code ClassPathBench <app dir> <class path file (entries separated by ':')> <rounds> <work dir>}.
 */
public final class ClassPathBench {

    private ClassPathBench() {}

    public static void main(String[] args) throws IOException {
        Path app = Path.of(args[0]);
        List<Path> classPath = Arrays.stream(Files.readString(Path.of(args[1])).trim().split(":"))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        int rounds = Integer.parseInt(args[2]);
        Path work = Files.createDirectories(Path.of(args[3]));
        List<Path> roots;
        try (Stream<Path> dirs = Files.walk(app)) {
            roots = dirs.filter(d -> d.endsWith(Path.of("src/main/java")) && Files.isDirectory(d)).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "%s: %d source roots, class path of %d entries%n", app.getFileName(),
                roots.size(), classPath.size());
        Path cacheWithout = work.resolve("without.json.gz");
        Path cacheWith = work.resolve("with.json.gz");
        Files.deleteIfExists(cacheWithout);
        Files.deleteIfExists(cacheWith);
        // Warm-up (JIT) and the caches primed.
        run(app, roots, List.of(), cacheWithout);
        run(app, roots, classPath, cacheWith);
        List<double[]> coldWithout = new ArrayList<>();
        List<double[]> coldWith = new ArrayList<>();
        List<double[]> warmWithout = new ArrayList<>();
        List<double[]> warmWith = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            coldWithout.add(run(app, roots, List.of(), null));
            coldWith.add(run(app, roots, classPath, null));
            warmWithout.add(run(app, roots, List.of(), cacheWithout));
            warmWith.add(run(app, roots, classPath, cacheWith));
        }
        report("cold, no class path", coldWithout);
        report("cold, class path", coldWith);
        report("warm, no class path", warmWithout);
        report("warm, class path", warmWith);
    }

    private static double[] run(Path app, List<Path> roots, List<Path> classPath, Path cache) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        AnalysisRequest.Builder b = AnalysisRequest.builder(app).javaRoots(roots).classPath(classPath);
        if (cache != null) {
            b.cacheFile(cache);
        }
        AnalysisResult r = new Analyzer().analyze(b.build());
        return new double[] {(os.getProcessCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9,
                r.findings().size()};
    }

    private static void report(String what, List<double[]> runs) {
        double[] cpu = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] wall = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-22s cpu %.2f s, wall %.2f s (medians of %d), findings %s%n", what,
                cpu[cpu.length / 2], wall[wall.length / 2], runs.size(),
                runs.stream().map(r -> String.valueOf((int) r[2])).distinct().toList());
    }
}
