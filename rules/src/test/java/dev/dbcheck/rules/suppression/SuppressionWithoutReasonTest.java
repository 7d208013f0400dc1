package dev.dbcheck.rules.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.suppress.SuppressedFinding;
import dev.dbcheck.suppress.Suppression;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionWithoutReasonTest {

    @Test
    void reportsAnnotationsAndCommentsWithoutAReasonAndStillSuppresses() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new SuppressionWithoutReason())
                .fixtures("/fixtures/SuppressionWithoutReason").expectMarkedFindings();
        // Every scan in the fixture is suppressed, with or without a reason.
        List<String> suppressed = result.suppressed().stream()
                .map(s -> s.finding().beginLine() + " " + s.kind() + " " + s.justification()).toList();
        assertEquals(List.of(
                "24 ANNOTATION null",
                "31 ANNOTATION null",
                "37 ANNOTATION Nightly export to S3: reads the whole table on purpose, off-peak, rate-limited.",
                "42 ANNOTATION weekly audit of a table capped at 2,000 items",
                "48 COMMENT null",
                "53 COMMENT null",
                "58 COMMENT one-off backfill, deleted after the migration (JIRA-1234)"), suppressed);
        SuppressedFinding first = result.suppressed().get(0);
        assertEquals("DynamoDbScan", first.finding().ruleId());
        assertEquals(Suppression.Kind.ANNOTATION, first.kind());
    }

    @Test
    void messageForAnAnnotationSaysWhereTheReasonGoes() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new SuppressionWithoutReason()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    // expect: SuppressionWithoutReason

                    @SuppressWarnings("dbcheck:DynamoDbScan")
                    void f(DynamoDbClient dynamo) {
                        dynamo.scan(r -> r.tableName("t"));
                    }
                }
                """).expectMarkedFindings();
        assertEquals(1, result.findings().size());
        assertEquals("This suppression of DynamoDbScan gives no reason: nobody can review whether it holds, or "
                + "notice when it stops holding. Give the reason: add a comment after the annotation on its line, or "
                + "on the line above it, saying why.", result.findings().get(0).message());
        assertEquals(6, result.findings().get(0).beginLine());
        assertEquals(23, result.findings().get(0).beginColumn());
    }
}
