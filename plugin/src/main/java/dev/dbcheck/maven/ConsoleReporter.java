package dev.dbcheck.maven;

import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.BaselineOutcome;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.suppress.SuppressedFinding;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;

/**
 * Prints an analysis result to the build log. Finding lines use the javac / maven-compiler-plugin shape
 * {@code /abs/File.java:[line,col] RuleId: message} because IntelliJ and CI log parsers turn exactly that shape
 * into clickable positions; Maven adds the {@code [ERROR]}/{@code [WARNING]}/{@code [INFO]} prefix.
 */
final class ConsoleReporter {

    private final Log log;
    private final boolean verbose;

    /** Short lines; the full explanation with the fix in the reports, on the rule page, or with {@code verbose}. */
    ConsoleReporter(Log log) {
        this(log, false);
    }

    ConsoleReporter(Log log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    void report(AnalysisResult result) {
        for (Finding f : result.findings()) {
            print(f.severity(), findingLine(f));
        }
        // Failures and files not analysed at all warn; notes about skipped statements are information.
        List<ProcessingError> notes = result.processingErrors().stream().filter(ProcessingError::note).toList();
        List<ProcessingError> errors = result.processingErrors().stream().filter(e -> !e.note()).toList();
        for (ProcessingError e : errors) {
            log.warn(processingErrorLine(e));
        }
        for (ProcessingError e : notes) {
            log.info(processingErrorLine(e));
        }
        BaselineOutcome baseline = result.baseline();
        if (baseline != null && !baseline.unchanged().isEmpty()) {
            // Known findings: listed so they stay visible, at INFO so they do not read as new problems.
            log.info("dbcheck: " + plural(baseline.unchanged().size(), "finding") + " in the baseline "
                    + baseline.file() + " (not failing the build):");
            for (Finding f : baseline.unchanged()) {
                log.info(findingLine(f));
            }
        }
        String analysed = "in " + plural(result.javaFiles(), "Java file") + " and "
                + plural(result.resourceFiles(), "resource file") + " analysed";
        List<Finding> findings = result.findings();
        String noun = baseline == null ? "finding" : "new finding";
        if (findings.isEmpty()) {
            log.info("dbcheck: no " + noun + "s " + analysed);
        } else {
            log.info("dbcheck: " + plural(findings.size(), noun) + " (" + FailurePolicy.breakdown(
                    countBySeverity(findings)) + ") " + analysed);
            Map<String, Map<Severity, Long>> byRule = new TreeMap<>();
            for (Finding f : findings) {
                byRule.computeIfAbsent(f.ruleId(), k -> new EnumMap<>(Severity.class))
                        .merge(f.severity(), 1L, Long::sum);
            }
            byRule.forEach((rule, counts) -> log.info("dbcheck:   " + rule + ": "
                    + counts.values().stream().mapToLong(Long::longValue).sum()
                    + " (" + FailurePolicy.breakdown(counts) + ")"));
            if (!verbose) {
                log.info("dbcheck: why and how to fix: mvn dbcheck:explain -Drule=<RuleId>, the SARIF or HTML "
                        + "report, or -Ddbcheck.verbose=true for the full text here");
            }
        }
        if (!result.suppressed().isEmpty()) {
            Map<String, Long> byRule = new TreeMap<>();
            for (SuppressedFinding s : result.suppressed()) {
                byRule.merge(s.finding().ruleId(), 1L, Long::sum);
            }
            log.info("dbcheck: " + plural(result.suppressed().size(), "finding") + " suppressed in source ("
                    + byRule.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")) + "), listed in the SARIF report");
        }
        if (baseline != null && !baseline.absent().isEmpty()) {
            log.info("dbcheck: " + plural(baseline.absent().size(), "baseline entry", "baseline entries")
                    + " no longer match" + (baseline.absent().size() == 1 ? "es" : "")
                    + ": remove them with mvn dbcheck:baseline");
        }
        if (!errors.isEmpty()) {
            log.warn("dbcheck: " + plural(errors.size(), "processing error")
                    + " (listed above): the affected files were not fully analysed");
        }
        // Unreadable configuration files, grouped by why: each group is one line a person can act on.
        Map<String, Set<java.nio.file.Path>> unreadable = new TreeMap<>();
        List<ProcessingError> otherNotes = new java.util.ArrayList<>();
        for (ProcessingError e : notes) {
            Optional<String> cause = unreadableConfigurationCause(e);
            if (cause.isPresent()) {
                unreadable.computeIfAbsent(cause.get(), c -> new TreeSet<>()).add(e.file());
            } else {
                otherNotes.add(e);
            }
        }
        unreadable.forEach((cause, files) -> log.info("dbcheck: " + plural(files.size(), "configuration file")
                + " could not be read (" + cause + "), listed above and in the reports; the rest of the project "
                + "was analysed"));
        if (!otherNotes.isEmpty()) {
            log.info("dbcheck: " + plural(otherNotes.size(), "processing note")
                    + " (listed above): statements that dbcheck could not read were skipped, not guessed");
        }
    }

    /** "tab indentation" for a configuration file that cannot be read because of tabs; empty for other notes. */
    static Optional<String> unreadableConfigurationCause(ProcessingError e) {
        String reason = e.reason();
        if (!reason.startsWith(ConfigFiles.UNREADABLE)) {
            return Optional.empty();
        }
        int open = reason.indexOf(" (", ConfigFiles.UNREADABLE.length());
        int close = open < 0 ? -1 : reason.indexOf("): ", open);
        return close < 0 ? Optional.empty() : Optional.of(reason.substring(open + 2, close));
    }

    /** The javac shape ({@code file:[line,column] RuleId: message}), which IDE consoles turn into links. */
    String findingLine(Finding f) {
        String position = f.file() + ":[" + f.beginLine() + "," + f.beginColumn() + "] " + f.ruleId() + ": ";
        if (!verbose) {
            return position + (f.headline() != null ? f.headline() : ShortMessage.of(f.message()));
        }
        StringBuilder line = new StringBuilder(position).append(f.message());
        if (!f.details().evidence().isEmpty()) {
            line.append(System.lineSeparator()).append("    why this severity: ").append(f.details().evidence()
                    .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
        }
        for (Details.Step step : f.details().path()) {
            // The javac shape again, so that each step of the path is a link in the IDE's console too.
            line.append(System.lineSeparator()).append("    ").append(step.file()).append(":[").append(step.line())
                    .append(",").append(step.column()).append("] ").append(step.description());
        }
        return line.toString();
    }

    static String processingErrorLine(ProcessingError e) {
        // Without a position the bracket would point nowhere; the path alone still links to the file.
        String position = e.line() > 0 ? ":[" + e.line() + "," + Math.max(1, e.column()) + "]" : "";
        return e.file() + position + " Processing error: " + e.reason();
    }

    private void print(Severity severity, String line) {
        switch (severity) {
            case ERROR -> log.error(line);
            case WARNING -> log.warn(line);
            case INFO -> log.info(line);
        }
    }

    private static Map<Severity, Long> countBySeverity(List<Finding> findings) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            counts.merge(f.severity(), 1L, Long::sum);
        }
        return counts;
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String plural(long count, String singular, String pluralForm) {
        return count + " " + (count == 1 ? singular : pluralForm);
    }
}
