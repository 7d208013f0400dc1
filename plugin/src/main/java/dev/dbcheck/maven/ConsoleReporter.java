package dev.dbcheck.maven;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.logging.Log;

/**
 * Prints an analysis result to the build log. Finding lines use the javac / maven-compiler-plugin shape
 * {@code /abs/File.java:[line,col] RuleId: message} because IntelliJ and CI log parsers turn exactly that shape
 * into clickable positions; Maven adds the {@code [ERROR]}/{@code [WARNING]}/{@code [INFO]} prefix.
 */
final class ConsoleReporter {

    private final Log log;

    ConsoleReporter(Log log) {
        this.log = log;
    }

    void report(AnalysisResult result) {
        for (Finding f : result.findings()) {
            print(f.severity(), findingLine(f));
        }
        for (ProcessingError e : result.processingErrors()) {
            log.warn(processingErrorLine(e));
        }
        String analysed = "in " + plural(result.javaFiles(), "Java file") + " and "
                + plural(result.resourceFiles(), "resource file") + " analysed";
        List<Finding> findings = result.findings();
        if (findings.isEmpty()) {
            log.info("dbcheck: no findings " + analysed);
        } else {
            log.info("dbcheck: " + plural(findings.size(), "finding") + " (" + FailurePolicy.breakdown(
                    countBySeverity(findings)) + ") " + analysed);
            Map<String, Map<Severity, Long>> byRule = new TreeMap<>();
            for (Finding f : findings) {
                byRule.computeIfAbsent(f.ruleId(), k -> new EnumMap<>(Severity.class))
                        .merge(f.severity(), 1L, Long::sum);
            }
            byRule.forEach((rule, counts) -> log.info("dbcheck:   " + rule + ": "
                    + counts.values().stream().mapToLong(Long::longValue).sum()
                    + " (" + FailurePolicy.breakdown(counts) + ")"));
        }
        if (!result.processingErrors().isEmpty()) {
            log.warn("dbcheck: " + plural(result.processingErrors().size(), "processing error")
                    + " (listed above): the affected files were not fully analysed");
        }
    }

    static String findingLine(Finding f) {
        return f.file() + ":[" + f.beginLine() + "," + f.beginColumn() + "] " + f.ruleId() + ": " + f.message();
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
}
