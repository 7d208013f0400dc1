package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ConstantPartitionKeyTest {

    @Test
    void flagsConstantPartitionKeysFromKeyMapsKeysSchemasAndBeans() {
        RuleTester.of(new ConstantPartitionKey()).fixtures("/fixtures/ConstantPartitionKey").expectMarkedFindings();
    }

    @Test
    void itemMapWithoutAnyKnowledgeOfTheTableIsNotAFinding() {
        RuleTester.of(new ConstantPartitionKey()).java("""
                package p;
                import java.util.Map;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
                class A {
                    void f(DynamoDbClient dynamo) {
                        dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("X"))));
                    }
                }
                """).expectMarkedFindings();
    }

    @Test
    void keyMapUsedElsewhereNamesThePartitionKeyForItems() {
        AnalysisResult result = RuleTester.of(new ConstantPartitionKey()).java("""
                package p;
                import java.util.Map;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
                class A {
                    void read(DynamoDbClient dynamo, String id) {
                        dynamo.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS(id))));
                    }
                    void write(DynamoDbClient dynamo) {
                        dynamo.putItem(r -> r.tableName("t").item(Map.of("id", AttributeValue.fromS("X")))); // expect: ConstantPartitionKey
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(10, f.beginLine());
        assertEquals(64, f.beginColumn());
        assertEquals("The partition key \"id\" of this putItem() on table \"t\" is the constant \"X\": every such "
                + "request goes to the same partition, which serves at most 3,000 RCU / 1,000 WCU whatever the "
                + "table's capacity, so it throttles (ProvisionedThroughputExceededException) as traffic grows "
                + "(guide: Hot partitions are the silent reliability killer). Shard the key (\"X#\" + shard, "
                + "aggregated on read), or move a hot counter out of DynamoDB.", f.message());
    }
}
