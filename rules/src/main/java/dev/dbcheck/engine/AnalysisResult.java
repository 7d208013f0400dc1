package dev.dbcheck.engine;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.RuleMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * What an analysis found, in a stable order: the same inputs always give the same result.
 *
 * @param baseDir the project directory report paths are relative to
 * @param rules metadata of the rules that ran, sorted by id
 * @param findings sorted by {@link Finding#ORDER}
 * @param processingErrors files (or parts) that could not be analysed, sorted
 * @param javaFiles number of Java files analysed
 * @param resourceFiles number of non-Java files analysed
 */
public record AnalysisResult(
        Path baseDir,
        List<RuleMetadata> rules,
        List<Finding> findings,
        List<ProcessingError> processingErrors,
        int javaFiles,
        int resourceFiles) {

    public AnalysisResult {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        processingErrors = List.copyOf(processingErrors);
    }
}
