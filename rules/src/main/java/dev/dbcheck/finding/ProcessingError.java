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
}
