package dev.dbcheck.rule;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a user reads about a rule, kept beside the rule class. Rule docs, the SARIF rule table and the
 * README table are generated from it, so they cannot drift.
 *
 * @param id UpperCamelCase name of the problem, no "Check"/"Rule" suffix
 * @param summary one line, no trailing period (SARIF shortDescription)
 * @param explanation what fails in production and why (the guide's failure mode)
 * @param fix what to do instead
 * @param badExample Java (or SQL/YAML) that the rule flags
 * @param goodExample the fixed version, which the rule does not flag
 * @param options rule options configurable from the build, if any
 */
public record RuleMetadata(
        String id,
        Family family,
        Severity defaultSeverity,
        String summary,
        String explanation,
        String fix,
        String badExample,
        String goodExample,
        List<RuleOption<?>> options) {

    private static final Pattern ID = Pattern.compile("[A-Z][A-Za-z0-9]+");

    public RuleMetadata {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        if (id == null || !ID.matcher(id).matches() || id.endsWith("Rule") || id.endsWith("Check")) {
            throw new IllegalArgumentException("rule id must be UpperCamelCase without Rule/Check suffix: " + id);
        }
        requireText(summary, "summary", id);
        requireText(explanation, "explanation", id);
        requireText(fix, "fix", id);
        requireText(badExample, "badExample", id);
        requireText(goodExample, "goodExample", id);
        if (summary.endsWith(".")) {
            throw new IllegalArgumentException(id + ": summary must not end with a period");
        }
        options = List.copyOf(options);
        if (options.stream().map(RuleOption::name).distinct().count() != options.size()) {
            throw new IllegalArgumentException(id + ": an option is declared twice");
        }
    }

    private static void requireText(String value, String what, String id) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(id + ": " + what + " is required");
        }
    }

    /** The guide section this rule cites, by title. */
    public String guideSection() {
        return family.guideSection();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A configurable option of a rule, declared once: its name (also the Maven parameter, with a
     * {@code dbcheck.} user property), the values it accepts and how they are read, its default, and the text
     * the rule page and the README show. The engine validates options through it, rules read typed values
     * through {@link AnalysisOptions#get(RuleOption)}, and the Maven plugin reads its parameter by this name.
     */
    public static final class RuleOption<T> {
        private final String name;
        private final String description;
        private final String accepted;
        private final java.util.function.Function<String, T> parser;
        private final T defaultValue;
        private final String defaultText;

        private RuleOption(String name, String description, String accepted,
                java.util.function.Function<String, T> parser, T defaultValue, String defaultText) {
            if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("option name must be lowerCamelCase: " + name);
            }
            this.name = name;
            this.description = Objects.requireNonNull(description, "description");
            this.accepted = Objects.requireNonNull(accepted, "accepted");
            this.parser = parser;
            this.defaultValue = defaultValue;
            this.defaultText = defaultText;
        }

        /** A free-text option (kept for options declared before typed options existed). */
        @SuppressWarnings("unchecked")
        public RuleOption(String name, String description, String defaultValue) {
            this(name, description, "any text", v -> (T) v, (T) blankToNull(defaultValue), blankToNull(defaultValue));
        }

        /** Free text, such as an instance class name that the rule checks together with other options. */
        public static RuleOption<String> text(String name, String accepted, String description) {
            return new RuleOption<>(name, description, accepted, v -> v, null, null);
        }

        /** A whole number of at least {@code min}. */
        public static RuleOption<Integer> wholeNumber(String name, int min, String description) {
            return new RuleOption<>(name, description, "whole numbers of at least " + min, v -> {
                try {
                    int n = Integer.parseInt(v);
                    return n >= min ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }, null, null);
        }

        /** A share: a number above 0 and at most 1. */
        public static RuleOption<Double> fraction(String name, String description) {
            return new RuleOption<>(name, description, "numbers above 0 and at most 1 (a share, such as 0.8)", v -> {
                try {
                    double d = Double.parseDouble(v);
                    return d > 0 && d <= 1 ? d : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }, null, null);
        }

        /** One of a fixed set of values, by their ids (compared without case). */
        public static <E> RuleOption<E> oneOf(String name, java.util.Map<String, E> values, String description) {
            java.util.Map<String, E> byId = new java.util.LinkedHashMap<>();
            values.forEach((k, v) -> byId.put(k.toLowerCase(java.util.Locale.ROOT), v));
            return new RuleOption<>(name, description, String.join(", ", values.keySet()),
                    v -> byId.get(v.toLowerCase(java.util.Locale.ROOT)), null, null);
        }

        /**
         * Comma-separated names (of profiles, say), each letters, digits, '.', '-' or '_', at least one; the
         * value is the names in the order given, without duplicates.
         */
        public static RuleOption<java.util.List<String>> names(String name, String accepted, String description) {
            return new RuleOption<>(name, description, accepted, v -> {
                java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
                for (String part : v.split(",", -1)) {
                    String n = part.trim();
                    if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                        return null;
                    }
                    names.add(n);
                }
                return java.util.List.copyOf(names);
            }, null, null);
        }

        /** The same option with a default value, shown as such in the docs (a list as its comma-separated form). */
        public RuleOption<T> withDefault(T value) {
            String text = value instanceof java.util.Collection<?> c
                    ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(value);
            return new RuleOption<>(name, description, accepted, parser, value, text);
        }

        /** The same option, documented with what applies when it is unset (when that is not a single value). */
        public RuleOption<T> whenUnset(String text) {
            return new RuleOption<>(name, description, accepted, parser, defaultValue, text);
        }

        public String name() {
            return name;
        }

        /** What the option means, for the docs. */
        public String description() {
            return description;
        }

        /** The values it accepts, as a phrase for docs and error messages. */
        public String accepted() {
            return accepted;
        }

        /** The default as the docs show it, or null when there is none. */
        public String defaultValue() {
            return defaultText;
        }

        /** The value used when the option is unset, or empty. */
        public java.util.Optional<T> typedDefault() {
            return java.util.Optional.ofNullable(defaultValue);
        }

        /**
         * Reads a value as the user typed it.
         *
         * @throws InvalidOptionException naming the option and what it accepts
         */
        public T parse(String value) {
            T parsed = parser.apply(value.trim());
            if (parsed == null) {
                throw new InvalidOptionException(name, value, accepted);
            }
            return parsed;
        }

        @Override
        public String toString() {
            return name;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A rule option's value that the option does not accept; the message names the option and its values. */
    public static final class InvalidOptionException extends IllegalArgumentException {
        private final String option;
        private final String value;
        private final String condition;
        private final String accepted;

        public InvalidOptionException(String option, String value, String accepted) {
            this(option, value, null, accepted);
        }

        /**
         * A value accepted only under a condition on another option, such as {@code "for dbEngine mysql"} for an
         * instance class that the engine does not offer.
         */
        public InvalidOptionException(String option, String value, String condition, String accepted) {
            super("Parameter '" + option + "' does not accept '" + value + "'" + (condition == null ? "" : " "
                    + condition) + "; accepted values: " + accepted);
            this.option = option;
            this.value = value;
            this.condition = condition;
            this.accepted = accepted;
        }

        /** What the option accepts, as one phrase: "accepted values are ..." or "accepted values for X are ...". */
        public String requirement() {
            return "accepted values " + (condition == null ? "" : condition + " ") + "are " + accepted;
        }

        public String option() {
            return option;
        }

        public String value() {
            return value;
        }

        public String accepted() {
            return accepted;
        }
    }

    public static final class Builder {
        private final String id;
        private Family family;
        private Severity severity;
        private String summary;
        private String explanation;
        private String fix;
        private String bad;
        private String good;
        private List<RuleOption<?>> options = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder family(Family value) {
            family = value;
            return this;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder explanation(String value) {
            explanation = value;
            return this;
        }

        public Builder fix(String value) {
            fix = value;
            return this;
        }

        public Builder badExample(String value) {
            bad = value;
            return this;
        }

        public Builder goodExample(String value) {
            good = value;
            return this;
        }

        public Builder options(RuleOption<?>... value) {
            options = List.of(value);
            return this;
        }

        public RuleMetadata build() {
            return new RuleMetadata(id, family, severity, summary, explanation, fix, bad, good, options);
        }
    }
}
