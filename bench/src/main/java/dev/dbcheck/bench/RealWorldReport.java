package dev.dbcheck.bench;

import dev.dbcheck.bench.RealWorldRun.Corpus;
import dev.dbcheck.bench.RealWorldRun.ProjectRun;
import dev.dbcheck.bench.Triage.Matching;
import dev.dbcheck.bench.Triage.Miss;
import dev.dbcheck.bench.Triage.Row;
import dev.dbcheck.bench.Triage.Verdict;
import dev.dbcheck.rule.RuleMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The Markdown report of a real-code run: untriaged findings first (ready to paste into the triage), then the
 * triaged findings that disappeared, the verdicts per rule and per project with the findings at warning or error
 * apart from those at info, the findings by rule and project, the known misses now found, and the processing
 * errors.
 */
final class RealWorldReport {

    private RealWorldReport() {}

    /** Processing errors listed per project in the report; the errors file has them all. */
    static final int ERRORS_SHOWN = 5;

    /** Verdict counts of a set of findings: right, wrong, debatable, duplicate, deliberate, untriaged. */
    private record Counts(int findings, int[] kinds, int untriaged) {
        static Counts of(List<Row> rows, Matching m, Predicate<Row> which) {
            int[] kinds = new int[Triage.KINDS.size()];
            int n = 0;
            int untriaged = 0;
            for (Row r : rows) {
                if (!which.test(r)) {
                    continue;
                }
                n++;
                Verdict v = m.matched().get(r);
                if (v == null) {
                    untriaged++;
                } else {
                    kinds[Triage.KINDS.indexOf(v.kind())]++;
                }
            }
            return new Counts(n, kinds, untriaged);
        }

        int kind(String name) {
            return kinds[Triage.KINDS.indexOf(name)];
        }

        /** right / (right + wrong): debatable, duplicate and deliberate findings count in neither. */
        String precision() {
            int right = kind("right");
            int wrong = kind("wrong");
            return right + wrong == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) right / (right + wrong));
        }

        /** right / (right + wrong + debatable): a debatable finding counted as wrong. */
        String strictPrecision() {
            int right = kind("right");
            int rest = kind("wrong") + kind("debatable");
            return right + rest == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) right / (right + rest));
        }

        /** findings | right | wrong | debatable | duplicate | deliberate | untriaged */
        String cells() {
            StringBuilder out = new StringBuilder().append(findings);
            for (int k : kinds) {
                out.append(" | ").append(k);
            }
            return out.append(" | ").append(untriaged).toString();
        }
    }

    private static final String KIND_HEADER =
            "findings | right | wrong | debatable | duplicate | deliberate | untriaged";
    private static final String KIND_RULE = "---|---|---|---|---|---|---";

    static String write(Corpus corpus, List<ProjectRun> runs, List<Row> rows, List<RuleMetadata> rules, Matching m,
            List<Miss> missed) {
        StringBuilder out = new StringBuilder();
        String noun = corpus.noun();
        int files = runs.stream().mapToInt(ProjectRun::javaFiles).sum();
        long lines = runs.stream().mapToLong(ProjectRun::lines).sum();
        Counts all = Counts.of(rows, m, r -> !r.atInfo());
        Counts allInfo = Counts.of(rows, m, Row::atInfo);
        out.append("# Real-code run (").append(noun).append("s) ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append("\n\n");
        out.append(String.format(Locale.ROOT, "%d %ss, %,d Java files, %,d lines; %d rules at their default "
                + "configuration, no cache. %d findings, %d of them at warning or error (precision %s, %s with "
                + "debatable counted as wrong) and %d at info: %d triaged (%d matched with line drift of at most %d), "
                + "**%d untriaged**; %d triaged findings disappeared.%n%n", runs.size(), noun, files, lines,
                rules.size(), rows.size(), all.findings(), all.precision(), all.strictPrecision(), allInfo.findings(),
                m.matched().size(), m.drifted(), Triage.DRIFT, m.untriaged().size(), m.disappeared().size()));

        out.append("## Untriaged findings (").append(m.untriaged().size()).append(")\n\n");
        if (m.untriaged().isEmpty()) {
            out.append("None: every finding has a verdict in ").append(corpus.triageFile().getFileName())
                    .append(".\n\n");
        } else {
            out.append("Ready to paste into the triage file once the verdict (").append(String.join(", ", Triage.KINDS))
                    .append(") and a reason, written after reading the code, are filled in. The `#` line above each "
                            + "row is the finding's severity and message (comment lines are ignored).\n\n```\n");
            for (Row r : m.untriaged()) {
                out.append("# ").append(r.severity().name().toLowerCase(Locale.ROOT)).append(": ")
                        .append(RealWorldRun.oneLine(r.message())).append('\n');
                out.append(r.project()).append('\t').append(r.path()).append('\t').append(r.line()).append('\t')
                        .append(r.rule()).append("\t\t\n");
            }
            out.append("```\n\n");
        }

        out.append("## Triaged findings that disappeared (").append(m.disappeared().size()).append(")\n\n");
        if (m.disappeared().isEmpty()) {
            out.append("None.\n\n");
        } else {
            out.append("| ").append(noun)
                    .append(" | path | line | rule | verdict | reason |\n|---|---|---|---|---|---|\n");
            for (Verdict v : m.disappeared()) {
                out.append("| ").append(v.project()).append(" | ").append(v.path()).append(" | ").append(v.line())
                        .append(" | ").append(v.rule()).append(" | ").append(v.kind()).append(" | ")
                        .append(cell(v.reason())).append(" |\n");
            }
            out.append('\n');
        }

        Set<String> ruleIds = new TreeSet<>();
        rules.forEach(r -> ruleIds.add(r.id()));
        rows.forEach(r -> ruleIds.add(r.rule()));
        missed.forEach(x -> ruleIds.add(x.rule()));
        Set<Miss> nowFound = Triage.nowFound(rows, missed);
        out.append("## Per rule, at warning or error\n\n");
        out.append("Verdicts of the findings at warning or error (the ones that fail a build or show as warnings). "
                + "Precision is right / (right + wrong); \"strict\" counts debatable findings as wrong; duplicate "
                + "and deliberate findings count in neither. Known misses are the rows of the missed file (a rule, "
                + "or a family where no rule targets the shape); \"now found\" are those a finding of the same file "
                + "and rule within " + Triage.DRIFT + " lines now covers (move them to the triage).\n\n");
        out.append("| rule | ").append(KIND_HEADER)
                .append(" | precision | strict | at info | known misses | now found |\n");
        out.append("|---|").append(KIND_RULE).append("|---|---|---|---|---|\n");
        for (String id : ruleIds) {
            Counts c = Counts.of(rows, m, r -> r.rule().equals(id) && !r.atInfo());
            int info = Counts.of(rows, m, r -> r.rule().equals(id) && r.atInfo()).findings();
            long misses = missed.stream().filter(x -> x.rule().equals(id)).count();
            long found = nowFound.stream().filter(x -> x.rule().equals(id)).count();
            if (c.findings() + info + misses == 0) {
                continue; // silent rules are named together below
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d |%n", id, c.cells(),
                    c.precision(), c.strictPrecision(), info, misses, found));
        }
        List<String> silent = ruleIds.stream().filter(id -> rows.stream().noneMatch(r -> r.rule().equals(id))
                && missed.stream().noneMatch(x -> x.rule().equals(id))).toList();
        out.append(String.format(Locale.ROOT, "| **all** | %s | %s | %s | %d | %d | %d |%n%n", all.cells(),
                all.precision(), all.strictPrecision(), allInfo.findings(), missed.size(), nowFound.size()));
        if (!silent.isEmpty()) {
            out.append("No finding and no known miss: ").append(String.join(", ", silent)).append(".\n\n");
        }

        out.append("## Per rule, at info\n\nFindings a rule reports at info severity (say, a migration backfill), "
                + "triaged too but reported apart.\n\n");
        out.append("| rule | ").append(KIND_HEADER).append(" |\n|---|").append(KIND_RULE).append("|\n");
        for (String id : ruleIds) {
            Counts c = Counts.of(rows, m, r -> r.rule().equals(id) && r.atInfo());
            if (c.findings() > 0) {
                out.append("| ").append(id).append(" | ").append(c.cells()).append(" |\n");
            }
        }
        out.append("| **all** | ").append(allInfo.cells()).append(" |\n\n");

        out.append("## Per ").append(noun).append("\n\n");
        out.append("Wall time of one cold analysis (no cache) in one JVM after a warm-up run; threads: one per core. "
                + "Verdict columns count the findings at warning or error.\n\n");
        out.append("| id | source | family | Java files | lines | other files | time (s) | ").append(KIND_HEADER)
                .append(" | precision | at info | known misses | processing errors |\n");
        out.append("|---|---|---|---|---|---|---|").append(KIND_RULE).append("|---|---|---|---|\n");
        for (ProjectRun r : runs) {
            String name = r.project().name();
            Counts c = Counts.of(rows, m, x -> x.project().equals(name) && !x.atInfo());
            int info = Counts.of(rows, m, x -> x.project().equals(name) && x.atInfo()).findings();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %,d | %,d | %,d | %.1f | %s | %s | %d | %d | %d |%n",
                    name, r.project().source(), r.project().family(), r.javaFiles(), r.lines(), r.resourceFiles(),
                    r.seconds(), c.cells(), c.precision(), info,
                    missed.stream().filter(x -> x.project().equals(name)).count(), r.errors().size()));
        }
        out.append(String.format(Locale.ROOT, "| **all** | | | %,d | %,d | %,d | %.1f | %s | %s | %d | %d | %d |%n%n",
                files, lines, runs.stream().mapToInt(ProjectRun::resourceFiles).sum(),
                runs.stream().mapToDouble(ProjectRun::seconds).sum(), all.cells(), all.precision(),
                allInfo.findings(), missed.size(), runs.stream().mapToInt(r -> r.errors().size()).sum()));

        out.append("## Findings by rule and ").append(noun).append("\n\n");
        Map<String, Map<String, Integer>> grid = new TreeMap<>();
        for (Row r : rows) {
            grid.computeIfAbsent(r.rule(), k -> new TreeMap<>()).merge(r.project(), 1, Integer::sum);
        }
        if (grid.isEmpty()) {
            out.append("No findings.\n\n");
        }
        grid.forEach((rule, perProject) -> out.append("- ").append(rule).append(": ")
                .append(String.join(", ", perProject.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n'));
        out.append('\n');

        if (!nowFound.isEmpty()) {
            out.append("## Known misses now found (").append(nowFound.size()).append(")\n\n");
            for (Miss x : nowFound) {
                out.append("- ").append(x.project()).append(' ').append(x.path()).append(':').append(x.line())
                        .append(' ').append(x.rule()).append('\n');
            }
            out.append('\n');
        }

        int errors = runs.stream().mapToInt(r -> r.errors().size()).sum();
        out.append("## Processing errors and notes (").append(errors).append(")\n\n");
        if (errors == 0) {
            out.append("None.\n");
        } else {
            out.append("Files or statements the engine could not read (all of them, one a line, are in ")
                    .append(corpus.errorsFile().getFileName()).append(" beside this report). The first ")
                    .append(ERRORS_SHOWN).append(" of each ").append(noun).append(":\n\n");
            for (ProjectRun r : runs) {
                for (String e : r.errors().subList(0, Math.min(ERRORS_SHOWN, r.errors().size()))) {
                    out.append("- ").append(r.project().name()).append(' ').append(e).append('\n');
                }
                if (r.errors().size() > ERRORS_SHOWN) {
                    out.append("- ").append(r.project().name()).append(": ")
                            .append(r.errors().size() - ERRORS_SHOWN).append(" more\n");
                }
            }
        }
        return out.toString();
    }

    private static String cell(String s) {
        return RealWorldRun.oneLine(s).replace("|", "\\|");
    }
}
