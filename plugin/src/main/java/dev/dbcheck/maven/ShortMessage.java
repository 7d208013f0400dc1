package dev.dbcheck.maven;

/**
 * The console form of a finding's message: what is wrong and what it does in production, in one short line.
 * The full text (with the guide section and the fix) stays in the reports and on the rule page.
 *
 * <p>Derived from the full message, so every rule gets it without a second text to maintain: the part before the
 * {@code (guide: ...)} citation (or the first sentence when there is none); when that is longer than
 * {@link #LIMIT} characters, it is cut at the last sentence, ";" or ":" boundary (outside parentheses and
 * quotes) that fits, else between words, and marked " ...". Every rule's message begins with the code it flags
 * and what goes wrong, so the cut keeps the specific part.
 */
final class ShortMessage {

    /** Longest console message, in characters (the rule id and the position come on top). */
    static final int LIMIT = 200;

    private static final String MORE = " ...";

    private ShortMessage() {}

    static String of(String message) {
        int guide = message.indexOf(" (guide:");
        String head = guide >= 0 ? message.substring(0, guide) : firstSentence(message);
        head = head.strip();
        if (head.endsWith(".")) {
            head = head.substring(0, head.length() - 1);
        }
        if (head.length() <= LIMIT) {
            return head;
        }
        int max = LIMIT - MORE.length();
        for (String marks : new String[] {".", ";", ":"}) {
            int cut = lastBoundary(head, max, marks);
            if (cut >= MIN_CUT) {
                return head.substring(0, cut).strip() + MORE;
            }
        }
        // No clause boundary late enough: cut between words.
        String words = head.substring(0, head.lastIndexOf(' ', max)).strip();
        while (!words.isEmpty() && ",;:".indexOf(words.charAt(words.length() - 1)) >= 0) {
            words = words.substring(0, words.length() - 1);
        }
        return words + MORE;
    }

    /** A cut shorter than this would lose what the finding is about. */
    private static final int MIN_CUT = 60;

    private static String firstSentence(String message) {
        int end = boundary(message, message.length(), ".", true);
        return end < 0 ? message : message.substring(0, end);
    }

    private static int lastBoundary(String text, int max, String mark) {
        return boundary(text, max, mark, false);
    }

    /**
     * The first (for a sentence) or last boundary before {@code max}: one of {@code marks} followed by a space,
     * outside parentheses, brackets and double quotes. -1 when there is none.
     */
    private static int boundary(String text, int max, String marks, boolean first) {
        int depth = 0;
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i + 1 < text.length() && i <= max; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && marks.indexOf(c) >= 0 && text.charAt(i + 1) == ' ') {
                found = i;
                if (first) {
                    return found;
                }
            }
        }
        return found;
    }
}
