package dev.dbcheck.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text put together from pieces of a file (XML text nodes, a YAML block scalar) and synthetic pieces (the
 * {@code WHERE} that a MyBatis {@code <where>} stands for), which remembers where each file piece came from,
 * so that a statement found at an offset of the text is reported at its line and column in the file.
 */
public final class MappedSql {

    private record Segment(int start, int line, int column, boolean fromFile) {}

    private final StringBuilder text = new StringBuilder();
    private final List<Segment> segments = new ArrayList<>();

    /** Appends text that appears in the file starting at {@code line}:{@code column} (1-based). */
    public MappedSql append(String fileText, int line, int column) {
        segments.add(new Segment(text.length(), line, column, true));
        text.append(fileText);
        return this;
    }

    /** Appends text that is not in the file; its offsets map to the position of the nearest file text. */
    public MappedSql appendSynthetic(String synthetic) {
        segments.add(new Segment(text.length(), 0, 0, false));
        text.append(synthetic);
        return this;
    }

    public String text() {
        return text.toString();
    }

    /** The file position {line, column} of an offset of {@link #text()}. */
    public int[] position(int offset) {
        Segment at = null;
        int atEnd = text.length();
        for (int k = 0; k < segments.size(); k++) {
            Segment s = segments.get(k);
            if (s.start() > offset) {
                if (at == null && s.fromFile()) {
                    return new int[] {s.line(), s.column()};
                }
                break;
            }
            if (s.fromFile()) {
                at = s;
                atEnd = k + 1 < segments.size() ? segments.get(k + 1).start() : text.length();
            }
        }
        if (at == null) {
            for (Segment s : segments) {
                if (s.fromFile()) {
                    return new int[] {s.line(), s.column()};
                }
            }
            return new int[] {1, 1};
        }
        int line = at.line();
        int column = at.column();
        int end = Math.min(offset, atEnd);
        for (int i = at.start(); i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
