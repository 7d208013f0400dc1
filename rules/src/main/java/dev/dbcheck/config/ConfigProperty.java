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
     * (Spring, Quarkus and Micronaut syntax), gives its default: what runs unless the environment says otherwise.
     */
    public java.util.OptionalLong longValue() {
        if (value == null) {
            return java.util.OptionalLong.empty();
        }
        String v = value.trim();
        if (v.startsWith("${") && v.endsWith("}") && v.indexOf(':') > 2 && v.indexOf('{', 2) < 0) {
            v = v.substring(v.indexOf(':') + 1, v.length() - 1).trim();
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
}
