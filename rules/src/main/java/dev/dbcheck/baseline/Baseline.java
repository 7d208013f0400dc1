package dev.dbcheck.baseline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.json.StableJson;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.BaselineEntry;
import dev.dbcheck.finding.BaselineOutcome;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.report.Fingerprints;
import dev.dbcheck.report.ReportPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings a project has accepted for now ({@code dbcheck-baseline.json}), so dbcheck can be turned on in an
 * existing codebase and gate only on new findings.
 *
 * <p>Findings are matched as {@link Fingerprints} identify them: rule, file, normalised flagged line and
 * occurrence. So inserting or deleting lines elsewhere, moving the flagged code, or re-indenting it keeps the
 * match; editing the flagged line makes it a new finding. A renamed or moved file keeps its matches when the
 * baseline's file no longer exists and a finding with the same rule and line text appears in a file the baseline
 * does not mention. When a line holds the same finding more than once (or several identical lines do), the
 * first ones in report order match and any extra ones are new.
 *
 * <p>The file is written sorted, with '\n' line ends and paths relative to the project, so it diffs well in
 * review and is the same on every machine.
 */
public final class Baseline {

    public static final String FILE_NAME = "dbcheck-baseline.json";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<BaselineEntry> entries;

    private Baseline(List<BaselineEntry> entries) {
        this.entries = entries.stream().sorted(BaselineEntry.ORDER).toList();
    }

    public List<BaselineEntry> entries() {
        return entries;
    }

    /** A baseline holding every finding of {@code result} that is still reported (suppressed ones are not). */
    public static Baseline of(AnalysisResult result) {
        List<Finding> all = new ArrayList<>(result.findings());
        all.addAll(result.baselined());
        all.sort(Finding.ORDER);
        Fingerprints lines = new Fingerprints(result.baseDir());
        Map<String, Integer> occurrences = new HashMap<>();
        List<BaselineEntry> entries = new ArrayList<>();
        for (Finding f : all) {
            String file = ReportPaths.portable(result.baseDir(), f.file());
            String text = lines.normalisedLine(f).orElse(null);
            BaselineEntry probe = new BaselineEntry(f.ruleId(), file, text, 1, f.message());
            int occurrence = occurrences.merge(key(probe), 1, Integer::sum);
            entries.add(new BaselineEntry(f.ruleId(), file, text, occurrence, f.message()));
        }
        return new Baseline(entries);
    }

    /**
     * Reads a baseline file.
     *
     * @throws IOException when it cannot be read or is not a dbcheck baseline (the message says which)
     */
    public static Baseline read(Path file) throws IOException {
        Stored stored;
        try {
            stored = JSON.readValue(file.toFile(), Stored.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not a readable dbcheck baseline: " + e.getOriginalMessage(), e);
        }
        if (stored == null || stored.version != VERSION || stored.findings == null) {
            throw new IOException("not a dbcheck baseline of version " + VERSION
                    + " (regenerate it with mvn dbcheck:baseline)");
        }
        try {
            return new Baseline(stored.findings);
        } catch (RuntimeException e) {
            throw new IOException("malformed baseline entry: " + e.getMessage(), e);
        }
    }

    /** Writes the baseline, replacing {@code file}. */
    public void write(Path file) throws IOException {
        Stored stored = new Stored();
        stored.version = VERSION;
        stored.findings = entries;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StableJson.write(stored, file);
    }

    /**
     * Splits the findings of {@code result} into the ones this baseline holds and new ones, and lists the entries
     * no finding matches any more.
     *
     * @param file where this baseline was read from (named in the outcome)
     * @return the result whose {@link AnalysisResult#findings()} are only the new findings
     */
    public AnalysisResult apply(AnalysisResult result, Path file) {
        List<Finding> findings = new ArrayList<>(result.findings());
        findings.addAll(result.baselined());
        findings.sort(Finding.ORDER);
        Fingerprints lines = new Fingerprints(result.baseDir());

        // Pass 1: same rule, file and line text, paired in report order.
        Map<String, Deque<BaselineEntry>> byKey = new LinkedHashMap<>();
        for (BaselineEntry e : entries) {
            byKey.computeIfAbsent(key(e), k -> new ArrayDeque<>()).add(e);
        }
        List<Finding> unchanged = new ArrayList<>();
        List<Finding> unmatched = new ArrayList<>();
        List<BaselineEntry> unmatchedEntryProbes = new ArrayList<>();
        for (Finding f : findings) {
            BaselineEntry probe = probe(f, result.baseDir(), lines);
            Deque<BaselineEntry> candidates = byKey.get(key(probe));
            if (candidates != null && !candidates.isEmpty()) {
                candidates.poll();
                unchanged.add(f);
            } else {
                unmatched.add(f);
                unmatchedEntryProbes.add(probe);
            }
        }

        // Pass 2: renamed or moved files. An entry whose file is gone may match a finding in a file the baseline
        // does not mention, by rule and line text.
        Set<String> baselineFiles = new HashSet<>();
        entries.forEach(e -> baselineFiles.add(e.file()));
        Map<String, Deque<BaselineEntry>> orphans = new LinkedHashMap<>();
        List<BaselineEntry> absent = new ArrayList<>();
        for (Deque<BaselineEntry> left : byKey.values()) {
            for (BaselineEntry e : left) {
                if (Files.exists(result.baseDir().resolve(e.file()))) {
                    absent.add(e);
                } else {
                    orphans.computeIfAbsent(e.rule() + "\0" + e.matchText(), k -> new ArrayDeque<>()).add(e);
                }
            }
        }
        List<Finding> fresh = new ArrayList<>();
        for (int i = 0; i < unmatched.size(); i++) {
            Finding f = unmatched.get(i);
            BaselineEntry probe = unmatchedEntryProbes.get(i);
            Deque<BaselineEntry> candidates = baselineFiles.contains(probe.file()) ? null
                    : orphans.get(probe.rule() + "\0" + probe.matchText());
            if (candidates != null && !candidates.isEmpty()) {
                candidates.poll();
                unchanged.add(f);
            } else {
                fresh.add(f);
            }
        }
        orphans.values().forEach(absent::addAll);
        absent.sort(BaselineEntry.ORDER);
        unchanged.sort(Finding.ORDER);
        return result.withBaseline(fresh, new BaselineOutcome(file, unchanged, absent));
    }

    private static BaselineEntry probe(Finding f, Path baseDir, Fingerprints lines) {
        return new BaselineEntry(f.ruleId(), ReportPaths.portable(baseDir, f.file()),
                lines.normalisedLine(f).orElse(null), 1, f.message());
    }

    private static String key(BaselineEntry e) {
        return e.rule() + "\0" + e.file() + "\0" + e.matchText();
    }

    /** The file as stored. */
    @JsonPropertyOrder({"version", "findings"})
    static final class Stored {
        public int version;
        public List<BaselineEntry> findings;
    }
}
