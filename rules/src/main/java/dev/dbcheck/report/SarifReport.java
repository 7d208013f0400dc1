package dev.dbcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbcheck.docs.RuleDocs;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.ToolVersion;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.json.StableJson;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.file.Path;
import dev.dbcheck.suppress.SuppressedFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for GitHub code scanning and SARIF viewers (VS Code, JetBrains, Jenkins Warnings NG).
 *
 * <p>Paths are relative to the project directory under the {@code %SRCROOT%} base id, so the report can
 * be uploaded from any checkout location; files outside the project get absolute {@code file:} URIs.
 * Unanalysable files appear as tool execution notifications, not as results, so they never count as
 * alerts. Findings suppressed in source are results with {@code suppressions} (kind {@code inSource} and the
 * written justification), which GitHub shows as dismissed; when a baseline was applied every result carries
 * {@code baselineState} {@code new} or {@code unchanged}. Baseline entries that no longer match are not written as
 * {@code absent} results: code scanning would show them as open alerts at no location. Nothing time- or machine-dependent is written beyond the project directory itself, so the
 * same analysis always gives the same bytes.
 */
public final class SarifReport implements ReportWriter {

    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The uriBaseId that relative artifact locations are resolved against. */
    public static final String SRCROOT = "%SRCROOT%";
    /** SARIF caps multiformatMessageString texts of rule descriptions at 1024 characters (GitHub too). */
    static final int MAX_DESCRIPTION = 1024;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String toolVersion;

    /** A writer stating the version of the running dbcheck. */
    public SarifReport() {
        this(ToolVersion.current());
    }

    /** A writer stating {@code toolVersion} as the driver's version. */
    public SarifReport(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    @Override
    public void write(AnalysisResult result, Path outputFile) throws IOException {
        StableJson.write(toJson(result), outputFile);
    }

    /** The whole log as a JSON tree, fields in the order they are written. */
    ObjectNode toJson(AnalysisResult result) {
        ObjectNode log = JSON.objectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbcheck");
        driver.put("version", toolVersion);
        driver.put("semanticVersion", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleMetadata rule : result.rules()) {
            ruleIndex.putIfAbsent(rule.id(), rules.size());
            rules.add(rule(rule));
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (ProcessingError error : result.processingErrors()) {
            notifications.add(notification(error, result.baseDir()));
        }

        run.putObject("originalUriBaseIds")
                .putObject(SRCROOT)
                .put("uri", ReportPaths.fileUri(result.baseDir(), true));

        ArrayNode results = run.putArray("results");
        // Every finding is a result: new ones, baselined ones (baselineState "unchanged") and suppressed ones
        // (with "suppressions"). Fingerprints are counted over all of them, so a finding keeps its fingerprint
        // whether or not it is suppressed or baselined.
        List<Listed> listed = new ArrayList<>();
        result.findings().forEach(f -> listed.add(new Listed(f, result.baseline() == null ? null : "new", null)));
        result.baselined().forEach(f -> listed.add(new Listed(f, "unchanged", null)));
        result.suppressed().forEach(s -> listed.add(new Listed(s.finding(), null, s)));
        listed.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        List<String> fingerprints = new Fingerprints(result.baseDir()).of(listed.stream().map(Listed::finding)
                .toList());
        for (int i = 0; i < listed.size(); i++) {
            Listed l = listed.get(i);
            ObjectNode node = result(l.finding(), ruleIndex.get(l.finding().ruleId()), fingerprints.get(i),
                    result.baseDir());
            if (l.suppressed() != null) {
                ObjectNode suppression = node.putArray("suppressions").addObject();
                suppression.put("kind", "inSource");
                if (l.suppressed().justification() != null) {
                    suppression.put("justification", l.suppressed().justification());
                }
            }
            if (l.baselineState() != null) {
                node.put("baselineState", l.baselineState());
            }
            results.add(node);
        }

        run.put("columnKind", "utf16CodeUnits");
        return log;
    }

    /** A finding as listed in the results, with its baseline state (null: no baseline) or its suppression. */
    private record Listed(Finding finding, String baselineState, SuppressedFinding suppressed) {}

    private static ObjectNode rule(RuleMetadata rule) {
        ObjectNode node = JSON.objectNode();
        node.put("id", rule.id());
        node.put("name", rule.id());
        node.putObject("shortDescription").put("text", rule.summary());
        node.putObject("fullDescription").put("text", truncate(rule.explanation().strip(), MAX_DESCRIPTION));
        // The whole rule page: GitHub code scanning shows help (markdown first) beside each alert. No helpUri:
        // the project has no published home to point at.
        ObjectNode help = node.putObject("help");
        help.put("text", RuleDocs.text(rule));
        help.put("markdown", RuleDocs.markdown(rule));
        node.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
        ObjectNode properties = node.putObject("properties");
        properties.putArray("tags").add(rule.family().id()).add("reliability");
        properties.put("precision", "high");
        // GitHub reads the flat key "problem.severity", as CodeQL writes it, not a nested object.
        properties.put("problem.severity", problemSeverity(rule.defaultSeverity()));
        return node;
    }

    private static ObjectNode result(Finding finding, Integer ruleIndex, String fingerprint, Path baseDir) {
        ObjectNode node = JSON.objectNode();
        node.put("ruleId", finding.ruleId());
        if (ruleIndex != null) { // a finding of a rule missing from the table still reports, unlinked
            node.put("ruleIndex", ruleIndex);
        }
        node.put("level", level(finding.severity()));
        node.putObject("message").put("text", finding.message());
        ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
        physical.set("artifactLocation", artifactLocation(finding.file(), baseDir));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", finding.beginLine());
        region.put("startColumn", finding.beginColumn());
        region.put("endLine", finding.endLine());
        // SARIF's end column is exclusive (the column after the last character); ours is inclusive.
        region.put("endColumn", finding.endColumn() + 1);
        node.putObject("partialFingerprints").put("primaryLocationLineHash", fingerprint);
        details(node, finding.details(), baseDir);
        return node;
    }

    /**
     * A finding's details: the path that reaches it as a code flow (GitHub shows it as "Show paths"), its
     * console sentence and the evidence behind its severity as result properties, so that a user who disagrees
     * sees why.
     */
    private static void details(ObjectNode node, Details details, Path baseDir) {
        if (!details.path().isEmpty()) {
            ObjectNode flow = node.putArray("codeFlows").addObject();
            flow.putObject("message").put("text", "How production code reaches this finding");
            ArrayNode steps = flow.putArray("threadFlows").addObject().putArray("locations");
            for (Details.Step step : details.path()) {
                ObjectNode location = steps.addObject().putObject("location");
                ObjectNode physical = location.putObject("physicalLocation");
                physical.set("artifactLocation", artifactLocation(step.file(), baseDir));
                ObjectNode region = physical.putObject("region");
                region.put("startLine", step.line());
                region.put("startColumn", step.column());
                location.putObject("message").put("text", step.description());
            }
        }
        if (details.headline() != null || !details.evidence().isEmpty()) {
            ObjectNode properties = node.putObject("properties");
            if (details.headline() != null) {
                properties.put("headline", details.headline());
            }
            if (!details.evidence().isEmpty()) {
                ObjectNode evidence = properties.putObject("evidence");
                details.evidence().forEach(evidence::put);
            }
        }
    }

    private static ObjectNode notification(ProcessingError error, Path baseDir) {
        ObjectNode node = JSON.objectNode();
        node.put("level", "warning");
        node.putObject("message").put("text", error.reason());
        ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
        physical.set("artifactLocation", artifactLocation(error.file(), baseDir));
        if (error.line() > 0) {
            ObjectNode region = physical.putObject("region");
            region.put("startLine", error.line());
            if (error.column() > 0) {
                region.put("startColumn", error.column());
            }
        }
        node.putObject("descriptor").put("id", "processing-error");
        return node;
    }

    private static ObjectNode artifactLocation(Path file, Path baseDir) {
        ObjectNode node = JSON.objectNode();
        Optional<String> relative = ReportPaths.relative(baseDir, file);
        if (relative.isPresent()) {
            node.put("uri", ReportPaths.relativeUri(relative.get()));
            node.put("uriBaseId", SRCROOT);
        } else {
            node.put("uri", ReportPaths.fileUri(file, false));
        }
        return node;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String problemSeverity(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "recommendation";
        };
    }

    /** At most {@code max} characters, ending with an ellipsis when cut; never splits a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
