package dev.dbcheck.finding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How bad a finding is. Ordered from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in configuration, console lines and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is the same as, or more severe than, {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /**
     * Parses a configured severity.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.id().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a severity; accepted values: " + acceptedValues());
    }

    public static String acceptedValues() {
        return Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", "));
    }
}
