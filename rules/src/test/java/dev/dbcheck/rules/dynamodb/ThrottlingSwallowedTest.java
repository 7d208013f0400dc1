package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ThrottlingSwallowedTest {

    @Test
    void flagsIgnoredThrottlingV1AndV2AndNothingHandled() {
        RuleTester.of(new ThrottlingSwallowed()).fixtures("/fixtures/ThrottlingSwallowed").expectMarkedFindings();
    }

    @Test
    void findingSpansTheCatchClauseAndTeaches() {
        AnalysisResult result = RuleTester.of(new ThrottlingSwallowed()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
                class A {
                    void f(DynamoDbClient dynamo) {
                        try { dynamo.putItem(r -> r.tableName("t")); } catch (ProvisionedThroughputExceededException e) { } // expect: ThrottlingSwallowed
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(6, f.beginLine());
        assertEquals(56, f.beginColumn());
        assertEquals("catch (ProvisionedThroughputExceededException) ignores DynamoDB throttling: it is neither "
                + "rethrown, logged, counted nor retried, so a request DynamoDB rejected because the table or one "
                + "partition (3,000 RCU / 1,000 WCU) is over capacity is silently dropped, after the SDK's own "
                + "retries, and nobody sees the throttling (guide: Throughput mode matters: monitoring must surface "
                + "throttling events). Rethrow it, or log it and record a throttle metric, or retry with exponential "
                + "backoff and jitter.", f.message());
    }

    @Test
    void fullyQualifiedTypesWithoutImportsAreStillSeen() {
        RuleTester.of(new ThrottlingSwallowed()).java("""
                package p;
                class A {
                    void f(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
                        try {
                            dynamo.deleteItem(r -> r.tableName("t"));
                        } catch (software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException e) { // expect: ThrottlingSwallowed
                        }
                    }
                }
                """).expectMarkedFindings();
    }
}
