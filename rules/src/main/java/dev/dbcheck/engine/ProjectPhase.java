package dev.dbcheck.engine;

import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.rule.SuppressionContext;
import dev.dbcheck.suppress.Suppression;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.suppress.Suppressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Phases 5 and 6 of an analysis ({@link Analyzer}): the project rules over the facts of every file, then the result:
 * suppressions applied and judged, severity overrides, and the stable order of every list.
 */
final class ProjectPhase {

    private ProjectPhase() {}

    static void runProjectRule(ProjectRule rule, List<Fact> facts, AnalysisRequest request,
            List<Finding> findings, List<ProcessingError> errors) {
        ProjectContext context = new ProjectContext() {
            @Override
            public List<Fact> facts() {
                return facts;
            }

            @Override
            public AnalysisOptions options() {
                return request.options();
            }

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn, String message) {
                report(file, line, column, endLine, endColumn, rule.metadata().defaultSeverity(), message,
                        Details.NONE);
            }

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn, Severity severity,
                    String message, Details details) {
                findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message, file, line, column,
                        endLine, endColumn, details));
            }

            @Override
            public Consumer<String> log() {
                return request.log();
            }
        };
        try {
            rule.finish(context);
        } catch (IllegalArgumentException e) {
            // Wrong configuration (an unknown instance class, say): the user must hear it, not a note.
            throw e;
        } catch (RuntimeException e) {
            errors.add(new ProcessingError(request.baseDir(), 0, 0, "Rule " + rule.id() + " failed: " + e));
        }
    }

    /** Phase 6: suppressions applied and judged, severity overrides, and the stable order of every list. */
    static AnalysisResult result(AnalysisRequest request, Outcomes outcomes, int javaCount,
            int resourceCount) {
        List<Finding> findings = outcomes.findings;
        suppressionsOfOtherFiles(findings, new java.util.HashSet<>(outcomes.scanned), request,
                outcomes.suppressions);
        Set<String> known = new java.util.HashSet<>(RuleRegistry.ids());
        request.rules().forEach(r -> known.add(r.id()));
        Suppressions.Applied applied = Suppressions.apply(findings, outcomes.suppressions);
        List<Finding> reported = SuppressionContext.runAll(request.rules(), applied, known);
        Map<String, Severity> defaults = new HashMap<>();
        request.rules().forEach(r -> defaults.put(r.id(), r.metadata().defaultSeverity()));
        List<Finding> adjusted = applySeverities(reported, request.severityOverrides(), defaults);
        adjusted.sort(Finding.ORDER);
        List<dev.dbcheck.suppress.SuppressedFinding> suppressed = applied.suppressed().stream()
                .map(s -> {
                    Severity sev = atDefault(s.finding(), defaults)
                            ? request.severityOverrides().get(s.finding().ruleId()) : null;
                    return sev == null ? s : new dev.dbcheck.suppress.SuppressedFinding(
                            s.finding().withSeverity(sev), s.kind(), s.justification());
                }).toList();
        List<ProcessingError> errors = outcomes.errors;
        errors.sort(ProcessingError.ORDER);
        List<RuleMetadata> metadata = request.rules().stream().map(Rule::metadata)
                .sorted(Comparator.comparing(RuleMetadata::id)).toList();
        return new AnalysisResult(request.baseDir().toAbsolutePath().normalize(), metadata, adjusted, errors,
                javaCount, resourceCount, suppressed, null);
    }

    /**
     * Project rules may report in files that were not analysed themselves (a config file no resource rule reads):
     * their suppressions are read here. Unreadable files simply have none.
     */
    private static void suppressionsOfOtherFiles(List<Finding> findings, Set<Path> scanned, AnalysisRequest request,
            Map<Path, List<Suppression>> suppressions) {
        for (Finding f : findings) {
            Path file = f.file();
            if (scanned.add(file) && SuppressionScanner.supports(file.getFileName().toString())) {
                try {
                    List<Suppression> found = SuppressionScanner.text(file.getFileName().toString(),
                            new String(Files.readAllBytes(file), request.encoding()));
                    if (!found.isEmpty()) {
                        suppressions.put(file, found);
                    }
                } catch (IOException e) {
                    request.debugLog().accept("dbcheck: cannot read " + file + " for suppressions: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Per-rule overrides change the findings reported at the rule's default severity; a finding whose rule chose
     * its severity (through a rule option) keeps it.
     */
    private static List<Finding> applySeverities(List<Finding> findings, Map<String, Severity> overrides,
            Map<String, Severity> defaults) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Severity s = atDefault(f, defaults) ? overrides.get(f.ruleId()) : null;
            out.add(s == null ? f : f.withSeverity(s));
        }
        return out;
    }

    private static boolean atDefault(Finding f, Map<String, Severity> defaults) {
        Severity d = defaults.get(f.ruleId());
        return d == null || f.severity() == d;
    }
}
