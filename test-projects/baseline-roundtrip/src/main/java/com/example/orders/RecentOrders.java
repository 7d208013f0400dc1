package com.example.orders;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A new feature, written after the baseline: its scan is a new finding. */
public class RecentOrders {

    private final DynamoDbClient dynamo;

    public RecentOrders(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Map<String, AttributeValue>> recent() {
        return dynamo.scan(r -> r.tableName("orders")).items();
    }
}
