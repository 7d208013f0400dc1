package dev.dbcheck.rules.suppression;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.SuppressionContext;
import dev.dbcheck.rule.SuppressionRule;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.suppress.Suppression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A suppression naming a rule id dbcheck does not have (a typo, or a rule that was renamed). Runs after every
 * other rule, over the suppressions of the analysis.
 */
public final class UnknownRuleInSuppression implements SuppressionRule {

    public static final String ID = "UnknownRuleInSuppression";

    private static final RuleMetadata METADATA = RuleMetadata.builder(ID)
            .family(Family.SUPPRESSION)
            .severity(Severity.WARNING)
            .summary("A dbcheck suppression names a rule that does not exist")
            .explanation("""
                    A suppression with a misspelt rule id suppresses nothing, so the finding it was meant to \
                    excuse is still reported, or, worse, the author believes a deliberate exception is documented \
                    when it is not. Rule ids are case-sensitive UpperCamelCase names such as DynamoDbScan.""")
            .fix("""
                    Correct the id to one of the ids listed in the message (they are the names of the pages under \
                    docs/rules/), or delete the suppression.""")
            .badExample("""
                    // dbcheck:ignore DynamoScan: nightly export reads the whole table on purpose
                    PageIterable<Order> all = table.scan();""")
            .goodExample("""
                    // dbcheck:ignore DynamoDbScan: nightly export reads the whole table on purpose
                    PageIterable<Order> all = table.scan();""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SuppressionContext context) {
        for (Map.Entry<Path, List<Suppression>> e : context.suppressions().entrySet()) {
            for (Suppression s : e.getValue()) {
                for (String id : s.ruleIds()) {
                    if (!context.knownIds().contains(id)) {
                        context.report(e.getKey(), s, message(id, context.knownIds()), Headline.details(
                                "'" + id + "' is not a dbcheck rule id, so this suppression excuses nothing; "
                                        + "mvn dbcheck:explain lists the ids.",
                                "This suppression names no dbcheck rule id, so it excuses nothing; mvn dbcheck:explain "
                                        + "lists the ids."));
                    }
                }
            }
        }
    }

    static String message(String unknownId, Set<String> known) {
        return "'" + unknownId + "' is not a dbcheck rule id, so this suppression excuses nothing. Known ids: "
                + String.join(", ", new TreeSet<>(known)) + ".";
    }
}
