package dev.dbcheck.engine;

/**
 * The lexical pieces the engine's text scans share (the relevance filter's lexer, the cut text of
 * {@link DeclarationText}): skipping a comment or a literal, and translating unicode escapes first, as the
 * parser does, so that what the scans see is what JavaParser sees.
 */
final class JavaText {

    private JavaText() {}

    /** JLS 3.3: {@code \\uXXXX} escapes become their characters before lexing (a name can hide in them). */
    static String unicodeEscapesTranslated(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < len && text.charAt(i + 1) == 'u' && escapedBackslash(text, i - 1)) {
                int j = i + 1;
                while (j < len && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= len) {
                    try {
                        out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                        i = j + 3;
                        continue;
                    } catch (NumberFormatException e) {
                        // not an escape: kept as written
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Whether {@code word} (an identifier) may occur in {@code s} as a whole identifier: true when it occurs
     * with no identifier character either side, and whenever the text has a unicode escape (which could spell it).
     */
    static boolean containsWord(String s, String word) {
        if (s.contains("\\u")) {
            return true;
        }
        for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) {
            int end = i + word.length();
            if ((i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))
                    && (end == s.length() || !Character.isJavaIdentifierPart(s.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** The end of the identifier starting at {@code start} (a Java identifier start character). */
    static int identifierEnd(char[] s, int start) {
        int i = start + 1;
        while (i < s.length && isIdentifierPart(s[i])) {
            i++;
        }
        return i;
    }

    /**
     * The end of the comment, string, text block or char literal starting at {@code i}, or {@code i} when none
     * starts there. An unterminated one ends at the end of its line (a literal) or of the file (a comment).
     */
    static int skipCommentOrLiteral(char[] s, int i) {
        int len = s.length;
        char c = s[i];
        if (c == '/' && i + 1 < len && s[i + 1] == '/') {
            int end = i + 2;
            while (end < len && s[end] != '\n') {
                end++;
            }
            return end;
        }
        if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            for (int end = i + 2; end + 1 < len; end++) {
                if (s[end] == '*' && s[end + 1] == '/') {
                    return end + 2;
                }
            }
            return len;
        }
        if (c == '"' && tripleQuote(s, i)) {
            int j = i + 3;
            while (j < len) {
                char d = s[j];
                if (d == '\\') {
                    j += 2;
                } else if (d == '"' && tripleQuote(s, j)) {
                    return j + 3;
                } else {
                    j++;
                }
            }
            return len;
        }
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < len && s[j] != c && s[j] != '\n') {
                j += s[j] == '\\' ? 2 : 1;
            }
            return Math.min(len, j + 1);
        }
        return i;
    }

    private static boolean tripleQuote(char[] s, int i) {
        return i + 2 < s.length && s[i] == '"' && s[i + 1] == '"' && s[i + 2] == '"';
    }

    private static final boolean[] ASCII_START = new boolean[128];
    private static final boolean[] ASCII_PART = new boolean[128];
    private static final boolean[] ASCII_WHITESPACE = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_START[c] = Character.isJavaIdentifierStart(c);
            ASCII_PART[c] = Character.isJavaIdentifierPart(c);
            ASCII_WHITESPACE[c] = Character.isWhitespace(c);
        }
    }

    /** {@link Character#isJavaIdentifierStart(char)}, from a table for ASCII. */
    static boolean isIdentifierStart(char c) {
        return c < 128 ? ASCII_START[c] : Character.isJavaIdentifierStart(c);
    }

    /** {@link Character#isJavaIdentifierPart(char)}, from a table for ASCII. */
    static boolean isIdentifierPart(char c) {
        return c < 128 ? ASCII_PART[c] : Character.isJavaIdentifierPart(c);
    }

    /** {@link Character#isWhitespace(char)}, from a table for ASCII. */
    static boolean isWhitespace(char c) {
        return c < 128 ? ASCII_WHITESPACE[c] : Character.isWhitespace(c);
    }

    private static boolean escapedBackslash(String text, int at) {
        int n = 0;
        while (at - n >= 0 && text.charAt(at - n) == '\\') {
            n++;
        }
        return n % 2 == 0;
    }
}
