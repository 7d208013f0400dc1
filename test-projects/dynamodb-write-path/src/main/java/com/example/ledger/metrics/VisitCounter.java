package com.example.ledger.metrics;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** Counts API calls in the "counters" table. */
public class VisitCounter {
    private static final String TOTAL_KEY = "COUNTER#TOTAL";
    private static final int SHARDS = 20;

    private final DynamoDbClient dynamo;

    public VisitCounter(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Every request of every pod increments the same item. */
    public void increment() throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                dynamo.updateItem(r -> r.tableName("counters")
                        .key(Map.of("pk", AttributeValue.fromS(TOTAL_KEY)))
                        .updateExpression("ADD visits :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                return;
            } catch (ProvisionedThroughputExceededException e) {
                Thread.sleep(100);
            }
        }
    }

    /** The fixed version: write sharding, summed over the shards on read. */
    public void incrementSharded() {
        String shard = TOTAL_KEY + "#" + ThreadLocalRandom.current().nextInt(SHARDS);
        dynamo.updateItem(r -> r.tableName("counters")
                .key(Map.of("pk", AttributeValue.fromS(shard)))
                .updateExpression("ADD visits :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }
}
