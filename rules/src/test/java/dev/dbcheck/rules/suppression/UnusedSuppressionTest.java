package dev.dbcheck.rules.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.rules.sql.DeleteWithoutWhere;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnusedSuppressionTest {

    @Test
    void reportsSuppressionsThatMatchNothing() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new UnusedSuppression())
                .fixtures("/fixtures/UnusedSuppression").expectMarkedFindings();
        assertEquals(2, result.suppressed().size());
    }

    @Test
    void suppressionsOfRulesThatDidNotRunAreNotUnused() {
        // DynamoDbScan is disabled: its suppressions cannot be judged, so they are left alone.
        AnalysisResult result = RuleTester.of(new UnusedSuppression())
                .fixtures("/fixtures/UnusedSuppression").run();
        assertEquals(1, result.findings().size(), result.findings().toString());
        assertTrue(result.findings().get(0).message().startsWith("This suppression of every dbcheck rule"));
    }

    @Test
    void eachIdOfAListIsJudgedOnItsOwn() {
        // DeleteWithoutWhere ran and found nothing here: that id is unused although DynamoDbScan's is used.
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new DeleteWithoutWhere(), new UnusedSuppression())
                .java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        // expect: UnusedSuppression "This suppression of DeleteWithoutWhere matches no finding"
                        // dbcheck:ignore DynamoDbScan, DeleteWithoutWhere: nightly export
                        dynamo.scan(r -> r.tableName("t"));
                    }
                }
                """).expectMarkedFindings();
        assertEquals(1, result.suppressed().size());
    }

    @Test
    void anIdOfARuleThatDidNotRunIsNotJudged() {
        // SuppressionWithoutReason did not run, so only a used DynamoDbScan remains: nothing to report.
        AnalysisResult result = RuleTester.of(new DynamoDbScan(), new UnusedSuppression()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        // dbcheck:ignore DynamoDbScan, SuppressionWithoutReason: nightly export
                        dynamo.scan(r -> r.tableName("t"));
                    }
                }
                """).expectMarkedFindings();
        assertEquals(1, result.suppressed().size());
    }

    @Test
    void aSuppressionOfEveryRuleIsUsedByAnyFinding() {
        RuleTester.of(new DynamoDbScan(), new UnusedSuppression()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                @SuppressWarnings("dbcheck") // generated client for the nightly export job
                class A {
                    void f(DynamoDbClient dynamo) {
                        dynamo.scan(r -> r.tableName("t"));
                    }
                }
                """).expectMarkedFindings();
    }

    @Test
    void aSuppressionOfASuppressionRuleExcusesNothing() {
        RuleTester.of(new DynamoDbScan(), new UnusedSuppression(), new SuppressionWithoutReason()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        // expect: UnusedSuppression "This suppression of SuppressionWithoutReason matches no finding"
                        // dbcheck:ignore SuppressionWithoutReason: we do not write reasons here
                        // expect: SuppressionWithoutReason
                        // dbcheck:ignore DynamoDbScan
                        dynamo.scan(r -> r.tableName("t"));
                    }
                }
                """).expectMarkedFindings();
    }
}
