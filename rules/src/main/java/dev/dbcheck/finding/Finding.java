package dev.dbcheck.finding;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in one file. Lines and columns are 1-based; the end column is inclusive (the last
 * character of the flagged code), as JavaParser reports it.
 *
 * @param file absolute, normalised path of the file
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
        int endColumn) {

    /** Report order: by file, then position, then rule, then message. Makes output stable run to run. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::beginLine)
            .thenComparingInt(Finding::beginColumn)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
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
        return new Finding(ruleId, family, newSeverity, message, file, beginLine, beginColumn, endLine, endColumn);
    }
}
