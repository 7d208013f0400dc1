package com.example.orders;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

public class OrderRepository {

    private final DynamoDbClient dynamo;

    public OrderRepository(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Map<String, AttributeValue>> pendingOrders() {
        return dynamo.scan(ScanRequest.builder()
                .tableName("orders")
                .filterExpression("status = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PENDING")))
                .build()).items();
    }

    public List<Map<String, AttributeValue>> ordersOf(String customerId) {
        return dynamo.query(QueryRequest.builder()
                .tableName("orders")
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .build()).items();
    }
}
