package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class DynamoDbRetriesDisabledTest {

    @Test
    void flagsEveryWayToTurnRetriesOffOnDynamoDbClientsAndNothingElse() {
        RuleTester.of(new DynamoDbRetriesDisabled()).fixtures("/fixtures/DynamoDbRetriesDisabled").expectMarkedFindings();
    }

    @Test
    void findingIsOnTheCallThatDisablesRetriesWithTheWholeMessage() {
        AnalysisResult result = RuleTester.of(new DynamoDbRetriesDisabled()).java("""
                package p;
                import software.amazon.awssdk.core.retry.RetryPolicy;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    DynamoDbClient c = DynamoDbClient.builder()
                            .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build(); // expect: DynamoDbRetriesDisabled
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(6, f.beginLine());
        assertEquals(55, f.beginColumn());
        assertEquals("RetryPolicy.none() turns off the SDK's retries for this DynamoDB client: the SDK v2 retries "
                + "DynamoDB requests up to 8 times with exponential backoff from 25 ms, capped at 20 s, which absorbs "
                + "throttling (ProvisionedThroughputExceededException); without them every throttle of a traffic "
                + "spike or a hot partition fails the request (guide: Throughput mode matters). Keep the SDK's "
                + "DynamoDB retry strategy and bound latency with apiCallTimeout instead.", f.message());
    }
}
