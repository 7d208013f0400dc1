package com.example.orders;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Legacy data access: the scans here predate dbcheck and are tracked in the baseline. */
public class OrderRepository {

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<Order> orders;

    public OrderRepository(DynamoDbClient dynamo, DynamoDbTable<Order> orders) {
        this.dynamo = dynamo;
        this.orders = orders;
    }

    public List<Map<String, AttributeValue>> pendingOrders() {
        return dynamo.scan(ScanRequest.builder().tableName("orders").build()).items();
    }

    public long countOrders() {
        return orders.scan().items().stream().count();
    }
}
