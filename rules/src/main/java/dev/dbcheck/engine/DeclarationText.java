package dev.dbcheck.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file's text cut down to what its declarations need, for a cheap first parse: the bodies of methods,
 * constructors and initialisers emptied, field initialisers' blocks emptied, comments removed, and runs of
 * spaces squeezed to one. Every line break is kept, so the lines of the declarations (which the model and
 * the method summaries match on) are those of the file. JavaParser spends about as much on whitespace and
 * comment tokens as on code, and most code is in bodies, so this parse costs about a quarter of a full one.
 *
 * <p>What stays: the package, imports, annotations, and every type declaration with its members' headers,
 * member types included. A block opened directly in a type body is a nested type's body when a
 * {@code class}/{@code interface}/{@code enum}/{@code record} keyword came since the previous member ended,
 * and a member's body (emptied) otherwise. The mistake the rule can make is to keep a body (the word
 * {@code record} as a method name): that only costs time. Emptying a type's body would lose declarations, and
 * it cannot happen, because a member type's keyword always comes between the previous member's end and its
 * own block. Local and anonymous classes are inside emptied blocks; {@code model/Declarations} skips them anyway.
 *
 * <p>Also collects the capitalised words of the code (comments and literals excluded), bodies included: what
 * the model's {@code mentions} need of the bodies that the cut parse no longer sees.
 */
final class DeclarationText {

    /** The cut text, or null when it cannot be made (an unbalanced brace): the caller parses the whole file. */
    final String text;
    /** Capitalised identifiers of the code, sorted. */
    final Set<String> capitalised;

    private DeclarationText(String text, Set<String> capitalised) {
        this.text = text;
        this.capitalised = capitalised;
    }

    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

    static DeclarationText of(String source) {
        Set<String> capitalised = new TreeSet<>();
        if (source.contains("\\u")) {
            // JLS 3.3: escapes are translated before lexing, as the parser does. An escaped line break would
            // move the lines of what follows it: then the whole file is parsed instead.
            String translated = JavaText.unicodeEscapesTranslated(source);
            if (lineBreaks(translated) != lineBreaks(source)) {
                return new DeclarationText(null, capitalised);
            }
            source = translated;
        }
        char[] text = source.toCharArray();
        StringBuilder out = new StringBuilder(text.length / 3);
        Deque<Boolean> typeBodies = new ArrayDeque<>();
        boolean typeHeader = false;
        char previous = ' ';
        int len = text.length;
        int i = 0;
        while (i < len) {
            char c = text[i];
            int skipped = JavaText.skipCommentOrLiteral(text, i);
            if (skipped > i) {
                if (c == '/') {
                    newlines(text, i, skipped, out);
                    space(out);
                } else {
                    out.append(text, i, skipped - i);
                    previous = c;
                }
                i = skipped;
            } else if (JavaText.isIdentifierStart(c)) {
                int start = i;
                i = JavaText.identifierEnd(text, start);
                String word = new String(text, start, i - start);
                if (Character.isUpperCase(c)) {
                    capitalised.add(word);
                }
                if (TYPE_KEYWORDS.contains(word) && previous != '.') {
                    typeHeader = true;
                }
                out.append(word);
                previous = 'a';
            } else if (c == '{' && !typeBodies.isEmpty() && !typeHeader) {
                int end = closingBrace(text, i, capitalised);
                if (end < 0) {
                    return new DeclarationText(null, capitalised);
                }
                out.append('{');
                newlines(text, i, end, out);
                out.append('}');
                i = end + 1;
                typeHeader = false;
                previous = '}';
            } else {
                if (c == '{') {
                    typeBodies.push(Boolean.TRUE);
                    typeHeader = false;
                } else if (c == '}') {
                    typeBodies.poll();
                    typeHeader = false;
                } else if (c == ';') {
                    typeHeader = false;
                }
                if (c == ' ' || c == '\t' || c == '\f') {
                    space(out);
                } else {
                    out.append(c);
                    if (c != '\n' && c != '\r') {
                        previous = c;
                    }
                }
                i++;
            }
        }
        return new DeclarationText(out.toString(), capitalised);
    }

    private static long lineBreaks(String s) {
        return s.chars().filter(c -> c == '\n' || c == '\r').count();
    }

    private static void space(StringBuilder out) {
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n') {
            out.append(' ');
        }
    }

    /** The line breaks of {@code source[from, to)}, so that the lines after a cut stay where they were. */
    private static void newlines(char[] source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            char c = source[k];
            if (c == '\n' || c == '\r' && (k + 1 >= source.length || source[k + 1] != '\n')) {
                out.append('\n');
            }
        }
    }

    /** The index of the brace that closes the one at {@code open}, or -1; collects capitalised words on the way. */
    private static int closingBrace(char[] text, int open, Set<String> capitalised) {
        int depth = 0;
        int len = text.length;
        int i = open;
        while (i < len) {
            char c = text[i];
            int skipped = JavaText.skipCommentOrLiteral(text, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            if (JavaText.isIdentifierStart(c)) {
                int start = i;
                i = JavaText.identifierEnd(text, start);
                if (Character.isUpperCase(c)) {
                    capitalised.add(new String(text, start, i - start));
                }
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
