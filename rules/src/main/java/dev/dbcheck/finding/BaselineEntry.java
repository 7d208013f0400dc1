package dev.dbcheck.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * One known finding in the baseline file. It is matched by what it flags, not where: the rule, the file (relative
 * to the project, '/' separators), the normalised text of the flagged line, and the occurrence among findings with
 * the same rule, file and text. The message is kept for people reading the file; it is not matched.
 *
 * @param text the normalised flagged line, or null when the line could not be read (then the message is matched)
 * @param occurrence 1-based, counted in report order among entries with the same rule, file and text
 */
@JsonPropertyOrder({"rule", "file", "text", "occurrence", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaselineEntry(String rule, String file, String text, int occurrence, String message) {

    public static final Comparator<BaselineEntry> ORDER = Comparator.comparing(BaselineEntry::file)
            .thenComparing(BaselineEntry::rule)
            .thenComparing(e -> e.text() == null ? "" : e.text())
            .thenComparingInt(BaselineEntry::occurrence)
            .thenComparing(e -> e.message() == null ? "" : e.message());

    public BaselineEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(file, "file");
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence must be 1 or more, got " + occurrence);
        }
    }

    /** What is matched besides the rule and file: the line text, or the message when the line was unreadable. */
    public String matchText() {
        return text != null ? "line\0" + text : "message\0" + message;
    }
}
