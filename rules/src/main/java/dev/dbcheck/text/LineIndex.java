package dev.dbcheck.text;

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
        // indexOf, not a charAt loop: it is vectorised, and a long script is scanned more than once.
        int[] starts = new int[16];
        int count = 1;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = nl + 1;
        }
        return new LineIndex(java.util.Arrays.copyOf(starts, count));
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
