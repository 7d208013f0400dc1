package com.example.shop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/** Orders by id from DynamoDB. */
public class OrderHistory {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<Order> orders;
    private final Map<String, Order> recent = new HashMap<>();

    public OrderHistory(DynamoDbEnhancedClient enhanced, DynamoDbTable<Order> orders) {
        this.enhanced = enhanced;
        this.orders = orders;
    }

    /** One GetItem per id: flagged. */
    public List<Order> byIds(List<String> ids) {
        List<Order> result = new ArrayList<>();
        for (String id : ids) {
            result.add(orders.getItem(Key.builder().partitionValue(id).build()));
        }
        return result;
    }

    /** The same lookup as one BatchGetItem: not flagged. */
    public List<Order> byIdsBatched(List<String> ids) {
        ReadBatch.Builder<Order> batch = ReadBatch.builder(Order.class).mappedTableResource(orders);
        ids.forEach(id -> batch.addGetItem(Key.builder().partitionValue(id).build()));
        return enhanced.batchGetItem(r -> r.readBatches(batch.build())).resultsForTable(orders).stream().toList();
    }

    /** A put into a local map per element looks the same by name only: not flagged. */
    public void remember(List<Order> batch) {
        for (Order o : batch) {
            recent.put(o.id, o);
        }
    }
}
