package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnprocessedItemsIgnoredTest {

    @Test
    void flagsBatchesWhoseLeftoversAreIgnoredV1V2EnhancedMapper() {
        RuleTester.of(new UnprocessedItemsIgnored()).fixtures("/fixtures/UnprocessedItemsIgnored").expectMarkedFindings();
    }

    @Test
    void findingSpansTheCallAndTeaches() {
        AnalysisResult result = RuleTester.of(new UnprocessedItemsIgnored()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        dynamo.batchWriteItem(r -> r.requestItems(java.util.Map.of())); // expect: UnprocessedItemsIgnored
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(5, f.beginLine());
        assertEquals(16, f.beginColumn());
        assertEquals("batchWriteItem(): the result is discarded: its unprocessedItems() are never read, retried or "
                + "returned. DynamoDB accepts part of a batch and hands back the rest, most often because the table "
                + "or one partition (3,000 RCU / 1,000 WCU) is throttled; ignoring them silently loses those writes "
                + "(guide: Throughput mode matters). Resend them with exponential backoff and jitter until none are "
                + "left (bounded), or return them to the caller.", f.message());
    }
}
