package dev.dbcheck.bench;

import dev.dbcheck.bench.Triage.Miss;
import dev.dbcheck.bench.Triage.Row;
import dev.dbcheck.bench.Triage.Verdict;
import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The real-code regression run: analyses each project of a corpus (every rule at its default configuration, no
 * cache), and compares the findings with the committed triage (one verdict per finding) and the known misses.
 * Writes a Markdown report ({@link RealWorldReport}) whose first section lists the findings nobody has triaged
 * yet, in the triage file's own format, and a TSV of every finding so that two runs can be diffed. Two corpora
 * use it: the library corpus here (each unpacked {@code -sources.jar} of the artifact list is one project) and
 * the application corpus of {@link AppsRun}.
 *
 * <p>Usage: {@code RealWorldRun <artifacts.tsv> <unpacked dir> <triage.tsv> <missed.tsv> <report.md> <findings.tsv>
 * [artifact ...]}; with artifact names, only those are analysed (and only their triage rows are compared).
 */
public final class RealWorldRun {

    /**
     * One project of a run: a library's unpacked sources jar or an exported application.
     *
     * @param source where it comes from (group:artifact:version, or owner/name@commit)
     * @param release the Java release its code is written for (null: the newest level the parser knows)
     */
    record Project(String name, String source, String family, String release, String why, Path base,
            List<Path> javaRoots, List<Path> resourceRoots) {}

    /** A corpus: what its projects are called in the report, and the files a run reads and writes. */
    record Corpus(String noun, Path triageFile, Path missedFile, Path report, Path findingsFile, Path errorsFile) {}

    record ProjectRun(Project project, int javaFiles, long lines, int resourceFiles, double seconds,
            int findings, List<String> errors) {}

    /** A line of artifacts.tsv. */
    record Artifact(String name, String group, String artifactId, String version, String family, String release,
            String why) {}

    public static void main(String[] args) throws Exception {
        Path list = Path.of(args[0]);
        Path unpacked = Path.of(args[1]).toAbsolutePath().normalize();
        Path findings = Path.of(args[5]);
        Corpus corpus = new Corpus("artifact", Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), findings,
                findings.resolveSibling("realworld-errors.tsv"));
        Set<String> only = new HashSet<>(List.of(args).subList(6, args.length));
        List<Project> projects = new ArrayList<>();
        for (Artifact a : readArtifacts(list)) {
            if (only.isEmpty() || only.contains(a.name())) {
                // The jar mixes sources and resources in one tree: it is both the Java root and the resource root.
                Path base = unpacked.resolve(a.name());
                if (!Files.isDirectory(base)) {
                    throw new IllegalStateException(base + " is missing: run bench/realworld.sh, which unpacks it");
                }
                projects.add(new Project(a.name(), a.group() + ":" + a.artifactId() + ":" + a.version(),
                        a.family(), a.release(), a.why(), base, List.of(base), List.of(base)));
            }
        }
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("no artifact of " + list + " matches " + only);
        }
        run(corpus, projects, "");
    }

    /**
     * Analyses every project (after one warm-up analysis of the first, so that its time is comparable with the
     * others'), matches the findings with the triage, and writes the report, the findings and the errors.
     *
     * @param appendix Markdown added at the end of the report (empty: none)
     */
    static void run(Corpus corpus, List<Project> projects, String appendix) throws Exception {
        List<Verdict> triage = Triage.readTriage(corpus.triageFile());
        List<Miss> missed = Triage.readMissed(corpus.missedFile());
        Set<String> names = new HashSet<>(projects.stream().map(Project::name).toList());

        analyze(projects.get(0), true);

        List<ProjectRun> runs = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<RuleMetadata> rules = List.of();
        List<String> filterRows = new ArrayList<>();
        double[] totals = new double[3];
        int filterDifferences = 0;
        for (Project p : projects) {
            long t0 = System.nanoTime();
            AnalysisResult r = analyze(p, true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Path> javaFiles = Benchmark.javaFiles(p.javaRoots());
            if (COMPARE_FILTER) {
                long t1 = System.nanoTime();
                AnalysisResult full = analyze(p, false);
                double fullSeconds = (System.nanoTime() - t1) / 1e9;
                // The floor the filter is measured against: JavaParser alone over the same files, same threads.
                long t2 = System.nanoTime();
                Benchmark.parseOnly(javaFiles, Runtime.getRuntime().availableProcessors(),
                        Benchmark.engineParserConfiguration());
                double parseSeconds = (System.nanoTime() - t2) / 1e9;
                totals[0] += parseSeconds;
                totals[1] += fullSeconds;
                totals[2] += seconds;
                String diff = filterDifference(full, r);
                filterRows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.2f | %s |", p.name(),
                        parseSeconds, fullSeconds, seconds, fullSeconds / parseSeconds, seconds / parseSeconds,
                        diff.isEmpty() ? "same" : diff));
                if (!diff.isEmpty()) {
                    filterDifferences++;
                }
            }
            rules = r.rules();
            for (Finding f : r.findings()) {
                rows.add(new Row(p.name(), relative(p.base(), f.file()), f.beginLine(), f.ruleId(), f.severity(),
                        f.message()));
            }
            long lines = 0;
            for (Path f : javaFiles) {
                lines += Benchmark.lineCount(f);
            }
            List<String> errors = new ArrayList<>();
            for (ProcessingError e : r.processingErrors()) {
                errors.add(relative(p.base(), e.file()) + ":" + e.line() + ": " + oneLine(e.reason()));
            }
            runs.add(new ProjectRun(p, r.javaFiles(), lines, r.resourceFiles(), seconds, r.findings().size(),
                    errors));
            System.out.printf(Locale.ROOT, "%-36s %5d files %8d lines %6.1f s %4d findings%n", p.name(),
                    r.javaFiles(), lines, seconds, r.findings().size());
        }
        rows.sort(Comparator.comparing(Row::project).thenComparing(Row::path).thenComparingInt(Row::line)
                .thenComparing(Row::rule).thenComparing(Row::message));

        List<Verdict> inScope = triage.stream().filter(v -> names.contains(v.project())).toList();
        Triage.Matching m = Triage.match(rows, inScope);
        writeFindings(corpus.findingsFile(), rows);
        writeErrors(corpus.errorsFile(), runs);
        String md = RealWorldReport.write(corpus, runs, rows, rules, m,
                missed.stream().filter(x -> names.contains(x.project())).toList());
        if (COMPARE_FILTER) {
            md += "\n## Relevance filter\n\nEach " + corpus.noun() + " analysed with every file parsed and with the "
                    + "relevance filter (parse errors of unparsed files aside, the results must be the same).\n\n"
                    + "| " + corpus.noun() + " | parse only (s) | every file parsed (s) | filtered (s) | every file / "
                    + "parse only | filtered / parse only | results |\n|---|---|---|---|---|---|---|\n"
                    + String.join("\n", filterRows) + "\n"
                    + String.format(Locale.ROOT, "| **all** | %.1f | %.1f | %.1f | %.2f | %.2f | |%n", totals[0],
                            totals[1], totals[2], totals[1] / totals[0], totals[2] / totals[0]);
            System.out.println("relevance filter: " + filterDifferences + " projects with different results");
        }
        md += appendix;
        Files.createDirectories(corpus.report().toAbsolutePath().getParent());
        Files.writeString(corpus.report(), md, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%d findings: %d triaged (%d with line drift), %d untriaged; "
                + "%d triaged findings disappeared%n", rows.size(), m.matched().size(), m.drifted(),
                m.untriaged().size(), m.disappeared().size());
    }

    /** One cold analysis of a project (no cache), every rule at its default configuration. */
    static AnalysisResult analyze(Project p, boolean relevanceFilter) {
        return analyze(p, relevanceFilter, dev.dbcheck.rule.RuleRegistry.all());
    }

    static AnalysisResult analyze(Project p, boolean relevanceFilter, List<dev.dbcheck.rule.Rule> rules) {
        // The release is what the plugin would read from maven.compiler.release (null: the newest level).
        return new Analyzer().analyze(AnalysisRequest.builder(p.base()).javaRoots(p.javaRoots())
                .resourceRoots(p.resourceRoots()).cacheFile(null).languageLevel(p.release())
                .relevanceFilter(relevanceFilter).rules(rules).log(s -> { }).build());
    }

    /**
     * {@code -Ddbcheck.compareFilter=true}: each project is analysed again with every file parsed, and the two
     * results compared (findings, suppressed findings, processing errors but the parse errors of files the
     * filter leaves unparsed); the table goes to the end of the report.
     */
    private static final boolean COMPARE_FILTER = Boolean.getBoolean("dbcheck.compareFilter");

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

    static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    private static void writeFindings(Path file, List<Row> rows) throws IOException {
        StringBuilder out = new StringBuilder("project\tpath\tline\trule\tseverity\tmessage\n");
        for (Row r : rows) {
            out.append(r.project()).append('\t').append(r.path()).append('\t').append(r.line()).append('\t')
                    .append(r.rule()).append('\t').append(r.severity().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(oneLine(r.message())).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static void writeErrors(Path file, List<ProjectRun> runs) throws IOException {
        StringBuilder out = new StringBuilder("project\tpath:line: reason\n");
        for (ProjectRun r : runs) {
            r.errors().forEach(e -> out.append(r.project().name()).append('\t').append(e).append('\n'));
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    static List<Artifact> readArtifacts(Path file) throws IOException {
        List<Artifact> out = new ArrayList<>();
        for (String[] c : Triage.table(file, 7)) {
            out.add(new Artifact(c[0], c[1], c[2], c[3], c[4], c[5].isBlank() ? null : c[5], c[6]));
        }
        return out;
    }

    static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
