package dev.dbcheck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spring Boot's relaxed binding, reduced to what a comparison needs: {@code spring.datasource.hikari.maximum-pool-size},
 * {@code spring.datasource.hikari.maximumPoolSize} and {@code SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE}-style
 * segments all become {@code spring.datasource.hikari.maximumpoolsize}. Quoted segments (Quarkus named data
 * sources, {@code quarkus.datasource."users".jdbc.max-size}) lose their quotes.
 */
public final class RelaxedNames {

    private RelaxedNames() {}

    /** The canonical form of a dotted key. */
    public static String canonical(String key) {
        List<String> segments = segments(key);
        StringBuilder out = new StringBuilder(key.length());
        for (String s : segments) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(canonicalSegment(s));
        }
        return out.toString();
    }

    /** One segment in canonical form. */
    public static String canonicalSegment(String segment) {
        String s = segment;
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-' && c != '_') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Splits a dotted key, keeping quoted and bracketed parts ({@code "a.b"}, {@code [x.y]}) whole. */
    public static List<String> segments(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int brackets = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets = Math.max(0, brackets - 1);
            } else if (c == '.' && brackets == 0) {
                out.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        out.add(current.toString());
        return out;
    }

    /**
     * Whether a canonical key matches a canonical pattern whose {@code *} segments match any one segment
     * ({@code datasources.*.maximumpoolsize}).
     */
    public static boolean matches(String canonicalKey, String pattern) {
        List<String> k = segments(canonicalKey);
        List<String> p = segments(pattern);
        if (k.size() != p.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).equals("*") && !p.get(i).equals(k.get(i))) {
                return false;
            }
        }
        return true;
    }
}
