package dev.dbcheck.finding;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * A file that could not be analysed (or a rule that failed on it). The analysis of every other file goes
 * on; the error is reported with its position so the user can find it.
 *
 * @param line 1-based, or 0 when the problem has no position
 * @param column 1-based, or 0 when the problem has no position
 */
public record ProcessingError(Path file, int line, int column, String reason) {

    public static final Comparator<ProcessingError> ORDER = Comparator.comparing((ProcessingError e) -> e.file()
                    .toString())
            .thenComparingInt(ProcessingError::line)
            .thenComparingInt(ProcessingError::column)
            .thenComparing(ProcessingError::reason);

    /**
     * True when the error is a failure of dbcheck itself (a rule threw or gave up, the engine failed), not a
     * note about unreadable input. Tests and the robustness run fail on these; they must never pass for a note.
     */
    public boolean internal() {
        return reason.startsWith("Rule ") && (reason.contains(" failed: ") || reason.contains(" gave up: "))
                || reason.startsWith("Internal error") || reason.startsWith("Cannot read the suppressions");
    }

    /**
     * True for a note about part of a file that a rule skipped (an SQL statement or a changelog it cannot read),
     * as opposed to a dbcheck failure ({@link #internal()}) or a Java file that was not analysed at all (it does
     * not parse, cannot be read, or is too deep or large). Consoles print notes at info level, apart from findings.
     */
    public boolean note() {
        return !internal() && !reason.startsWith("Parse error") && !reason.startsWith("Cannot read the file")
                && !reason.startsWith("The file is");
    }
}
