package dev.dbcheck.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven resource filtering's {@code @name@} tokens ({@code active: @profiles.active@}, which Spring Boot's
 * parent POM sets up): Maven replaces them at build time, so in source they are a value not known until the
 * build. YAML cannot start a plain value with '@', so before parsing each token's '@'s become a private-use
 * character (the same length, so positions do not move), and every key and value read is turned back.
 */
public final class MavenFilterTokens {

    /** A token: '@', a property name, '@', not inside a word (an e-mail address is not one). */
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9])@([A-Za-z][A-Za-z0-9_.-]*)@");

    /** What '@' becomes while the YAML parser reads the text: a printable character no configuration uses. */
    private static final char HIDDEN = '\uE000';

    private MavenFilterTokens() {}

    static String hide(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = null;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(text);
            }
            out.setCharAt(m.start(), HIDDEN);
            out.setCharAt(m.end() - 1, HIDDEN);
        }
        return out == null ? text : out.toString();
    }

    static String show(String text) {
        return text == null || text.indexOf(HIDDEN) < 0 ? text : text.replace(HIDDEN, '@');
    }

    /** Whether a value holds a Maven filtering token: its real value is known only once the build filters it. */
    public static boolean in(String value) {
        return value != null && value.indexOf('@') >= 0 && TOKEN.matcher(value).find();
    }
}
