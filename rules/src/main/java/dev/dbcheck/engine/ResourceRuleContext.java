package dev.dbcheck.engine;

import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import java.util.Map;

/** Binds a resource rule to one file and the outcome it reports into. */
record ResourceRuleContext(ResourceRule rule, ResourceFile file, AnalysisOptions options,
        FileOutcome outcome) implements ResourceContext {

    @Override
    public void report(int line, int column, int endLine, int endColumn, String message) {
        report(line, column, endLine, endColumn, rule.metadata().defaultSeverity(), message);
    }

    @Override
    public void report(int line, int column, int endLine, int endColumn, Severity severity, String message) {
        report(line, column, endLine, endColumn, severity, message, Details.NONE);
    }

    @Override
    public void report(int line, int column, int endLine, int endColumn, Severity severity, String message,
            Details details) {
        outcome.findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message, file.path(),
                Math.max(1, line), Math.max(1, column), endLine, endColumn, details));
    }

    @Override
    public void addFact(String kind, int line, int column, Map<String, String> data) {
        outcome.facts.add(new Fact(rule.id(), kind, file.path(), line, column, data));
    }

    @Override
    public void processingError(int line, int column, String reason) {
        // Several rules reading the same malformed file say the same thing: report it once.
        ProcessingError error = new ProcessingError(file.path(), line, column, reason);
        if (!outcome.errors.contains(error)) {
            outcome.errors.add(error);
        }
    }
}
