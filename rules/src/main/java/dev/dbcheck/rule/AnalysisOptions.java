package dev.dbcheck.rule;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rule options from the build (e.g. {@code maxPoolSize}, {@code dbInstanceClass}), as strings keyed by the
 * parameter name the user typed. Rules read them through their declarations ({@link RuleMetadata.RuleOption}),
 * which parse and validate; failures name the parameter and what it accepts.
 */
public final class AnalysisOptions {
    private final Map<String, String> values;
    /** Settings parsed from these options, once per analysis ({@link #parsed}). */
    private final Map<Object, Object> parsed = new ConcurrentHashMap<>();

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

    /**
     * The option's value, parsed, or its default; empty when it is unset and has no default.
     *
     * @throws RuleMetadata.InvalidOptionException when the value is not one the option accepts
     */
    public <T> Optional<T> get(RuleMetadata.RuleOption<T> option) {
        Optional<String> raw = get(option.name());
        return raw.isPresent() ? Optional.of(option.parse(raw.get())) : option.typedDefault();
    }

    /** The option's value or its default, for options that have one. */
    public <T> T value(RuleMetadata.RuleOption<T> option) {
        return get(option).orElseThrow(() -> new IllegalStateException("option " + option + " has no default"));
    }

    /**
     * Settings a rule derives from these options, computed once per analysis and shared by the rule's
     * validation and its checks (and by every thread).
     */
    @SuppressWarnings("unchecked")
    public <T> T parsed(Object key, Function<AnalysisOptions, T> parse) {
        Object v = parsed.get(key);
        if (v == null) {
            v = parse.apply(this);
            parsed.putIfAbsent(key, v);
        }
        return (T) v;
    }

    /** All values, sorted by name (used as part of the incremental cache key). */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
