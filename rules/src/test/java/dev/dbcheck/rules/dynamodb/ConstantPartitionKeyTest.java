package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ConstantPartitionKeyTest {

    @Test
    void flagsHotWritesCountersAndQueriesButNotNamedItemsStartupOrTests() {
        RuleTester.of(new ConstantPartitionKey()).fixtures("/fixtures/ConstantPartitionKey").expectMarkedFindings();
    }

    @Test
    void aConstantKeyOnlyMainReachesIsNotAHotPartition() {
        RuleTester.of(new ConstantPartitionKey()).fixtures("/fixtures/ConstantPartitionKey-entrypoints")
                .expectMarkedFindings();
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
    void keyMapUsedElsewhereSaysTheWholeKeySoAConstantOneIsANamedItem() {
        // getItem with the single key "id" says "id" is the whole key of "t": a put with a constant "id" writes
        // one named item, however its other attributes vary.
        RuleTester.of(new ConstantPartitionKey()).java("""
                package p;
                import java.util.Map;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
                class A {
                    void read(DynamoDbClient dynamo, String id) {
                        dynamo.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS(id))));
                    }
                    void write(DynamoDbClient dynamo, String data) {
                        dynamo.putItem(r -> r.tableName("t").item(Map.of("id", AttributeValue.fromS("X"),
                                "data", AttributeValue.fromS(data))));
                    }
                }
                """).expectMarkedFindingsOrNone();
    }

    @Test
    void messageNamesTableKeyValueAndWhatVaries() {
        AnalysisResult result = RuleTester.of(new ConstantPartitionKey()).java("""
                package p;
                import java.util.Map;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
                class A {
                    void read(DynamoDbClient dynamo, String day) {
                        dynamo.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS("SHARED"),
                                "day", AttributeValue.fromS(day))));
                    }
                    void create(DynamoDbClient dynamo) {
                        dynamo.createTable(r -> r.tableName("t").keySchema(
                                software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                                        .attributeName("id").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH).build(),
                                software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                                        .attributeName("day").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.RANGE).build()));
                    }
                }
                """).run();
        assertEquals(1, result.findings().size());
        Finding f = result.findings().get(0);
        assertEquals(7, f.beginLine());
        assertEquals(63, f.beginColumn());
        assertEquals("getItem() on table \"t\" reads items under the constant partition key \"id\" = \"SHARED\" while "
                + "the sort key \"day\" varies per call: every such request goes to one partition, which serves at most "
                + "3,000 RCU / 1,000 WCU whatever the table's capacity, so it throttles "
                + "(ProvisionedThroughputExceededException) as traffic grows (guide: Hot partitions are the silent "
                + "reliability killer). Use a per-entity partition key, or shard this one (\"SHARED#\" + shard, read "
                + "across the shards).", f.message());
    }

    @Test
    void counterExpressions() {
        assertTrue(DynamoDbKeys.isCounterExpression("ADD visits :one"));
        assertTrue(DynamoDbKeys.isCounterExpression("SET updated = :now ADD visits :one"));
        assertTrue(DynamoDbKeys.isCounterExpression("SET hits = hits + :one"));
        assertTrue(DynamoDbKeys.isCounterExpression("set #c = if_not_exists(#c, :zero) + :one, at = :now"));
        assertTrue(DynamoDbKeys.isCounterExpression("SET stock = stock - :n REMOVE reserved"));
        assertFalse(DynamoDbKeys.isCounterExpression("SET banner = :text, version = :v"));
        assertFalse(DynamoDbKeys.isCounterExpression("SET total = :a + :b"));
        assertFalse(DynamoDbKeys.isCounterExpression("SET hitsToday = hits + :one"));
        assertFalse(DynamoDbKeys.isCounterExpression("SET address = :add"));
    }
}
