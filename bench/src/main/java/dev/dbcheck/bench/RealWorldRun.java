package dev.dbcheck.bench;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The real-code regression run: analyses each unpacked {@code -sources.jar} of the artifact list as its own project
 * (the Java sources plus the resources inside the jar, every rule at its default configuration, no cache), and
 * compares the findings with the committed triage (one verdict per finding) and the known misses. Writes a
 * Markdown report whose first section lists the findings nobody has triaged yet, in the triage file's own format,
 * and a TSV of every finding so that two runs can be diffed.
 *
 * <p>Usage: {@code RealWorldRun <artifacts.tsv> <unpacked dir> <triage.tsv> <missed.tsv> <report.md> <findings.tsv>
 * [artifact ...]}; with artifact names, only those are analysed (and only their triage rows are compared).
 *
 * <p>Matching a finding to a triage row: same artifact, path, rule and line; failing that, the nearest row of the
 * same artifact, path and rule at most {@value #DRIFT} lines away that no other finding matched. The sources are
 * pinned, so lines move only when a rule reports on another node of the same code; a wider drift is a new finding.
 */
public final class RealWorldRun {

    /** Largest line distance at which a triage row still matches a finding of the same file and rule. */
    static final int DRIFT = 5;

    /** Processing errors listed per artifact in the report; the errors file has them all. */
    static final int ERRORS_SHOWN = 5;

    static final Set<String> VERDICTS = Set.of("TP", "FP", "intentional");

    record Artifact(String name, String group, String artifactId, String version, String family, String release,
            String why) {}

    /** One finding of this run, path relative to the artifact root with '/' separators. */
    record Row(String artifact, String path, int line, String rule, String message) {}

    /** One line of triage.tsv. */
    record Verdict(String artifact, String path, int line, String rule, String verdict, String reason) {}

    /** One line of missed.tsv: a case a rule should flag and does not. */
    record Miss(String artifact, String path, int line, String rule, String reason) {}

    record ArtifactRun(Artifact artifact, int javaFiles, long lines, int resourceFiles, double seconds,
            int findings, List<String> errors) {}

    public static void main(String[] args) throws Exception {
        Path list = Path.of(args[0]);
        Path unpacked = Path.of(args[1]).toAbsolutePath().normalize();
        Path triageFile = Path.of(args[2]);
        Path missedFile = Path.of(args[3]);
        Path report = Path.of(args[4]);
        Path findingsFile = Path.of(args[5]);
        Set<String> only = new HashSet<>(List.of(args).subList(6, args.length));

        List<Artifact> artifacts = readArtifacts(list).stream()
                .filter(a -> only.isEmpty() || only.contains(a.name())).toList();
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("no artifact of " + list + " matches " + only);
        }
        List<Verdict> triage = readTriage(triageFile);
        List<Miss> missed = readMissed(missedFile);
        Set<String> names = new HashSet<>(artifacts.stream().map(Artifact::name).toList());

        // Warm the JIT once, so the first artifact's time is comparable with the others.
        analyze(unpacked.resolve(artifacts.get(0).name()), artifacts.get(0).release(), true);

        List<ArtifactRun> runs = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<Row> info = new HashSet<>();
        List<RuleMetadata> rules = List.of();
        for (Artifact a : artifacts) {
            Path base = unpacked.resolve(a.name());
            if (!Files.isDirectory(base)) {
                throw new IllegalStateException(base + " is missing: run bench/realworld.sh, which unpacks it");
            }
            long t0 = System.nanoTime();
            AnalysisResult r = analyze(base, a.release(), true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (COMPARE_FILTER) {
                long t1 = System.nanoTime();
                AnalysisResult full = analyze(base, a.release(), false);
                double fullSeconds = (System.nanoTime() - t1) / 1e9;
                // The floor the filter is measured against: JavaParser alone over the same files, same threads.
                long t2 = System.nanoTime();
                Benchmark.parseOnly(javaFiles(base), Runtime.getRuntime().availableProcessors());
                double parseSeconds = (System.nanoTime() - t2) / 1e9;
                totals[0] += parseSeconds;
                totals[1] += fullSeconds;
                totals[2] += seconds;
                String diff = filterDifference(full, r);
                filterRows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.2f | %s |", a.name(),
                        parseSeconds, fullSeconds, seconds, fullSeconds / parseSeconds, seconds / parseSeconds,
                        diff.isEmpty() ? "same" : diff));
                if (!diff.isEmpty()) {
                    filterDifferences++;
                }
            }
            rules = r.rules();
            for (Finding f : r.findings()) {
                Row row = new Row(a.name(), relative(base, f.file()), f.beginLine(), f.ruleId(), f.message());
                rows.add(row);
                if (f.severity() == Severity.INFO) {
                    info.add(row); // a rule's own downgrade (say, a migration backfill)
                }
            }
            List<Path> javaFiles = javaFiles(base);
            long lines = 0;
            for (Path f : javaFiles) {
                lines += lineCount(f);
            }
            List<String> errors = new ArrayList<>();
            for (ProcessingError e : r.processingErrors()) {
                errors.add(relative(base, e.file()) + ":" + e.line() + ": " + oneLine(e.reason()));
            }
            runs.add(new ArtifactRun(a, r.javaFiles(), lines, r.resourceFiles(), seconds, r.findings().size(),
                    errors));
            System.out.printf(Locale.ROOT, "%-28s %5d files %8d lines %6.1f s %4d findings%n", a.name(),
                    r.javaFiles(), lines, seconds, r.findings().size());
        }
        rows.sort(Comparator.comparing(Row::artifact).thenComparing(Row::path).thenComparingInt(Row::line)
                .thenComparing(Row::rule).thenComparing(Row::message));

        List<Verdict> inScope = triage.stream().filter(v -> names.contains(v.artifact())).toList();
        Matching m = match(rows, inScope);
        writeFindings(findingsFile, rows);
        writeErrors(findingsFile.resolveSibling("realworld-errors.tsv"), runs);
        String md = report(runs, rows, info, rules, m, inScope, missed.stream().filter(x -> names.contains(x.artifact()))
                .toList());
        if (COMPARE_FILTER) {
            md += "\n## Relevance filter\n\nEach artifact analysed with every file parsed and with the relevance "
                    + "filter (parse errors of unparsed files aside, the results must be the same).\n\n"
                    + "| artifact | parse only (s) | every file parsed (s) | filtered (s) | every file / parse only "
                    + "| filtered / parse only | results |\n|---|---|---|---|---|---|---|\n"
                    + String.join("\n", filterRows) + "\n"
                    + String.format(Locale.ROOT, "| **all** | %.1f | %.1f | %.1f | %.2f | %.2f | |%n", totals[0],
                            totals[1], totals[2], totals[1] / totals[0], totals[2] / totals[0]);
            System.out.println("relevance filter: " + filterDifferences + " artifacts with different results");
        }
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%d findings: %d triaged (%d with line drift), %d untriaged; "
                + "%d triaged findings disappeared%n", rows.size(), m.matched().size(), m.drifted(),
                m.untriaged().size(), m.disappeared().size());
    }

    private static AnalysisResult analyze(Path base, String release, boolean relevanceFilter) {
        // The jar mixes sources and resources in one tree: it is both the Java root and the resource root.
        // The release is what the plugin would read from maven.compiler.release (null: the newest level).
        return new Analyzer().analyze(AnalysisRequest.builder(base).javaRoot(base).resourceRoot(base).cacheFile(null)
                .languageLevel(release).relevanceFilter(relevanceFilter).log(s -> { }).build());
    }

    /**
     * {@code -Ddbcheck.compareFilter=true}: each artifact is analysed again with every file parsed, and the two
     * results compared (findings, suppressed findings, processing errors but the parse errors of files the
     * filter leaves unparsed); the table goes to the end of the report.
     */
    private static final boolean COMPARE_FILTER = Boolean.getBoolean("dbcheck.compareFilter");
    private static final List<String> filterRows = new ArrayList<>();
    /** Seconds over every artifact: parse only, every file parsed, filtered. */
    private static final double[] totals = new double[3];
    private static int filterDifferences;

    static String filterDifference(AnalysisResult full, AnalysisResult filtered) {
        List<String> diff = new ArrayList<>();
        if (!full.findings().equals(filtered.findings())) {
            diff.add("findings differ: " + full.findings().size() + " vs " + filtered.findings().size());
        }
        if (!full.suppressed().equals(filtered.suppressed())) {
            diff.add("suppressed findings differ");
        }
        List<ProcessingError> dropped = new ArrayList<>(full.processingErrors());
        long extra = filtered.processingErrors().stream().filter(e -> !dropped.remove(e)).count();
        if (extra > 0) {
            diff.add(extra + " processing errors only with the filter");
        }
        long lost = dropped.stream().filter(e -> !e.reason().startsWith("Parse error")).count();
        if (lost > 0) {
            diff.add(lost + " processing errors other than parse errors lost");
        }
        if (!dropped.isEmpty() && lost == 0 && diff.isEmpty()) {
            return "";
        }
        return String.join("; ", diff);
    }

    record Matching(Map<Row, Verdict> matched, int drifted, List<Row> untriaged, List<Verdict> disappeared) {}

    /** Exact (artifact, path, rule, line) first, then the nearest unmatched row within {@link #DRIFT} lines. */
    static Matching match(List<Row> rows, List<Verdict> triage) {
        Map<String, List<Verdict>> byFile = new LinkedHashMap<>();
        for (Verdict v : triage) {
            byFile.computeIfAbsent(v.artifact() + '\t' + v.path() + '\t' + v.rule(), k -> new ArrayList<>()).add(v);
        }
        Map<Row, Verdict> matched = new LinkedHashMap<>();
        Set<Verdict> used = new HashSet<>();
        List<Row> pending = new ArrayList<>();
        for (Row r : rows) {
            Verdict exact = byFile.getOrDefault(key(r), List.of()).stream()
                    .filter(v -> v.line() == r.line() && !used.contains(v)).findFirst().orElse(null);
            if (exact != null) {
                matched.put(r, exact);
                used.add(exact);
            } else {
                pending.add(r);
            }
        }
        int drifted = 0;
        List<Row> untriaged = new ArrayList<>();
        for (Row r : pending) {
            Verdict near = byFile.getOrDefault(key(r), List.of()).stream()
                    .filter(v -> !used.contains(v) && Math.abs(v.line() - r.line()) <= DRIFT)
                    .min(Comparator.comparingInt(v -> Math.abs(v.line() - r.line()))).orElse(null);
            if (near != null) {
                matched.put(r, near);
                used.add(near);
                drifted++;
            } else {
                untriaged.add(r);
            }
        }
        List<Verdict> disappeared = triage.stream().filter(v -> !used.contains(v)).toList();
        return new Matching(matched, drifted, untriaged, disappeared);
    }

    private static String key(Row r) {
        return r.artifact() + '\t' + r.path() + '\t' + r.rule();
    }

    private static String report(List<ArtifactRun> runs, List<Row> rows, Set<Row> info, List<RuleMetadata> rules,
            Matching m,
            List<Verdict> triage, List<Miss> missed) {
        StringBuilder out = new StringBuilder();
        int files = runs.stream().mapToInt(ArtifactRun::javaFiles).sum();
        long lines = runs.stream().mapToLong(ArtifactRun::lines).sum();
        out.append("# Real-code run ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append("\n\n");
        out.append(String.format(Locale.ROOT, "%d artifacts, %,d Java files, %,d lines; %d rules at their default "
                + "configuration, no cache. %d findings: %d triaged (%d matched with line drift of at most %d), "
                + "**%d untriaged**; %d triaged findings disappeared.%n%n", runs.size(), files, lines, rules.size(),
                rows.size(), m.matched().size(), m.drifted(), DRIFT, m.untriaged().size(), m.disappeared().size()));

        out.append("## Untriaged findings (").append(m.untriaged().size()).append(")\n\n");
        if (m.untriaged().isEmpty()) {
            out.append("None: every finding has a verdict in bench/realworld/triage.tsv.\n\n");
        } else {
            out.append("Ready to paste into bench/realworld/triage.tsv once the verdict (TP, FP or intentional) and a "
                    + "reason, written after reading the code, are filled in. The `#` line above each row is the "
                    + "finding's message (comment lines are ignored).\n\n```\n");
            for (Row r : m.untriaged()) {
                out.append("# ").append(oneLine(r.message())).append('\n');
                out.append(r.artifact()).append('\t').append(r.path()).append('\t').append(r.line()).append('\t')
                        .append(r.rule()).append("\t\t\n");
            }
            out.append("```\n\n");
        }

        out.append("## Triaged findings that disappeared (").append(m.disappeared().size()).append(")\n\n");
        if (m.disappeared().isEmpty()) {
            out.append("None.\n\n");
        } else {
            out.append("| artifact | path | line | rule | verdict | reason |\n|---|---|---|---|---|---|\n");
            for (Verdict v : m.disappeared()) {
                out.append("| ").append(v.artifact()).append(" | ").append(v.path()).append(" | ").append(v.line())
                        .append(" | ").append(v.rule()).append(" | ").append(v.verdict()).append(" | ")
                        .append(cell(v.reason())).append(" |\n");
            }
            out.append('\n');
        }

        out.append("## Per rule\n\n");
        out.append("Precision is TP / (TP + FP) over this run's triaged findings; `intentional` (a deliberate "
                + "statement such as a migration backfill) counts in neither. Known misses are the rows of "
                + "bench/realworld/missed.tsv; \"now found\" are those a finding of the same file and rule "
                + "within " + DRIFT + " lines now covers (move them to the triage). \"of which info\" counts the "
                + "findings the rule itself reports at info severity.\n\n");
        out.append("| rule | findings | of which info | TP | FP | intentional | untriaged | precision | known misses "
                + "| now found |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Set<String> ruleIds = new TreeSet<>();
        rules.forEach(r -> ruleIds.add(r.id()));
        rows.forEach(r -> ruleIds.add(r.rule()));
        missed.forEach(x -> ruleIds.add(x.rule()));
        Set<Miss> nowFound = nowFound(rows, missed);
        int[] total = new int[7];
        int totalInfo = 0;
        for (String id : ruleIds) {
            int n = (int) rows.stream().filter(r -> r.rule().equals(id)).count();
            int atInfo = (int) info.stream().filter(r -> r.rule().equals(id)).count();
            totalInfo += atInfo;
            int tp = count(m, id, "TP");
            int fp = count(m, id, "FP");
            int intentional = count(m, id, "intentional");
            int untriaged = (int) m.untriaged().stream().filter(r -> r.rule().equals(id)).count();
            int misses = (int) missed.stream().filter(x -> x.rule().equals(id)).count();
            int found = (int) nowFound.stream().filter(x -> x.rule().equals(id)).count();
            int[] values = {n, tp, fp, intentional, untriaged, misses, found};
            for (int i = 0; i < values.length; i++) {
                total[i] += values[i];
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %d | %d |%n", id, n,
                    atInfo, tp, fp, intentional, untriaged, precision(tp, fp), misses, found));
        }
        out.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d | %d | %d | %d | %s | %d | %d |%n%n",
                total[0], totalInfo, total[1], total[2], total[3], total[4], precision(total[1], total[2]), total[5],
                total[6]));

        out.append("## Per artifact\n\n");
        out.append("Wall time of one cold analysis (no cache) in one JVM after a warm-up run; threads: one per core.\n\n");
        out.append("| id | artifact | family | Java files | lines | other files | time (s) | findings | "
                + "processing errors |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ArtifactRun r : runs) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %.1f | %d | %d |%n",
                    r.artifact().name(), r.artifact().group() + ":" + r.artifact().artifactId() + ":" + r.artifact().version(),
                    r.artifact().family(), r.javaFiles(), r.lines(),
                    r.resourceFiles(), r.seconds(), r.findings(), r.errors().size()));
        }
        out.append(String.format(Locale.ROOT, "| **all** | | | %,d | %,d | %,d | %.1f | %d | %d |%n%n", files, lines,
                runs.stream().mapToInt(ArtifactRun::resourceFiles).sum(),
                runs.stream().mapToDouble(ArtifactRun::seconds).sum(), rows.size(),
                runs.stream().mapToInt(r -> r.errors().size()).sum()));

        out.append("## Findings by rule and artifact\n\n");
        Map<String, Map<String, Integer>> grid = new TreeMap<>();
        for (Row r : rows) {
            grid.computeIfAbsent(r.rule(), k -> new TreeMap<>()).merge(r.artifact(), 1, Integer::sum);
        }
        if (grid.isEmpty()) {
            out.append("No findings.\n\n");
        }
        grid.forEach((rule, perArtifact) -> out.append("- ").append(rule).append(": ")
                .append(String.join(", ", perArtifact.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n'));
        out.append('\n');

        if (!nowFound.isEmpty()) {
            out.append("## Known misses now found (").append(nowFound.size()).append(")\n\n");
            for (Miss x : nowFound) {
                out.append("- ").append(x.artifact()).append(' ').append(x.path()).append(':').append(x.line())
                        .append(' ').append(x.rule()).append('\n');
            }
            out.append('\n');
        }

        int errors = runs.stream().mapToInt(r -> r.errors().size()).sum();
        out.append("## Processing errors and notes (").append(errors).append(")\n\n");
        if (errors == 0) {
            out.append("None.\n");
        } else {
            out.append("Files or statements the engine could not read (all of them, one a line, are in "
                    + "realworld-errors.tsv beside this report). The first ").append(ERRORS_SHOWN)
                    .append(" of each artifact:\n\n");
            for (ArtifactRun r : runs) {
                for (String e : r.errors().subList(0, Math.min(ERRORS_SHOWN, r.errors().size()))) {
                    out.append("- ").append(r.artifact().name()).append(' ').append(e).append('\n');
                }
                if (r.errors().size() > ERRORS_SHOWN) {
                    out.append("- ").append(r.artifact().name()).append(": ")
                            .append(r.errors().size() - ERRORS_SHOWN).append(" more\n");
                }
            }
        }
        return out.toString();
    }

    private static Set<Miss> nowFound(List<Row> rows, List<Miss> missed) {
        Set<Miss> found = new java.util.LinkedHashSet<>();
        for (Miss x : missed) {
            for (Row r : rows) {
                if (r.artifact().equals(x.artifact()) && r.path().equals(x.path()) && r.rule().equals(x.rule())
                        && Math.abs(r.line() - x.line()) <= DRIFT) {
                    found.add(x);
                }
            }
        }
        return found;
    }

    private static int count(Matching m, String rule, String verdict) {
        return (int) m.matched().entrySet().stream()
                .filter(e -> e.getKey().rule().equals(rule) && e.getValue().verdict().equals(verdict)).count();
    }

    private static String precision(int tp, int fp) {
        return tp + fp == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) tp / (tp + fp));
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    private static void writeFindings(Path file, List<Row> rows) throws IOException {
        StringBuilder out = new StringBuilder("artifact\tpath\tline\trule\tmessage\n");
        for (Row r : rows) {
            out.append(r.artifact()).append('\t').append(r.path()).append('\t').append(r.line()).append('\t')
                    .append(r.rule()).append('\t').append(oneLine(r.message())).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static void writeErrors(Path file, List<ArtifactRun> runs) throws IOException {
        StringBuilder out = new StringBuilder("artifact\tpath:line: reason\n");
        for (ArtifactRun r : runs) {
            r.errors().forEach(e -> out.append(r.artifact().name()).append('\t').append(e).append('\n'));
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    // ---- the committed files: tab-separated, '#' comments, a header line naming the columns ----

    static List<Artifact> readArtifacts(Path file) throws IOException {
        List<Artifact> out = new ArrayList<>();
        for (String[] c : table(file, "id", 7)) {
            out.add(new Artifact(c[0], c[1], c[2], c[3], c[4], c[5].isBlank() ? null : c[5], c[6]));
        }
        return out;
    }

    static List<Verdict> readTriage(Path file) throws IOException {
        List<Verdict> out = new ArrayList<>();
        for (String[] c : table(file, "artifact", 6)) {
            if (!VERDICTS.contains(c[4])) {
                throw new IllegalArgumentException(file + ": verdict must be one of " + VERDICTS + ", got '" + c[4]
                        + "' for " + String.join(" ", c[0], c[1], c[2], c[3]));
            }
            if (c[5].isBlank()) {
                throw new IllegalArgumentException(file + ": a verdict needs a reason: " + String.join(" ", c));
            }
            out.add(new Verdict(c[0], c[1], Integer.parseInt(c[2]), c[3], c[4], c[5]));
        }
        return out;
    }

    static List<Miss> readMissed(Path file) throws IOException {
        List<Miss> out = new ArrayList<>();
        for (String[] c : table(file, "artifact", 5)) {
            out.add(new Miss(c[0], c[1], Integer.parseInt(c[2]), c[3], c[4]));
        }
        return out;
    }

    /** Rows of a TSV file with at least {@code columns} columns; the header (first column = header) is skipped. */
    private static List<String[]> table(Path file, String header, int columns) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c[0].equals(header)) {
                continue;
            }
            if (c.length < columns) {
                throw new IllegalArgumentException(file + ":" + n + ": expected " + columns
                        + " tab-separated columns, got " + c.length);
            }
            out.add(c);
        }
        return out;
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static long lineCount(Path f) {
        try {
            byte[] bytes = Files.readAllBytes(f);
            long n = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
