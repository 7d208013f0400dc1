package dev.dbcheck.finding;

import java.nio.file.Path;
import java.util.List;

/**
 * How an analysis compares with the baseline it was given.
 *
 * @param file the baseline file
 * @param unchanged findings the baseline already holds (reported apart, never failing the build), sorted
 * @param absent baseline entries no finding matches any more: fixed, or changed beyond recognition
 */
public record BaselineOutcome(Path file, List<Finding> unchanged, List<BaselineEntry> absent) {

    public BaselineOutcome {
        unchanged = List.copyOf(unchanged);
        absent = List.copyOf(absent);
    }
}
