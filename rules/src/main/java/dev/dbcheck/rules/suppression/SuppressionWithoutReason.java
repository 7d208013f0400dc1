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
import dev.dbcheck.suppress.Suppression;

/**
 * A suppression that gives no reason. Runs after every other rule, over the suppressions of the analysis; the
 * finding the suppression excuses stays suppressed.
 */
public final class SuppressionWithoutReason implements SuppressionRule {

    public static final String ID = "SuppressionWithoutReason";

    private static final RuleMetadata METADATA = RuleMetadata.builder(ID)
            .family(Family.SUPPRESSION)
            .severity(Severity.WARNING)
            .summary("A dbcheck suppression gives no reason")
            .explanation("""
                    A suppression turns a finding off for good. Without a reason nobody reviewing the change can \
                    judge whether the excuse holds (a batch job that may scan, a table known to stay small), and \
                    nobody can tell later whether it still does once the code or the table has changed. \
                    Suppressions without reasons accumulate until the analysis is silenced wholesale, which is how \
                    a full-table Scan or an unbounded DELETE reaches production unnoticed. The finding stays \
                    suppressed; the missing reason is reported.""")
            .fix("""
                    Write why the finding is safe to ignore. In a comment, after a colon: \
                    `// dbcheck:ignore DynamoDbScan: nightly export, reads the whole table on purpose` \
                    (`--` in SQL, `#` in YAML and properties). For `@SuppressWarnings("dbcheck:RuleId")`, put the \
                    reason in a comment after the annotation on the same line, or on the line directly above it.""")
            .badExample("""
                    @SuppressWarnings("dbcheck:DynamoDbScan")
                    List<Order> exportAll() {
                        return table.scan().items().stream().toList();
                    }""")
            .goodExample("""
                    // Nightly export to S3: reads the whole table on purpose, off-peak, rate-limited.
                    @SuppressWarnings("dbcheck:DynamoDbScan")
                    List<Order> exportAll() {
                        return table.scan().items().stream().toList();
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SuppressionContext context) {
        for (Map.Entry<Path, List<Suppression>> e : context.suppressions().entrySet()) {
            for (Suppression s : e.getValue()) {
                if (s.justification() == null) {
                    context.report(e.getKey(), s, message(s), Headline.details(
                            "This suppression of " + s.describeRules() + " gives no reason: nobody can review whether "
                                    + "it holds, or notice when it stops holding.",
                            "This suppression gives no reason: nobody can review whether it holds, or notice when it "
                                    + "stops holding."));
                }
            }
        }
    }

    /** The report for {@code s}, which has no reason. */
    private static String message(Suppression s) {
        String how = s.kind() == Suppression.Kind.ANNOTATION
                ? "add a comment after the annotation on its line, or on the line above it, saying why"
                : "write it after a colon: dbcheck:ignore " + (s.coversAllRules() ? "" : s.describeRules())
                        + ": <why this is safe>";
        return "This suppression of " + s.describeRules() + " gives no reason: nobody can review whether it "
                + "holds, or notice when it stops holding. Give the reason: " + how + ".";
    }
}
