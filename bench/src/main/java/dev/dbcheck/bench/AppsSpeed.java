package dev.dbcheck.bench;

import com.github.javaparser.ParserConfiguration;
import dev.dbcheck.bench.RealWorldRun.Project;
import dev.dbcheck.engine.AnalysisResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Speed on the application corpus: per application, in fresh processes (what a user's build pays), a cold dbcheck
 * analysis (no cache, the engine as {@link AppsRun} runs it), a plain JavaParser parse of every Java file (the
 * default {@link ParserConfiguration}, two threads: the way anyone would measure it), and maven-pmd-plugin's
 * {@code pmd:check} with one cheap rule (the benchmark's bench/pmd-pom.xml and bench/pmd-ruleset.xml). Each round
 * runs the three in an order that rotates; the medians count. Every run records its wall time and its CPU time
 * (user + system, from {@code /usr/bin/time}), and the load average before it: on a shared machine wall time
 * alone says little.
 *
 * <p>Usage: {@code AppsSpeed <apps.tsv> <exported dir> <work dir> <speed.md> <bench dir> [app ...]}, with the
 * runtime classpath in {@code -Dbench.classpath} and {@code -Dbench.rounds} (default 3). A child process runs one
 * phase: {@code AppsSpeed --phase dbcheck|parse <apps.tsv> <exported dir> <app>}, and prints the seconds of its
 * work alone (without JVM start-up).
 */
public final class AppsSpeed {

    private AppsSpeed() {}

    private static final List<String> TOOLS = List.of("dbcheck", "parse", "pmd", "floor");

    /** One timed process. */
    record Run(String app, String tool, int round, double wall, double cpu, double work, String load, String note) {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--phase")) {
            phase(args[1], Path.of(args[2]), Path.of(args[3]), args[4]);
            return;
        }
        Path list = Path.of(args[0]);
        Path exported = Path.of(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Path report = Path.of(args[3]);
        Path bench = Path.of(args[4]).toAbsolutePath();
        int rounds = Integer.getInteger("bench.rounds", 3);
        String classpath = System.getProperty("bench.classpath");
        List<Project> projects = AppsRun.projects(list, exported, new HashSet<>(List.of(args).subList(5, args.length)));

        Files.createDirectories(work);
        // Maven's own start-up, once: the part of every pmd:check time that is not PMD.
        Path pmdRuleset = bench.resolve("pmd-ruleset.xml");
        String pomTemplate = Files.readString(bench.resolve("pmd-pom.xml"));
        Path empty = pmdProject(work.resolve("pmd-empty"), pomTemplate, pmdRuleset, List.of());
        Run mavenStart = timed("-", "mvn validate", 0,
                List.of("mvn", "-q", "-B", "-Dstyle.color=never", "-f", empty.toString(), "validate"));

        List<Run> runs = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("app\ttool\tround\twall_s\tcpu_s\twork_s\tload_before\tnote\n");
        for (Project p : projects) {
            Path pom = pmdProject(work.resolve("pmd-" + p.name()), pomTemplate, pmdRuleset, p.javaRoots());
            List<String> order = new ArrayList<>(TOOLS);
            Collections.rotate(order, projects.indexOf(p));
            for (int round = 0; round < rounds; round++) {
                for (String tool : order) {
                    List<String> command = switch (tool) {
                        case "pmd" -> List.of("mvn", "-q", "-B", "-Dstyle.color=never", "-f", pom.toString(),
                                "pmd:check");
                        default -> List.of(javaCommand(), "-Xmx2g", "-cp", classpath, AppsSpeed.class.getName(),
                                "--phase", tool, list.toAbsolutePath().toString(),
                                exported.toAbsolutePath().toString(), p.name());
                    };
                    Run r = timed(p.name(), tool, round, command);
                    runs.add(r);
                    tsv.append(String.join("\t", r.app(), r.tool(), String.valueOf(r.round()), fmt(r.wall()),
                            fmt(r.cpu()), fmt(r.work()), r.load(), r.note())).append('\n');
                    System.out.printf(Locale.ROOT, "%-36s %-8s round %d: %6.1f s wall, %6.1f s CPU (load %s) %s%n",
                            p.name(), tool, round, r.wall(), r.cpu(), r.load(), r.note());
                }
                Collections.rotate(order, 1);
            }
        }
        Files.writeString(report.resolveSibling("apps-speed.tsv"), tsv.toString(), StandardCharsets.UTF_8);
        Files.writeString(report, table(projects, runs, rounds, mavenStart), StandardCharsets.UTF_8);
    }

    private static String table(List<Project> projects, List<Run> runs, int rounds, Run mavenStart)
            throws IOException {
        StringBuilder out = new StringBuilder("## Speed\n\n");
        out.append(String.format(Locale.ROOT, "Each application, in fresh processes, %d rounds in rotating order; "
                + "medians of wall time, with the CPU time (user + system) of the same runs. dbcheck: one cold "
                + "analysis (no cache), JVM start-up included (its work alone in brackets). parse: JavaParser with "
                + "the default ParserConfiguration on 2 threads, every Java file, JVM start-up included (work alone "
                + "in brackets). floor: a cold run whose rules select, parse and summarise the same files and visit "
                + "nothing (BENCHMARKS.md, \"The floor on applications\"). "
                + "pmd: `mvn pmd:check` with one rule, Maven start-up included (`mvn validate` took "
                + "%.1f s wall, %.1f s CPU). Machine: %d cores, load average (1 min) from %.1f to %.1f over the runs: "
                + "other sessions shared it, so wall times are upper bounds and the CPU times and ratios are the "
                + "better guide.%n%n", rounds, mavenStart.wall(), mavenStart.cpu(),
                Runtime.getRuntime().availableProcessors(),
                runs.stream().mapToDouble(r -> Double.parseDouble(r.load().split(" ")[0])).min().orElse(0),
                runs.stream().mapToDouble(r -> Double.parseDouble(r.load().split(" ")[0])).max().orElse(0)));
        out.append("| application | Java files | dbcheck wall (s) | dbcheck CPU (s) | parse wall (s) | parse CPU (s) "
                + "| pmd wall (s) | pmd CPU (s) | dbcheck / parse (wall, CPU) | dbcheck / pmd (wall, CPU) "
                + "| floor CPU (s) | floor / parse (CPU) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double[] sum = new double[7];
        for (Project p : projects) {
            Map<String, Run> median = new LinkedHashMap<>();
            for (String tool : TOOLS) {
                List<Run> mine = runs.stream().filter(r -> r.app().equals(p.name()) && r.tool().equals(tool))
                        .sorted((a, b) -> Double.compare(a.wall(), b.wall())).toList();
                median.put(tool, mine.get(mine.size() / 2));
            }
            Run d = median.get("dbcheck");
            Run a = median.get("parse");
            Run f = median.get("pmd");
            Run floor = median.get("floor");
            double[] v = {d.wall(), d.cpu(), a.wall(), a.cpu(), f.wall(), f.cpu(), floor.cpu()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f (%.1f) | %.1f | %.1f (%.1f)%s | %.1f | %.1f%s | "
                    + "%.1f | %.2f, %.2f | %.2f, %.2f | %.1f | %.2f |%n", p.name(), Benchmark.javaFiles(p.javaRoots()).size(),
                    d.wall(), d.work(), d.cpu(), a.wall(), a.work(), a.note().isEmpty() ? "" : " [" + a.note() + "]",
                    a.cpu(), f.wall(), f.note().isEmpty() ? "" : " [" + f.note() + "]", f.cpu(), d.wall() / a.wall(),
                    d.cpu() / a.cpu(), d.wall() / f.wall(), d.cpu() / f.cpu(), floor.cpu(), floor.cpu() / a.cpu()));
        }
        out.append(String.format(Locale.ROOT, "| **all** | | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f, %.2f | "
                + "%.2f, %.2f | %.1f | %.2f |%n%nEvery run (wall, CPU, load average before it) is in apps-speed.tsv beside this "
                + "report.%n", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[0] / sum[2], sum[1] / sum[3],
                sum[0] / sum[4], sum[1] / sum[5], sum[6], sum[6] / sum[3]));
        return out.toString();
    }

    /** Runs a command under /usr/bin/time; its wall and CPU time, and the WORK line a phase prints. */
    private static Run timed(String app, String tool, int round, List<String> command) throws Exception {
        String load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" "))
                .subList(0, 3));
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S"));
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double wall = Double.NaN;
        double cpu = Double.NaN;
        double work = Double.NaN;
        String note = "";
        for (String line : output.split("\n")) {
            // Maven's start-up can leave colour codes on the line that the TIME line continues.
            int time = line.indexOf("TIME ");
            int phaseWork = line.indexOf("WORK ");
            line = time >= 0 ? line.substring(time) : phaseWork >= 0 ? line.substring(phaseWork) : line;
            String[] w = line.trim().split(" ");
            if (w[0].equals("TIME") && w.length == 4) {
                wall = Double.parseDouble(w[1]);
                cpu = Double.parseDouble(w[2]) + Double.parseDouble(w[3]);
            } else if (w[0].equals("WORK")) {
                work = Double.parseDouble(w[1]);
                note = line.trim().substring(line.trim().indexOf(w[1]) + w[1].length()).trim();
            }
        }
        if (exit != 0 && !tool.equals("pmd")) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "):\n" + output);
        }
        if (tool.equals("pmd") && output.contains("BUILD FAILURE")) {
            note = "pmd failed";
        }
        return new Run(app, tool, round, wall, cpu, work, load, note);
    }

    /** A child process: one phase on one application; prints "WORK <seconds> <note>". */
    private static void phase(String tool, Path list, Path exported, String app) throws Exception {
        Project p = AppsRun.projects(list, exported, java.util.Set.of(app)).get(0);
        long t0 = System.nanoTime();
        String note;
        if (tool.equals("dbcheck")) {
            AnalysisResult r = RealWorldRun.analyze(p, true);
            note = r.findings().size() + " findings";
        } else if (tool.equals("floor")) {
            RealWorldRun.analyze(p, true, FloorRules.all());
            note = "";
        } else {
            int failed = Benchmark.parseOnly(Benchmark.javaFiles(p.javaRoots()), 2, new ParserConfiguration())[1];
            note = failed == 0 ? "" : failed + " files with parse problems";
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "WORK %.2f %s%n", seconds, note);
    }

    private static Path pmdProject(Path dir, String template, Path ruleset, List<Path> roots) throws IOException {
        Files.createDirectories(dir);
        String rootsXml = roots.stream().map(r -> "<root>" + r.toAbsolutePath() + "</root>")
                .collect(Collectors.joining());
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, template.replace("@ROOTS@", rootsXml));
        Files.copy(ruleset, dir.resolve("pmd-ruleset.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return pom;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
