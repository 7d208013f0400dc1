package dev.dbcheck.engine;

import dev.dbcheck.finding.BaselineOutcome;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.suppress.SuppressedFinding;
import java.nio.file.Path;
import java.util.List;

/**
 * What an analysis found, in a stable order: the same inputs always give the same result.
 *
 * @param baseDir the project directory report paths are relative to
 * @param rules metadata of the rules that ran, sorted by id
 * @param findings the findings to act on, sorted by {@link Finding#ORDER}: not suppressed in source and, when a
 *     baseline was applied, not in it
 * @param processingErrors files (or parts) that could not be analysed, sorted
 * @param javaFiles number of Java files analysed
 * @param resourceFiles number of non-Java files analysed
 * @param suppressed findings excused by a suppression in source, sorted; they never fail the build
 * @param baseline the comparison with the baseline file, or null when none was applied
 */
public record AnalysisResult(
        Path baseDir,
        List<RuleMetadata> rules,
        List<Finding> findings,
        List<ProcessingError> processingErrors,
        int javaFiles,
        int resourceFiles,
        List<SuppressedFinding> suppressed,
        BaselineOutcome baseline) {

    public AnalysisResult {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        processingErrors = List.copyOf(processingErrors);
        suppressed = List.copyOf(suppressed);
    }

    /** A result without suppressed findings and without a baseline. */
    public AnalysisResult(Path baseDir, List<RuleMetadata> rules, List<Finding> findings,
            List<ProcessingError> processingErrors, int javaFiles, int resourceFiles) {
        this(baseDir, rules, findings, processingErrors, javaFiles, resourceFiles, List.of(), null);
    }

    /** This result after comparing with a baseline: {@code newFindings} are the ones the baseline does not hold. */
    public AnalysisResult withBaseline(List<Finding> newFindings, BaselineOutcome outcome) {
        return new AnalysisResult(baseDir, rules, newFindings, processingErrors, javaFiles, resourceFiles, suppressed,
                outcome);
    }

    /** The findings in the baseline, or none when no baseline was applied. */
    public List<Finding> baselined() {
        return baseline == null ? List.of() : baseline.unchanged();
    }
}
