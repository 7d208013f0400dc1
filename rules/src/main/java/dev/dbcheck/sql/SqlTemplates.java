package dev.dbcheck.sql;

import java.util.HashMap;
import java.util.Map;

/**
 * Template placeholders that are not SQL but stand for a value or a name: MyBatis {@code #{id}} and
 * {@code ${table}}, Spring Data SpEL {@code #{#entityName}}, Flyway and Liquibase {@code ${schema}}. Each is
 * replaced by an identifier of the same length ({@code p1___}), distinct per occurrence, which the parser
 * reads in a value position and in a name position alike; offsets stay valid, and {@link Neutralized#restore}
 * puts the original text back into names and conditions for messages.
 */
public final class SqlTemplates {

    private SqlTemplates() {}

    /** The text with placeholders replaced, and what each replacement stood for. */
    public record Neutralized(String text, Map<String, String> originals) {

        public String restore(String s) {
            String out = s;
            for (Map.Entry<String, String> e : originals.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }
    }

    public static Neutralized neutralize(String sql) {
        if (sql.indexOf("#{") < 0 && sql.indexOf("${") < 0) {
            return new Neutralized(sql, Map.of());
        }
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, String> originals = new HashMap<>();
        int i = 0;
        int count = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if ((c == '#' || c == '$') && i + 1 < sql.length() && sql.charAt(i + 1) == '{') {
                int close = sql.indexOf('}', i + 2);
                if (close > 0) {
                    String original = sql.substring(i, close + 1);
                    count++;
                    String name = "p" + count;
                    if (name.length() > original.length()) {
                        name = "p" + (count % 10);
                    }
                    name = name + "_".repeat(original.length() - name.length());
                    // A repeated name (count wrapped) would make "#{a} = #{b}" look like "x = x": keep distinct.
                    while (originals.containsKey(name)) {
                        name = name.substring(0, name.length() - 1) + (char) ('a' + originals.size() % 26);
                    }
                    originals.put(name, original);
                    out.append(name);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return new Neutralized(out.toString(), originals);
    }
}
