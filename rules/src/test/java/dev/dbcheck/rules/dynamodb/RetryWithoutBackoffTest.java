package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class RetryWithoutBackoffTest {

    @Test
    void flagsTightConstantAndEndlessRetryLoopsAroundDynamoDbV1AndV2() {
        RuleTester.of(new RetryWithoutBackoff()).fixtures("/fixtures/RetryWithoutBackoff").expectMarkedFindings();
    }

    @Test
    void findingIsOnTheLoopWithTheFormula() {
        AnalysisResult result = RuleTester.of(new RetryWithoutBackoff()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
                class A {
                    void f(DynamoDbClient dynamo) {
                        for (int i = 0; i < 3; i++) { // expect: RetryWithoutBackoff
                            try { dynamo.putItem(r -> r.tableName("t")); break; } catch (DynamoDbException e) { }
                        }
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(6, f.beginLine());
        assertEquals(9, f.beginColumn());
        assertEquals("This loop retries putItem() immediately, without waiting: under throttling each retry goes "
                + "back to a table or partition that is already over capacity (3,000 RCU / 1,000 WCU per partition) "
                + "and fails again (guide: Throughput mode matters). Back off exponentially with full jitter, sleep = "
                + "random(0, min(cap, base * 2^attempt)), and bound the attempts; or leave retries to the SDK (for "
                + "DynamoDB, SDK v2 retries 8 times with backoff from 25 ms).", f.message());
    }
}
