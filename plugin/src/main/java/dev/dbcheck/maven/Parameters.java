package dev.dbcheck.maven;

import dev.dbcheck.engine.LanguageLevels;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.report.ReportFormat;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Validates the Mojo's parameters before any work is done. Every message names the parameter and what it
 * accepts: a configuration error is a {@link MojoExecutionException} (Maven's "build error"), while findings are
 * a {@code MojoFailureException}.
 */
final class Parameters {

    private Parameters() {}

    static MojoExecutionException invalid(String name, String value, String accepted) {
        return new MojoExecutionException("Invalid dbcheck parameter " + name + "='" + value + "': accepted values are "
                + accepted);
    }

    static FailurePolicy failOn(String value) throws MojoExecutionException {
        try {
            return FailurePolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("failOn", value, FailurePolicy.acceptedValues());
        }
    }

    static final String OFF = "off";

    /**
     * The rules to run: every rule, minus the ones {@code off} in {@code rules} or listed in {@code disabledRules},
     * with the severities {@code rules} sets. Unknown ids fail with the list of known ones.
     */
    static RuleSelection rules(Map<String, String> rules, String disabledRules) throws MojoExecutionException {
        Set<String> off = new HashSet<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(rules == null ? Map.<String, String>of() : rules)
                .entrySet()) {
            String id = e.getKey().trim();
            knownRule("rules", id);
            String value = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
            if (value.equals(OFF)) {
                off.add(id);
                continue;
            }
            try {
                severities.put(id, Severity.parse(value));
            } catch (IllegalArgumentException ex) {
                throw invalid("rules/" + id, e.getValue() == null ? "" : e.getValue(),
                        OFF + ", " + Severity.acceptedValues());
            }
        }
        for (String id : patterns(disabledRules == null ? List.of() : List.of(disabledRules))) {
            knownRule("disabledRules", id);
            off.add(id);
        }
        List<Rule> enabled = RuleRegistry.all().stream().filter(r -> !off.contains(r.id())).toList();
        severities.keySet().removeAll(off);
        return new RuleSelection(enabled, severities);
    }

    private static void knownRule(String parameter, String id) throws MojoExecutionException {
        if (RuleRegistry.byId(id).isEmpty()) {
            throw new MojoExecutionException("Invalid dbcheck parameter " + parameter + ": '" + id
                    + "' is not a dbcheck rule id; known ids: " + RuleRegistry.knownIds());
        }
    }

    /**
     * The rule options, each read by the name of its declaration ({@code valueOf} gives the parameter's value,
     * or null) and checked by it, so a wrong value fails here like any other parameter.
     */
    static AnalysisOptions ruleOptions(java.util.function.Function<String, String> valueOf)
            throws MojoExecutionException {
        Map<String, String> values = new LinkedHashMap<>();
        for (RuleMetadata.RuleOption<?> option : RuleRegistry.options()) {
            String value = blankToNull(valueOf.apply(option.name()));
            if (value == null) {
                continue;
            }
            try {
                option.parse(value);
            } catch (RuleMetadata.InvalidOptionException e) {
                throw invalid(option.name(), value, option.accepted());
            }
            values.put(option.name(), value);
        }
        return new AnalysisOptions(values);
    }

    /** PMD's semantics: the build fails only when more failing findings than this exist. */
    static int maxAllowedFindings(int value) throws MojoExecutionException {
        if (value < 0) {
            throw invalid("maxAllowedFindings", String.valueOf(value), "0 or more");
        }
        return value;
    }

    /** Comma-separated report formats; blank means no report files. */
    static List<ReportFormat> formats(String value) throws MojoExecutionException {
        try {
            return ReportFormat.parseList(value);
        } catch (IllegalArgumentException e) {
            throw invalid("formats", value, ReportFormat.acceptedValues() + " (comma-separated; empty for none)");
        }
    }

    /**
     * The Java release to parse: the parameter, else the project's {@code maven.compiler.release}, else
     * {@code maven.compiler.source}, else null (the engine's newest level).
     */
    static String languageLevel(String configured, Properties projectProperties) throws MojoExecutionException {
        String name = "languageLevel";
        String value = blankToNull(configured);
        for (String property : List.of("maven.compiler.release", "maven.compiler.source")) {
            if (value == null) {
                value = blankToNull(projectProperties.getProperty(property));
                if (value != null) {
                    // Say where a bad value came from: the user never typed languageLevel.
                    name = "languageLevel (from " + property + ")";
                }
            }
        }
        if (value == null) {
            return null;
        }
        try {
            LanguageLevels.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, LanguageLevels.acceptedValues());
        }
        return value.trim();
    }

    /** The source encoding; unset falls back to UTF-8 with a warning, as the compiler and resources plugins do. */
    static Charset encoding(String value, Consumer<String> warn) throws MojoExecutionException {
        if (blankToNull(value) == null) {
            warn.accept("dbcheck: source encoding not set (project.build.sourceEncoding or dbcheck.encoding), "
                    + "reading sources as UTF-8");
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(value.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid("encoding", value, "charset names this JVM supports, such as UTF-8, ISO-8859-1, "
                    + "windows-1252, US-ASCII, UTF-16");
        }
    }

    /**
     * Ant patterns: a POM list, where a property value arrives as one element that may hold several
     * comma-separated patterns.
     */
    static List<String> patterns(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String p : value.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.trim());
                    }
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
