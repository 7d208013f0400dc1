package dev.dbcheck.rules.suppression;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.SuppressionContext;
import dev.dbcheck.rule.SuppressionRule;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.RuleMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.dbcheck.suppress.Suppression;

/**
 * A suppression that excuses nothing: no finding of the rule it names (among the rules that ran) begins in its
 * scope. Runs after every other rule, when the engine knows which suppression excused what.
 */
public final class UnusedSuppression implements SuppressionRule {

    public static final String ID = "UnusedSuppression";

    private static final RuleMetadata METADATA = RuleMetadata.builder(ID)
            .family(Family.SUPPRESSION)
            .severity(Severity.WARNING)
            .summary("A dbcheck suppression matches no finding")
            .explanation("""
                    The code a suppression excused has been fixed, moved or rewritten, but the suppression stayed. \
                    A stale suppression is a blind spot waiting to happen: the next time someone writes a Scan or \
                    an unbounded DELETE in the same method or on the same line, it is silenced without anyone \
                    having judged it. Suppressions for rules that did not run (disabled in the build) are not \
                    reported.""")
            .fix("""
                    Delete the suppression, or the rule id that no longer matches from its list. If the finding \
                    moved to another line, move the comment with it.""")
            .badExample("""
                    // dbcheck:ignore DynamoDbScan: nightly export reads the whole table on purpose
                    Order order = table.getItem(Key.builder().partitionValue(id).build());""")
            .goodExample("""
                    Order order = table.getItem(Key.builder().partitionValue(id).build());""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SuppressionContext context) {
        for (Map.Entry<Path, List<Suppression>> e : context.suppressions().entrySet()) {
            for (Suppression s : e.getValue()) {
                Set<String> used = context.usedIds(s);
                if (s.coversAllRules()) {
                    if (used.isEmpty()) {
                        context.report(e.getKey(), s, message(s, null), headline(null));
                    }
                    continue;
                }
                for (String id : s.ruleIds()) {
                    // Suppressions of the suppression rules are judged too: they never excuse anything.
                    if (context.ran(id) && !used.contains(id)) {
                        context.report(e.getKey(), s, message(s, id), headline(id));
                    }
                }
            }
        }
    }

    /** The report for {@code s}; {@code ruleId} is the unused id, or null for an all-rules suppression. */
    private static dev.dbcheck.finding.Details headline(String ruleId) {
        String what = ruleId == null ? "This suppression of every dbcheck rule" : "This suppression of " + ruleId;
        return Headline.details(what + " matches no finding: remove it before it silences one nobody reviewed.",
                "This suppression matches no finding: remove it before it silences one nobody reviewed.");
    }

    private static String message(Suppression s, String ruleId) {
        String what = ruleId == null ? "This suppression of every dbcheck rule" : "This suppression of " + ruleId;
        return what + " matches no finding: the code it excused has changed. Remove it, so it cannot silence a "
                + "future finding nobody has reviewed.";
    }
}
