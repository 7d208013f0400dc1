package dev.dbcheck.sql;

import dev.dbcheck.text.LineIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text (a migration file, a Java string constant, a Liquibase {@code <sql>} change) into statements
 * at the {@code ;} that ends each one, the way database clients do: a {@code ;} inside a comment ({@code --},
 * MySQL {@code #} at the start of a line,
 * {@code /* *}{@code /}), a string literal ({@code '...'} with {@code ''} escapes, {@code E'...'} with
 * backslash escapes), a quoted identifier ({@code "..."}, {@code `...`}) or a PostgreSQL dollar-quoted body
 * ({@code $$...$$}, {@code $tag$...$tag$}) does not end a statement.
 *
 * <p>SQL Server's {@code GO} alone on a line separates statements too. Each statement keeps the offset, line and column of its first token (comments before it are skipped), so
 * findings point at the statement's first line in the file. Stateless and thread-safe.
 */
public final class SqlSplitter {

    private SqlSplitter() {}

    /**
     * One statement of a script, without its terminating {@code ;}.
     *
     * @param code the text with comments, string literals and dollar-quoted bodies blanked (same offsets), for
     *     reading its structure with patterns
     * @param bodies the dollar-quoted bodies ({@code DO $$ ... $$}, a function's {@code AS $$ ... $$}): offsets
     *     in the script of each body's first character and of the character after it
     */
    public record Piece(String text, String code, int offset, int line, int column, Set<String> words,
            List<int[]> bodies, boolean unterminated) {

        /** Whether the statement contains this keyword outside comments, literals and quoted identifiers. */
        public boolean mentions(String keyword) {
            return words.contains(keyword.toUpperCase(Locale.ROOT));
        }

        /** The statement's first word in upper case ({@code DELETE}, {@code WITH}), or "" if it starts otherwise. */
        public String firstWord() {
            int end = 0;
            while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            return text.substring(0, end).toUpperCase(Locale.ROOT);
        }
    }

    /** The statements of {@code sql}, in order; blank and comment-only pieces are dropped. */
    public static List<Piece> split(String sql) {
        List<Piece> out = new ArrayList<>();
        LineIndex lines = LineIndex.of(sql);
        char[] masked = sql.toCharArray();
        // The text as an array for the main loop (charAt checks every index, and a script with non-Latin
        // comments is UTF-16).
        char[] src = sql.toCharArray();
        int n = sql.length();
        int start = -1;
        Set<String> words = new HashSet<>();
        List<int[]> bodies = new ArrayList<>();
        int i = 0;
        while (i < n) {
            char c = src[i];
            if (c == '-' && i + 1 < n && src[i + 1] == '-') {
                i = blank(masked, i, endOfLine(sql, i));
                continue;
            }
            if (c == '#' && startsLine(sql, i)) {
                // MySQL line comment; elsewhere '#' is an operator (PostgreSQL XOR), never at a line start.
                i = blank(masked, i, endOfLine(sql, i));
                continue;
            }
            if (c == '/' && i + 1 < n && src[i + 1] == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    if (start >= 0) {
                        out.add(piece(sql, masked, start, n, lines, words, bodies, true));
                    }
                    return out;
                }
                i = blank(masked, i, end + 2);
                continue;
            }
            if ((c == 'G' || c == 'g') && isBatchSeparator(sql, i)) {
                // SQL Server's GO, alone on its line, ends a batch like a ';'.
                if (start >= 0) {
                    out.add(piece(sql, masked, start, i, lines, words, bodies, false));
                    start = -1;
                    words = new HashSet<>();
                    bodies = new ArrayList<>();
                }
                i += 2;
                continue;
            }
            if (c == ';') {
                if (start >= 0) {
                    out.add(piece(sql, masked, start, i, lines, words, bodies, false));
                    start = -1;
                    words = new HashSet<>();
                    bodies = new ArrayList<>();
                }
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            int end;
            if (c == '\'') {
                boolean backslash = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                end = endOfQuoted(sql, i, '\'', backslash);
                if (end > 0) {
                    blank(masked, i + 1, end - 1);
                }
            } else if (c == '"' || c == '`') {
                end = endOfQuoted(sql, i, c, false);
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                end = endOfDollarQuoted(sql, i);
                if (end > i + 1) {
                    // A body: kept for the procedural reading, blanked in the statement's own code.
                    int tag = sql.indexOf('$', i + 1) + 1;
                    int bodyEnd = end - (tag - i);
                    bodies.add(new int[] {tag, bodyEnd});
                    blank(masked, tag, bodyEnd);
                }
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && isIdentifierPart(src[j])) {
                    j++;
                }
                words.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
                i = j;
                continue;
            } else {
                i++;
                continue;
            }
            if (end < 0) {
                out.add(piece(sql, masked, start, n, lines, words, bodies, true));
                return out;
            }
            i = end;
        }
        if (start >= 0) {
            out.add(piece(sql, masked, start, n, lines, words, bodies, false));
        }
        return out;
    }

    private static Piece piece(String sql, char[] masked, int start, int end, LineIndex lines, Set<String> words,
            List<int[]> bodies, boolean unterminated) {
        String text = sql.substring(start, end).strip();
        String code = new String(masked, start, text.length());
        return new Piece(text, code, start, lines.lineOf(start), lines.columnOf(start), Set.copyOf(words),
                List.copyOf(bodies), unterminated);
    }

    /** Blanks {@code [from, to)} of the code (line breaks kept) and returns {@code to}. */
    private static int blank(char[] masked, int from, int to) {
        for (int k = from; k < to && k < masked.length; k++) {
            if (masked[k] != '\n') {
                masked[k] = ' ';
            }
        }
        return to;
    }

    /** {@code GO} alone on its line (surrounding blanks allowed). */
    private static boolean isBatchSeparator(String sql, int i) {
        if (i + 1 >= sql.length() || Character.toUpperCase(sql.charAt(i + 1)) != 'O' || !startsLine(sql, i)) {
            return false;
        }
        for (int j = i + 2; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsLine(String sql, int i) {
        for (int j = i - 1; j >= 0; j--) {
            char c = sql.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static int endOfLine(String sql, int i) {
        int nl = sql.indexOf('\n', i);
        return nl < 0 ? sql.length() : nl + 1;
    }

    /** The index after the closing quote, or -1 when the literal is not closed. */
    private static int endOfQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        int n = sql.length();
        if (!backslashEscapes) {
            // The next quote, found by indexOf (vectorised): a doubled quote is an escaped one.
            while (true) {
                int q = sql.indexOf(quote, i);
                if (q < 0) {
                    return -1;
                }
                if (q + 1 < n && sql.charAt(q + 1) == quote) {
                    i = q + 2;
                    continue;
                }
                return q + 1;
            }
        }
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** After a {@code $tag$ ... $tag$} body; a {@code $} that opens no tag (a {@code $1} parameter) is skipped. */
    private static int endOfDollarQuoted(String sql, int open) {
        int n = sql.length();
        int j = open + 1;
        if (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
        }
        if (j >= n || sql.charAt(j) != '$') {
            return open + 1;
        }
        String tag = sql.substring(open, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? -1 : close + tag.length();
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
        }
        return Character.isLetterOrDigit(c);
    }
}
