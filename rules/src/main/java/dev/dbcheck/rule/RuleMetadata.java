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
        List<RuleOption> options) {

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

    /** A configurable option of a rule, documented in its page. */
    public record RuleOption(String name, String description, String defaultValue) {}

    public static final class Builder {
        private final String id;
        private Family family;
        private Severity severity;
        private String summary;
        private String explanation;
        private String fix;
        private String bad;
        private String good;
        private List<RuleOption> options = List.of();

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

        public Builder options(RuleOption... value) {
            options = List.of(value);
            return this;
        }

        public RuleMetadata build() {
            return new RuleMetadata(id, family, severity, summary, explanation, fix, bad, good, options);
        }
    }
}
