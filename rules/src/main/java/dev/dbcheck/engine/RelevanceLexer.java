package dev.dbcheck.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * The relevance filter's reading of a Java file as text ({@link RelevanceFilter}): its words, and what a small lexer
 * that skips comments and literals finds of its structure. No parse: scanning text costs a few percent of parsing it.
 */
final class RelevanceLexer {

    private RelevanceLexer() {}

    /**
     * @param qualified every dotted name of several parts in the code, and each such prefix of one
     * @param onDemand the names before a {@code .*} (on-demand imports)
     * @param called the identifiers followed, after white space and comments, by {@code (}: every method a call
     *     names ({@code x.count(}, {@code this.<T>scan(}), and the methods, constructors and annotations with
     *     arguments that the file declares or uses
     */
    record Lexed(String packageName, Set<String> identifiers, Set<String> declared, Set<String> supertypes,
            Set<String> qualified, Set<String> onDemand, Set<String> called) {}

    private static final Set<String> DECLARING = Set.of("class", "interface", "enum", "record");

    /**
     * The code tokens of a file (comments, string, char and text-block literals skipped): the package, the
     * declared names, the names in extends/implements clauses. A malformed file lexes to what it can.
     */
    static Lexed lex(String source) {
        // Over a char array, with each distinct word made a string once (most words repeat): this lexes every file
        // of a project, and String.charAt on a text with non-Latin-1 characters (comments) checks each index.
        char[] text = source.toCharArray();
        Words words = new Words();
        StringBuilder pkg = null;
        String packageName = null;
        Set<String> declared = new HashSet<>();
        Set<String> supertypes = new HashSet<>();
        Set<String> qualified = new HashSet<>();
        Set<String> onDemand = new HashSet<>();
        Set<String> called = new HashSet<>();
        StringBuilder dotted = null;
        boolean identifierLast = false;
        boolean afterDot = false;
        String previous = "";
        boolean inSupertypes = false;
        int len = text.length;
        int i = 0;
        while (i < len) {
            char c = text[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                // White space changes nothing below (the general branch ignores it too).
                i++;
                continue;
            }
            int skipped = c == '/' || c == '"' || c == '\'' ? JavaText.skipCommentOrLiteral(text, i) : i;
            if (skipped > i) {
                i = skipped;
            } else if (JavaText.isIdentifierStart(c)) {
                int start = i;
                i = JavaText.identifierEnd(text, start);
                String w = words.word(text, start, i);
                if (openParenthesisAt(text, i)) {
                    called.add(w);
                }
                // Dotted names (imports, qualified names, call chains), every prefix of several parts.
                if (afterDot && dotted != null) {
                    dotted.append('.').append(w);
                    qualified.add(dotted.toString());
                } else {
                    dotted = new StringBuilder(w);
                }
                identifierLast = true;
                afterDot = false;
                if (pkg != null) {
                    pkg.append(w);
                } else if (packageName == null && w.equals("package") && declared.isEmpty()) {
                    pkg = new StringBuilder();
                } else if (DECLARING.contains(previous)) {
                    declared.add(w);
                } else if (w.equals("extends") || w.equals("implements") || w.equals("permits")) {
                    inSupertypes = true;
                } else if (inSupertypes) {
                    supertypes.add(w);
                }
                previous = w;
            } else {
                if (pkg != null) {
                    if (c == ';') {
                        packageName = pkg.toString();
                        pkg = null;
                    } else if (c == '.') {
                        pkg.append('.');
                    }
                }
                if (c == '{' || c == ';' || c == '(') {
                    inSupertypes = false;
                }
                boolean whitespace = JavaText.isWhitespace(c);
                if (!whitespace && c != '@') {
                    previous = "";
                }
                if (c == '*' && afterDot && dotted != null) {
                    onDemand.add(dotted.toString());
                }
                if (c == '.') {
                    afterDot = identifierLast;
                    identifierLast = false;
                } else if (!whitespace) {
                    dotted = null;
                    identifierLast = false;
                    afterDot = false;
                }
                i++;
            }
        }
        return new Lexed(packageName == null ? "" : packageName, words.distinct, declared, supertypes, qualified,
                onDemand, called);
    }

    /** Whether the next code character from {@code i} (white space and comments skipped) is {@code (}. */
    private static boolean openParenthesisAt(char[] text, int i) {
        int len = text.length;
        while (i < len) {
            char c = text[i];
            if (c == '(') {
                return true;
            }
            if (JavaText.isWhitespace(c)) {
                i++;
            } else if (c == '/' && JavaText.skipCommentOrLiteral(text, i) > i) {
                i = JavaText.skipCommentOrLiteral(text, i);
            } else {
                return false;
            }
        }
        return false;
    }

    /** The words of one file: each distinct one made a string once, by an open-addressing table over the text. */
    private static final class Words {
        final Set<String> distinct = new HashSet<>();
        private String[] table = new String[1024];
        private int size;

        String word(char[] text, int start, int end) {
            int hash = 0;
            for (int k = start; k < end; k++) {
                hash = 31 * hash + text[k];
            }
            int mask = table.length - 1;
            int slot = mix(hash) & mask;
            for (String w = table[slot]; w != null; w = table[slot]) {
                if (w.hashCode() == hash && sameChars(w, text, start, end)) {
                    return w;
                }
                slot = (slot + 1) & mask;
            }
            String w = new String(text, start, end - start);
            table[slot] = w;
            distinct.add(w);
            if (++size * 2 > table.length) {
                grow();
            }
            return w;
        }

        private static boolean sameChars(String w, char[] text, int start, int end) {
            if (w.length() != end - start) {
                return false;
            }
            for (int k = 0; k < w.length(); k++) {
                if (w.charAt(k) != text[start + k]) {
                    return false;
                }
            }
            return true;
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String w : old) {
                if (w != null) {
                    int slot = mix(w.hashCode()) & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = w;
                }
            }
        }
    }
}
