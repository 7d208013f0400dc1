package dev.dbcheck.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each line of a text starts, so that an offset becomes a 1-based line and column. The one place that
 * turns offsets into positions for the SQL splitter and the XML tree.
 */
public final class LineIndex {

    private final int[] lineStarts;

    private LineIndex(int[] lineStarts) {
        this.lineStarts = lineStarts;
    }

    public static LineIndex of(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return new LineIndex(starts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The 1-based line of {@code offset}. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** The 1-based column of {@code offset} on its line. */
    public int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The offset of a 1-based line and column, clamped to {@code [0, length]}. */
    public int offsetOf(int line, int column, int length) {
        if (line < 1 || line > lineStarts.length) {
            return length;
        }
        return Math.min(length, lineStarts[line - 1] + Math.max(0, column - 1));
    }
}
