package dev.dbcheck.finding;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in one file. Lines and columns are 1-based; the end column is inclusive (the last
 * character of the flagged code), as JavaParser reports it.
 *
 * @param file absolute, normalised path of the file
 * @param details the console sentence, the evidence behind the severity and the path that reaches the finding
 *     ({@link Details#NONE} when the rule gave none)
 */
public record Finding(
        String ruleId,
        Family family,
        Severity severity,
        String message,
        Path file,
        int beginLine,
        int beginColumn,
        int endLine,
        int endColumn,
        Details details) {

    /** Report order: by file, then position, then rule, then message. Makes output stable run to run. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::beginLine)
            .thenComparingInt(Finding::beginColumn)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    /** A finding with no details: the console shortens its message. */
    public Finding(String ruleId, Family family, Severity severity, String message, Path file, int beginLine,
            int beginColumn, int endLine, int endColumn) {
        this(ruleId, family, severity, message, file, beginLine, beginColumn, endLine, endColumn, Details.NONE);
    }

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
        details = details == null ? Details.NONE : details;
        if (beginLine < 1 || beginColumn < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + beginLine + ":" + beginColumn);
        }
        if (endLine < beginLine || (endLine == beginLine && endColumn < beginColumn)) {
            // A zero-width or inverted range: collapse it to the begin position.
            endLine = beginLine;
            endColumn = beginColumn;
        }
    }

    /** The same finding at another severity (per-rule severity overrides). */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, family, newSeverity, message, file, beginLine, beginColumn, endLine, endColumn,
                details);
    }

    /** The one sentence for a console line, or null when the rule wrote none. */
    public String headline() {
        return details.headline();
    }
}
