package dev.dbcheck.rule;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rule options from the build (e.g. {@code maxPoolSize}, {@code dbInstanceClass}), as strings keyed by the
 * parameter name the user typed. Parsing failures name the parameter and what it accepts.
 */
public final class AnalysisOptions {
    private final Map<String, String> values;

    public AnalysisOptions(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public static AnalysisOptions none() {
        return new AnalysisOptions(Map.of());
    }

    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public Optional<Integer> getInt(String name) {
        return get(name).map(v -> {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Parameter '" + name + "' must be a whole number, got '" + v + "'");
            }
        });
    }

    public Optional<Double> getDouble(String name) {
        return get(name).map(v -> {
            try {
                return Double.valueOf(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Parameter '" + name + "' must be a number, got '" + v + "'");
            }
        });
    }

    /** All values, sorted by name (used as part of the incremental cache key). */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
