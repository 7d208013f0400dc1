package dev.dbcheck.config;

/**
 * One key of a configuration file, flattened to its dotted path, with the position of the key as written.
 *
 * @param key the dotted path as written (YAML nesting joined with '.', sequence items as {@code [i]}), with a
 *     Quarkus {@code %profile.} prefix removed
 * @param canonicalKey the key in relaxed-binding form: each segment lower case without '-' and '_', quotes
 *     removed, so {@code maximum-pool-size}, {@code maximumPoolSize} and {@code MAXIMUM_POOL_SIZE} compare equal
 * @param value the scalar value, or {@code null} for a key without one (an empty mapping, say)
 * @param profile the profile the key applies to ({@code application-prod.yml}, a YAML document activated on a
 *     profile, a Quarkus {@code %prod.} prefix), or the empty string for the default profile
 * @param document index of the document in the file (YAML {@code ---}, properties {@code #---}), from 0
 * @param line 1-based line of the key
 * @param column 1-based column of the key
 * @param endLine 1-based line of the key's last character
 * @param endColumn 1-based column of the key's last character (inclusive)
 */
public record ConfigProperty(
        String key,
        String canonicalKey,
        String value,
        String profile,
        int document,
        int line,
        int column,
        int endLine,
        int endColumn) {

    /**
     * The value as a whole number, when it is one. A placeholder with a default, {@code ${DB_POOL_SIZE:40}}
     * (Spring, Quarkus and Micronaut syntax, nested defaults {@code ${A:${B:40}}} too), gives its default: what
     * runs unless the environment says otherwise ({@link #overriddenBy()} names what would). A placeholder
     * without a default, or a Maven filtering token ({@code @pool.size@}), is not known until the build or the
     * run: empty.
     */
    public java.util.OptionalLong longValue() {
        if (value == null) {
            return java.util.OptionalLong.empty();
        }
        String v = placeholderDefault(value.trim(), new java.util.ArrayList<>());
        if (v == null) {
            return java.util.OptionalLong.empty();
        }
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(v.replace("_", "")));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * The names whose setting would replace the value: {@code [DB_POOL_MAX]} for {@code ${DB_POOL_MAX:80}},
     * {@code [A, B]} for {@code ${A:${B:80}}}; empty for a plain value.
     */
    public java.util.List<String> overriddenBy() {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (value != null) {
            placeholderDefault(value.trim(), names);
        }
        return names;
    }

    /** Whether the value is a Maven filtering token ({@code @pool.size@}), known only once the build filters it. */
    public boolean unknownUntilBuild() {
        return MavenFilterTokens.in(value);
    }

    /**
     * The value a placeholder gives when nothing sets it, adding the names that would set it to {@code names};
     * the value itself when it is no placeholder; null when a placeholder has no default.
     */
    private static String placeholderDefault(String v, java.util.List<String> names) {
        int depth = 0;
        while (v.startsWith("${") && v.endsWith("}") && depth++ < 8) {
            String inner = v.substring(2, v.length() - 1);
            int colon = inner.indexOf(':');
            int nested = inner.indexOf("${");
            if (colon < 0 || nested >= 0 && nested < colon) {
                names.add(inner.trim());
                return null;
            }
            names.add(inner.substring(0, colon).trim());
            v = inner.substring(colon + 1).trim();
        }
        return v;
    }
}
