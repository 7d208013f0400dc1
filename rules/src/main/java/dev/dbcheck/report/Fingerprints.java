package dev.dbcheck.report;

import dev.dbcheck.finding.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identifies a finding by what it flags rather than where: the rule, the file and the text of the flagged
 * line. Inserting or deleting lines above a finding keeps its fingerprint; editing the flagged line
 * changes it. SARIF writes it as {@code primaryLocationLineHash} so GitHub tracks alerts across commits,
 * and the baseline matches known findings the same way.
 *
 * <p>A fingerprint is {@code <16 hex chars of SHA-256>:<occurrence>}. The occurrence (1-based) tells apart
 * findings with the same rule, file and line text (the same call repeated), counted in list order.
 * When the flagged line cannot be read, the message stands in for the line text.
 *
 * <p>Source lines are read once per file and kept for the life of the instance: use one instance per
 * report.
 */
public final class Fingerprints {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final HexFormat HEX = HexFormat.of();

    private final Path baseDir;
    private final Map<Path, Optional<List<String>>> linesByFile = new HashMap<>();

    /** @param baseDir the directory the hashed paths are relative to, so fingerprints survive a move */
    public Fingerprints(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The fingerprints of {@code findings}, in the same order; occurrences are counted in that order. */
    public List<String> of(List<Finding> findings) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<String> fingerprints = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String key = matchKey(finding);
            int occurrence = occurrences.merge(key, 1, Integer::sum);
            fingerprints.add(sha256Prefix(key) + ":" + occurrence);
        }
        return fingerprints;
    }

    /**
     * Collapses every run of whitespace to one space and trims, so re-indenting a line does not change
     * its fingerprint.
     */
    public static String normalise(String line) {
        return WHITESPACE.matcher(line).replaceAll(" ").trim();
    }

    /** What is hashed: NUL-separated so no two different triples can give the same string. */
    private String matchKey(Finding finding) {
        String path = ReportPaths.portable(baseDir, finding.file());
        return sourceLine(finding.file(), finding.beginLine())
                .map(text -> finding.ruleId() + "\0" + path + "\0line\0" + normalise(text))
                .orElseGet(() -> finding.ruleId() + "\0" + path + "\0message\0" + finding.message());
    }

    private Optional<String> sourceLine(Path file, int line) {
        List<String> lines = linesByFile.computeIfAbsent(file, Fingerprints::readLines).orElse(List.of());
        return line >= 1 && line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
    }

    private static Optional<List<String>> readLines(Path file) {
        try {
            // Malformed bytes decode to U+FFFD: still deterministic, so fingerprints stay stable for
            // sources in another encoding.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return Optional.of(text.lines().toList());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String sha256Prefix(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
