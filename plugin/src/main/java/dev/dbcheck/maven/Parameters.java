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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Validates the Mojo's parameters before any work is done. Every message names the parameter and what it
 * accepts: a configuration error is a {@link MojoExecutionException} (Maven's "build error"), while findings are
 * a {@code MojoFailureException}.
 */
final class Parameters {

    private Parameters() {}

    /**
     * The one wording of every parameter error, whichever part of dbcheck finds it:
     * {@code Invalid dbcheck parameter name='value': requirement}. Every check of this class, of the Mojos and
     * (through {@link #fromEngine}) of the rules' own options goes through here.
     */
    static MojoExecutionException invalid(String name, String value, String requirement) {
        return new MojoExecutionException("Invalid dbcheck parameter " + name + "='" + value + "': " + requirement);
    }

    private static MojoExecutionException notAccepted(String name, String value, String accepted) {
        return invalid(name, value, "accepted values are " + accepted);
    }

    /**
     * A rule's rejection of its option (a {@link RuleMetadata.InvalidOptionException}, which says what the option
     * accepts), in the wording of {@link #invalid}; other configuration errors keep their words.
     */
    static MojoExecutionException fromEngine(IllegalArgumentException e) {
        if (e instanceof RuleMetadata.InvalidOptionException rejected) {
            return withCause(invalid(rejected.option(), rejected.value(), rejected.requirement()), e);
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new MojoExecutionException("Invalid dbcheck configuration: " + message, e);
    }

    private static MojoExecutionException withCause(MojoExecutionException error, Exception cause) {
        error.initCause(cause);
        return error;
    }

    static FailurePolicy failOn(String value) throws MojoExecutionException {
        try {
            return FailurePolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw notAccepted("failOn", value, FailurePolicy.acceptedValues());
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
                throw notAccepted("rules/" + id, e.getValue() == null ? "" : e.getValue(),
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
            throw invalid(parameter, id, "not a dbcheck rule id; known ids: " + RuleRegistry.knownIds());
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
                throw invalid(option.name(), value, e.requirement());
            }
            values.put(option.name(), value);
        }
        return new AnalysisOptions(values);
    }

    /** PMD's semantics: the build fails only when more failing findings than this exist. */
    static int maxAllowedFindings(int value) throws MojoExecutionException {
        if (value < 0) {
            throw invalid("maxAllowedFindings", String.valueOf(value), "must be 0 or more");
        }
        return value;
    }

    /** Comma-separated report formats; blank means no report files. */
    static List<ReportFormat> formats(String value) throws MojoExecutionException {
        try {
            return ReportFormat.parseList(value);
        } catch (IllegalArgumentException e) {
            throw notAccepted("formats", value, ReportFormat.acceptedValues() + " (comma-separated; empty for none)");
        }
    }

    /**
     * The Java release to parse: the parameter, else the project's {@code maven.compiler.release}, else
     * {@code maven.compiler.source}, else null (the engine's newest level).
     */
    static String languageLevel(String configured, Properties projectProperties) throws MojoExecutionException {
        return languageLevel(configured, projectProperties, message -> { });
    }

    /**
     * As {@link #languageLevel(String, Properties)}. A release newer than the parser supports fails when given as
     * {@code languageLevel}; when it comes from the compiler properties (the project builds with a newer JDK)
     * it is read at the newest supported level, with a warning, rather than failing the build.
     */
    static String languageLevel(String configured, Properties projectProperties, Consumer<String> warn)
            throws MojoExecutionException {
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
        String supported = "supported Java releases are " + LanguageLevels.acceptedValues();
        try {
            LanguageLevels.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, supported);
        }
        int newest = release(LanguageLevels.newest().name());
        if (release(value) > newest) {
            if (name.equals("languageLevel")) {
                throw invalid(name, value, supported);
            }
            warn.accept("dbcheck: " + name.substring(name.indexOf('(') + 1, name.length() - 1) + "=" + value.trim()
                    + " is newer than the parser supports; reading the sources as Java " + newest);
            return String.valueOf(newest);
        }
        return value.trim();
    }

    /** The release number of {@code 21}, {@code 1.8}, {@code JAVA_17}; 0 when it has none. */
    private static int release(String value) {
        Matcher m = Pattern.compile("(?i)^(?:JAVA_)?(?:1[._])?(\\d+)").matcher(value.trim());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
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
            throw notAccepted("encoding", value, "charset names this JVM supports, such as UTF-8, ISO-8859-1, "
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
