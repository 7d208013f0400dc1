package dev.dbcheck.engine;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a project's Java release ("8", "1.8", "17", "21", "JAVA_21") to JavaParser's language level. Without
 * one, the newest non-preview level the parser supports, so records, text blocks, sealed types and patterns
 * parse.
 */
public final class LanguageLevels {

    private LanguageLevels() {}

    /** The newest non-preview level ({@code JAVA_n} with the highest n). */
    public static LanguageLevel newest() {
        LanguageLevel best = LanguageLevel.JAVA_17;
        for (LanguageLevel level : LanguageLevel.values()) {
            if (release(level) > release(best)) {
                best = level;
            }
        }
        return best;
    }

    /**
     * Parses a configured level.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LanguageLevel parse(String value) {
        if (value == null || value.isBlank()) {
            return newest();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.startsWith("JAVA_")) {
            v = v.substring(5);
        }
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        v = v.replace('_', '.');
        int release;
        try {
            release = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a Java release; accepted values: "
                    + acceptedValues());
        }
        LanguageLevel newest = newest();
        if (release > release(newest)) {
            // A newer release than the parser knows: its newest level is the closest we can do.
            return newest;
        }
        for (LanguageLevel level : LanguageLevel.values()) {
            if (level.name().equals("JAVA_" + release) || release <= 4 && level.name().equals("JAVA_1_" + release)) {
                return level;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a Java release; accepted values: "
                + acceptedValues());
    }

    public static String acceptedValues() {
        List<String> names = new ArrayList<>();
        for (LanguageLevel level : LanguageLevel.values()) {
            int r = release(level);
            if (r >= 5) {
                names.add(String.valueOf(r));
            }
        }
        return String.join(", ", names) + " (or 1.5 .. 1.8)";
    }

    /** The release number of a non-preview level, or -1 for preview/raw/aliases. */
    static int release(LanguageLevel level) {
        String n = level.name();
        if (!n.matches("JAVA_\\d+")) {
            return -1;
        }
        return Integer.parseInt(n.substring(5));
    }
}
