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
    static Lexed lex(String text) {
        StringBuilder pkg = null;
        String packageName = null;
        Set<String> identifiers = new HashSet<>();
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
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            int skipped = JavaText.skipCommentOrLiteral(text, i);
            if (skipped > i) {
                i = skipped;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                i = JavaText.identifierEnd(text, start);
                String w = text.substring(start, i);
                identifiers.add(w);
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
                if (!Character.isWhitespace(c) && c != '@') {
                    previous = "";
                }
                if (c == '*' && afterDot && dotted != null) {
                    onDemand.add(dotted.toString());
                }
                if (c == '.') {
                    afterDot = identifierLast;
                    identifierLast = false;
                } else if (!Character.isWhitespace(c)) {
                    dotted = null;
                    identifierLast = false;
                    afterDot = false;
                }
                i++;
            }
        }
        return new Lexed(packageName == null ? "" : packageName, identifiers, declared, supertypes, qualified,
                onDemand, called);
    }

    /** Whether the next code character from {@code i} (white space and comments skipped) is {@code (}. */
    private static boolean openParenthesisAt(String text, int i) {
        int len = text.length();
        while (i < len) {
            char c = text.charAt(i);
            if (c == '(') {
                return true;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && JavaText.skipCommentOrLiteral(text, i) > i) {
                i = JavaText.skipCommentOrLiteral(text, i);
            } else {
                return false;
            }
        }
        return false;
    }
}
