package dev.dbcheck.rule;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.suppress.Suppression;
import dev.dbcheck.suppress.Suppressions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link SuppressionRule} sees: every suppression of the analysis, which of them excused a finding, the
 * rules that ran and the rule ids dbcheck knows. Reports land on the suppression itself.
 */
public final class SuppressionContext {

    private final Rule rule;
    private final Suppressions.Applied applied;
    private final Set<String> ran;
    private final Set<String> known;
    private final List<Finding> sink;

    /**
     * @param ran ids of the rules that ran
     * @param known every rule id dbcheck knows, including those that ran
     * @param sink where the rule's findings go
     */
    public SuppressionContext(Rule rule, Suppressions.Applied applied, Set<String> ran, Set<String> known,
            List<Finding> sink) {
        this.rule = rule;
        this.applied = applied;
        this.ran = ran;
        this.known = known;
        this.sink = sink;
    }

    /**
     * Runs the {@link SuppressionRule}s among {@code rules}, last, over what applying the suppressions left.
     *
     * @param known every rule id dbcheck knows, including those that ran
     * @return the findings still reported plus the suppression rules' own, sorted
     */
    public static List<Finding> runAll(List<Rule> rules, Suppressions.Applied applied, Set<String> known) {
        Set<String> ran = new HashSet<>();
        rules.forEach(r -> ran.add(r.id()));
        List<Finding> out = new ArrayList<>(applied.findings());
        for (Rule rule : rules) {
            if (rule instanceof SuppressionRule check) {
                check.check(new SuppressionContext(rule, applied, ran, known, out));
            }
        }
        out.sort(Finding.ORDER);
        return out;
    }

    /** The suppressions of each file that has any. */
    public Map<Path, List<Suppression>> suppressions() {
        return applied.byFile();
    }

    /** The rule ids {@code s} excused a finding of ({@link Suppressions#ALL_RULES} for every rule); empty if none. */
    public Set<String> usedIds(Suppression s) {
        return applied.usedIds(s);
    }

    /** True when rule {@code id} ran in this analysis (a suppression of a disabled rule is not judged unused). */
    public boolean ran(String id) {
        return ran.contains(id);
    }

    /** Every rule id dbcheck knows, those that ran included. */
    public Set<String> knownIds() {
        return known;
    }

    /** Reports {@code message} at suppression {@code s} of {@code file}. */
    public void report(Path file, Suppression s, String message) {
        report(file, s, message, dev.dbcheck.finding.Details.NONE);
    }

    /** Reports {@code message} with its details (the console sentence) at suppression {@code s} of {@code file}. */
    public void report(Path file, Suppression s, String message, dev.dbcheck.finding.Details details) {
        RuleMetadata m = rule.metadata();
        sink.add(new Finding(m.id(), m.family(), m.defaultSeverity(), message, file, s.line(), s.column(), s.line(),
                s.column(), details));
    }
}
