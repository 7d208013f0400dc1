package dev.dbcheck.rules.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnknownRuleInSuppressionTest {

    @Test
    void reportsIdsThatAreNoRule() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new UnknownRuleInSuppression(),
                new UnusedSuppression()).fixtures("/fixtures/UnknownRuleInSuppression").expectMarkedFindings();
        assertEquals(2, result.suppressed().size());
    }

    @Test
    void messageListsTheKnownIds() {
        String message = UnknownRuleInSuppression.message("DynamoScan", RuleRegistry.ids());
        assertTrue(message.startsWith("'DynamoScan' is not a dbcheck rule id, so this suppression excuses nothing. "
                + "Known ids: "), message);
        assertTrue(message.endsWith("Known ids: " + String.join(", ", RuleRegistry.ids()) + "."), message);
        assertTrue(message.contains("DynamoDbScan, "), message);
    }
}
