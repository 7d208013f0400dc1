package dev.dbcheck.engine;

import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, as Maven users write includes and excludes: {@code **} matches any number of
 * directories, {@code *} any characters within one name, {@code ?} one character. Paths use '/'. A pattern
 * ending in '/' matches everything below that directory, as in Ant.
 */
public final class AntPattern {
    private final String pattern;
    private final Pattern regex;

    public AntPattern(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        if (p.endsWith("/")) {
            p = p + "**";
        }
        this.pattern = p;
        this.regex = Pattern.compile(toRegex(p));
    }

    private static String toRegex(String p) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                // "**/" matches zero or more whole directories; a trailing "**" matches anything.
                sb.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
            } else if (c == '*') {
                sb.append("[^/]*");
                i++;
            } else if (c == '?') {
                sb.append("[^/]");
                i++;
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return sb.toString();
    }

    /** Whether a '/'-separated path relative to a root matches. */
    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
