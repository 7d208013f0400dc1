package dev.dbcheck.docs;

import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates the rule documentation ({@code docs/rules/<RuleId>.md} and an index) from rule metadata, the same
 * metadata the SARIF rule table is built from, so docs and reports never drift. A test fails when the
 * committed pages differ from what this generates; regenerate with
 * {@code mvn -pl rules test -Dtest=RuleDocsTest -Ddbcheck.updateDocs=true}.
 */
public final class RuleDocs {

    static final String STAMP = "<!-- AUTO-GENERATED from rule metadata by dev.dbcheck.docs.RuleDocs: do not edit. -->";

    private static final Pattern SQL = Pattern.compile("(?is)^\\s*(--|/\\*|(delete|update|insert|select|with|create|alter)\\b).*");
    private static final Pattern YAML = Pattern.compile("(?s)^\\s*[\\w.-]+:(\\s|$).*");
    private static final Pattern XML = Pattern.compile("(?s)^\\s*<.*");
    private static final Pattern PROPERTIES = Pattern.compile("(?s)^\\s*[\\w.-]+\\s*=.*");

    private RuleDocs() {}

    /** Every page by file name (relative to {@code docs/rules}), in a stable order. */
    public static Map<String, String> pages(List<Rule> rules) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", index(rules.stream().map(Rule::metadata).toList()));
        for (Rule rule : rules) {
            pages.put(rule.id() + ".md", page(rule.metadata()));
        }
        return pages;
    }

    /** The rule table, shared by the docs index and the project README. */
    public static String ruleTable(List<RuleMetadata> rules, String linkPrefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Rule | Family | Default severity | What it finds |\n");
        sb.append("|---|---|---|---|\n");
        for (RuleMetadata m : rules) {
            sb.append("| [").append(m.id()).append("](").append(linkPrefix).append(m.id()).append(".md) | `")
                    .append(m.family().id()).append("` | ").append(m.defaultSeverity().id()).append(" | ")
                    .append(m.summary()).append(" |\n");
        }
        return sb.toString();
    }

    static String index(List<RuleMetadata> rules) {
        return STAMP + "\n# dbcheck rules\n\n"
                + "Each rule names a failure mode from the SRE guide to AWS databases, cites the guide section, "
                + "and says how to fix it.\n\n"
                + ruleTable(rules, "") ;
    }

    static String page(RuleMetadata m) {
        return STAMP + "\n" + markdown(m);
    }

    /** A rule's page in Markdown, as committed under {@code docs/rules} (without the generator's stamp). */
    public static String markdown(RuleMetadata m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(m.id()).append("\n\n");
        sb.append("**").append(m.summary()).append(".**\n\n");
        sb.append("| Family | Default severity | Guide section |\n|---|---|---|\n");
        sb.append("| `").append(m.family().id()).append("` | ").append(m.defaultSeverity().id()).append(" | ")
                .append(m.guideSection()).append(" |\n\n");
        sb.append("## What fails in production\n\n").append(m.explanation().strip()).append("\n\n");
        sb.append("## How to fix it\n\n").append(m.fix().strip()).append("\n\n");
        sb.append("## Flagged\n\n").append(codeBlock(m.badExample())).append("\n");
        sb.append("## Not flagged\n\n").append(codeBlock(m.goodExample())).append("\n");
        if (!m.options().isEmpty()) {
            sb.append("## Options\n\n| Parameter | Default | Accepted values | Meaning |\n|---|---|---|---|\n");
            for (RuleMetadata.RuleOption<?> o : m.options()) {
                sb.append("| `").append(o.name()).append("` (`-Ddbcheck.").append(o.name()).append("`) | ")
                        .append(defaultCell(o)).append(" | ").append(o.accepted()).append(" | ")
                        .append(o.description()).append(" |\n");
            }
            sb.append("\n");
        }
        return sb.toString();
    }

    /**
     * The README's table of rule options, one row per declaration: every option is a plugin parameter with a
     * {@code dbcheck.} user property.
     */
    public static String optionTable(List<Rule> rules) {
        StringBuilder sb = new StringBuilder("| Parameter | Default | Accepted values | Rules | Meaning |\n"
                + "|---|---|---|---|---|\n");
        java.util.Map<String, RuleMetadata.RuleOption<?>> options = new LinkedHashMap<>();
        rules.forEach(r -> r.metadata().options().forEach(o -> options.putIfAbsent(o.name(), o)));
        for (RuleMetadata.RuleOption<?> o : options.values()) {
            String readers = String.join(", ", rules.stream().filter(r -> r.metadata().options().contains(o))
                    .map(r -> "[" + r.id() + "](docs/rules/" + r.id() + ".md)").toList());
            sb.append("| `").append(o.name()).append("` | ").append(defaultCell(o)).append(" | ")
                    .append(o.accepted()).append(" | ").append(readers).append(" | ").append(o.description())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A rule's page as plain text, for a console ({@code mvn dbcheck:explain}) and SARIF's {@code help.text}:
     * the same sections as the Markdown page, with code indented instead of fenced.
     */
    public static String text(RuleMetadata m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.id()).append(": ").append(m.summary()).append(".\n\n");
        sb.append("Family: ").append(m.family().id()).append(". Default severity: ").append(m.defaultSeverity().id())
                .append(". Guide section: ").append(m.guideSection()).append(".\n\n");
        sb.append("What fails in production\n\n").append(m.explanation().strip()).append("\n\n");
        sb.append("How to fix it\n\n").append(m.fix().strip()).append("\n\n");
        sb.append("Flagged\n\n").append(indent(m.badExample())).append("\n");
        sb.append("Not flagged\n\n").append(indent(m.goodExample()));
        if (!m.options().isEmpty()) {
            sb.append("\nOptions\n\n");
            for (RuleMetadata.RuleOption<?> o : m.options()) {
                sb.append("  ").append(o.name()).append(" (-Ddbcheck.").append(o.name()).append(", default ")
                        .append(o.defaultValue() == null || o.defaultValue().isEmpty() ? "none" : o.defaultValue())
                        .append("): ").append(o.description()).append("\n");
            }
        }
        return sb.toString();
    }

    private static String defaultCell(RuleMetadata.RuleOption<?> o) {
        String d = o.defaultValue();
        return d == null || d.isEmpty() ? "none" : o.typedDefault().isPresent() ? "`" + d + "`" : d;
    }

    private static String indent(String code) {
        return code.strip().lines().map(l -> l.isEmpty() ? "" : "    " + l).collect(Collectors.joining("\n")) + "\n";
    }

    private static String codeBlock(String code) {
        return "```" + language(code) + "\n" + code.strip() + "\n```\n";
    }

    static String language(String code) {
        if (XML.matcher(code).matches()) {
            return "xml";
        }
        if (SQL.matcher(code).matches()) {
            return "sql";
        }
        if (code.contains(";") || code.contains("(")) {
            return "java";
        }
        if (YAML.matcher(code).matches()) {
            return "yaml";
        }
        if (PROPERTIES.matcher(code).matches()) {
            return "properties";
        }
        return "java";
    }

    /** Writes every page into {@code dir} (used to regenerate the committed docs). */
    public static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : pages(RuleRegistry.all()).entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        writeAll(Path.of(args.length > 0 ? args[0] : "docs/rules").toAbsolutePath());
        System.out.println("Rule docs written" + (args.length > 0 ? " to " + args[0] : "").toLowerCase(Locale.ROOT));
    }
}
