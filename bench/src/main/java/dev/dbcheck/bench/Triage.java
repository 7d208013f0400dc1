package dev.dbcheck.bench;

import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed side of a real-code run, shared by the library run ({@link RealWorldRun}) and the application
 * run ({@link AppsRun}): triage verdicts, known misses, and how a run's findings are paired with them.
 *
 * <p>Matching a finding to a triage row: same project, path, rule and line; failing that, the nearest row of the
 * same project, path and rule at most {@value #DRIFT} lines away that no other finding matched. The sources are
 * pinned, so lines move only when a rule reports on another node of the same code; a wider drift is a new finding.
 */
final class Triage {

    private Triage() {}

    /** Largest line distance at which a triage row still matches a finding of the same file and rule. */
    static final int DRIFT = 5;

    /**
     * The verdicts, and the older names the library triage was written with: {@code TP} is right, {@code FP}
     * wrong, {@code intentional} deliberate (a statement its authors meant, such as a migration backfill).
     * {@code debatable}: true as stated but a judgement call; {@code duplicate}: the same defect another finding
     * already reports.
     */
    static final Map<String, String> VERDICTS = Map.of("right", "right", "wrong", "wrong", "debatable", "debatable",
            "duplicate", "duplicate", "deliberate", "deliberate", "TP", "right", "FP", "wrong", "intentional",
            "deliberate");

    /** The verdicts in the order the report's columns give them. */
    static final List<String> KINDS = List.of("right", "wrong", "debatable", "duplicate", "deliberate");

    /** One finding of a run, path relative to the project root with '/' separators. */
    record Row(String project, String path, int line, String rule, Severity severity, String message) {
        boolean atInfo() {
            return severity == Severity.INFO;
        }
    }

    /** One line of a triage.tsv. */
    record Verdict(String project, String path, int line, String rule, String verdict, String reason) {
        /** The verdict under its current name (see {@link #VERDICTS}). */
        String kind() {
            return VERDICTS.get(verdict);
        }
    }

    /**
     * One line of a missed.tsv: a case that should be flagged and is not. {@code rule} is the rule that should
     * fire, or, where no rule targets the shape yet, the family's id (e.g. {@code cache-stampede}).
     */
    record Miss(String project, String path, int line, String rule, String reason) {}

    record Matching(Map<Row, Verdict> matched, int drifted, List<Row> untriaged, List<Verdict> disappeared) {}

    /** Exact (project, path, rule, line) first, then the nearest unmatched row within {@link #DRIFT} lines. */
    static Matching match(List<Row> rows, List<Verdict> triage) {
        Map<String, List<Verdict>> byFile = new LinkedHashMap<>();
        for (Verdict v : triage) {
            byFile.computeIfAbsent(v.project() + '\t' + v.path() + '\t' + v.rule(), k -> new ArrayList<>()).add(v);
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
        return r.project() + '\t' + r.path() + '\t' + r.rule();
    }

    /** The known misses that a finding of the same file and rule within {@link #DRIFT} lines now covers. */
    static Set<Miss> nowFound(List<Row> rows, List<Miss> missed) {
        Set<Miss> found = new LinkedHashSet<>();
        for (Miss x : missed) {
            for (Row r : rows) {
                if (r.project().equals(x.project()) && r.path().equals(x.path()) && r.rule().equals(x.rule())
                        && Math.abs(r.line() - x.line()) <= DRIFT) {
                    found.add(x);
                }
            }
        }
        return found;
    }

    // ---- the committed files: tab-separated, '#' comments, a header line naming the columns ----

    static List<Verdict> readTriage(Path file) throws IOException {
        List<Verdict> out = new ArrayList<>();
        for (String[] c : table(file, 6)) {
            if (!VERDICTS.containsKey(c[4])) {
                throw new IllegalArgumentException(file + ": verdict must be one of " + KINDS + " (or TP, FP, "
                        + "intentional), got '" + c[4] + "' for " + String.join(" ", c[0], c[1], c[2], c[3]));
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
        for (String[] c : table(file, 5)) {
            out.add(new Miss(c[0], c[1], Integer.parseInt(c[2]), c[3], c[4]));
        }
        return out;
    }

    /**
     * Rows of a TSV file with at least {@code columns} columns. Blank lines, '#' comments and the header line (a
     * first row whose first column is {@code id}, {@code artifact} or {@code app}) are skipped.
     */
    static List<String[]> table(Path file, int columns) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        int n = 0;
        boolean header = true;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (header) {
                header = false;
                if (c[0].equals("id") || c[0].equals("artifact") || c[0].equals("app")) {
                    continue;
                }
            }
            if (c.length < columns) {
                throw new IllegalArgumentException(file + ":" + n + ": expected " + columns
                        + " tab-separated columns, got " + c.length);
            }
            out.add(c);
        }
        return out;
    }
}
