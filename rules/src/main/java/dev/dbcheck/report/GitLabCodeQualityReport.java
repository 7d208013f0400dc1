package dev.dbcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.json.StableJson;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * GitLab Code Quality ({@code artifacts: reports: codequality}), a subset of the Code Climate issue format:
 * a JSON array with one object per finding.
 *
 * <ul>
 *   <li>{@code check_name} is the rule id; {@code description} the finding's message.
 *   <li>{@code fingerprint} is the MD5 (hex) of the finding's {@link Fingerprints stable fingerprint}, which
 *       already names the rule, the file, the flagged line's text and its occurrence: unique per finding even
 *       for identical lines, and unchanged when lines are inserted above it, so the merge-request widget
 *       shows only new and resolved findings. GitLab collapses identical fingerprints, so it is never the
 *       bare rule id.
 *   <li>{@code severity}: error → {@code critical}, warning → {@code major}, info → {@code info}.
 *       {@code blocker} is left for nothing dbcheck knows: a finding is a risk, not a broken build.
 *   <li>{@code location.path} has '/' separators and is relative to the project directory, or to the root
 *       directory given by {@link #withPathsRelativeTo} (the reactor root of a multi-module build), since GitLab
 *       resolves it against the repository root (a file outside that directory keeps its absolute path and is
 *       not linked).
 *   <li>{@code categories} is {@code ["Bug Risk"]}: every rule flags a reliability failure mode.
 * </ul>
 *
 * <p>Processing errors are written too (check name {@value #PROCESSING_ERROR_CHECK}, severity
 * {@code minor}), as in the Checkstyle report: a file that was not analysed must stay visible in the
 * merge request. UTF-8 without a byte-order mark (GitLab rejects one); the same result gives the same bytes.
 */
public final class GitLabCodeQualityReport implements ReportWriter {

    /** The {@code check_name} of processing-error entries. */
    public static final String PROCESSING_ERROR_CHECK = "dbcheck-processing-error";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;

    /** Paths relative to each result's project directory. */
    public GitLabCodeQualityReport() {
        this(null);
    }

    /** Paths relative to {@code root}, or to each result's project directory when null. */
    public GitLabCodeQualityReport(Path root) {
        this.root = root;
    }

    @Override
    public ReportWriter withPathsRelativeTo(Path rootDirectory) {
        return new GitLabCodeQualityReport(rootDirectory);
    }

    @Override
    public void write(AnalysisResult result, Path outputFile) throws IOException {
        StableJson.write(toJson(result), outputFile);
    }

    /** The report as a JSON array: findings in result order, then processing errors. */
    ArrayNode toJson(AnalysisResult result) {
        Path base = root == null ? result.baseDir() : root;
        Map<String, RuleMetadata> rules = new HashMap<>();
        result.rules().forEach(r -> rules.putIfAbsent(r.id(), r));
        ArrayNode issues = JSON.arrayNode();
        // Hashed with paths relative to the same base: reports of several modules merge without collisions.
        List<String> fingerprints = new Fingerprints(base).of(result.findings());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding finding = result.findings().get(i);
            issues.add(issue(finding, rules.get(finding.ruleId()), fingerprints.get(i), base));
        }
        Map<String, Integer> errorOccurrences = new HashMap<>();
        for (ProcessingError error : result.processingErrors()) {
            String path = ReportPaths.portable(base, error.file());
            String key = PROCESSING_ERROR_CHECK + "\0" + path + "\0" + error.line() + "\0" + error.reason();
            int occurrence = errorOccurrences.merge(key, 1, Integer::sum);
            issues.add(processingError(error, path, md5(key + "\0" + occurrence)));
        }
        return issues;
    }

    private static ObjectNode issue(Finding finding, RuleMetadata rule, String fingerprint, Path baseDir) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "issue");
        node.put("engine_name", "dbcheck");
        node.put("check_name", finding.ruleId());
        node.put("description", finding.message());
        if (rule != null) {
            node.putObject("content").put("body", rule.explanation().strip() + "\n\n" + rule.fix().strip()
                    + "\n\nGuide: " + rule.guideSection());
        }
        node.putArray("categories").add("Bug Risk");
        node.put("fingerprint", md5(finding.ruleId() + "\0" + fingerprint));
        node.put("severity", severity(finding.severity()));
        ObjectNode location = node.putObject("location");
        location.put("path", ReportPaths.portable(baseDir, finding.file()));
        ObjectNode lines = location.putObject("lines");
        lines.put("begin", finding.beginLine());
        lines.put("end", finding.endLine());
        return node;
    }

    private static ObjectNode processingError(ProcessingError error, String path, String fingerprint) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "issue");
        node.put("engine_name", "dbcheck");
        node.put("check_name", PROCESSING_ERROR_CHECK);
        node.put("description", "File not fully analysed: " + error.reason());
        node.putArray("categories").add("Bug Risk");
        node.put("fingerprint", fingerprint);
        node.put("severity", "minor");
        ObjectNode location = node.putObject("location");
        location.put("path", path);
        // GitLab requires a line; an error without a position points at the first one.
        location.putObject("lines").put("begin", Math.max(1, error.line()));
        return node;
    }

    /** GitLab's severity for a dbcheck severity. */
    static String severity(Severity severity) {
        return switch (severity) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case INFO -> "info";
        };
    }

    private static String md5(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
