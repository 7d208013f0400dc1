package dev.dbcheck.rules.suppression;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import java.util.Set;
import java.util.TreeSet;

/**
 * A suppression naming a rule id dbcheck does not have (a typo, or a rule that was renamed). Reported by the
 * engine after applying suppressions ({@code dev.dbcheck.suppress.Suppressions}).
 */
public final class UnknownRuleInSuppression implements Rule {

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

    public static String message(String unknownId, Set<String> known) {
        return "'" + unknownId + "' is not a dbcheck rule id, so this suppression excuses nothing. Known ids: "
                + String.join(", ", new TreeSet<>(known)) + ".";
    }
}
