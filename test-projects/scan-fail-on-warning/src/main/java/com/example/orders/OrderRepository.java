package com.example.orders;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

public class OrderRepository {

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<Order> orders;
    private final AmazonDynamoDB legacy;

    public OrderRepository(DynamoDbClient dynamo, DynamoDbTable<Order> orders, AmazonDynamoDB legacy) {
        this.dynamo = dynamo;
        this.orders = orders;
        this.legacy = legacy;
    }

    public List<Map<String, AttributeValue>> pendingOrders() {
        ScanResponse response = dynamo.scan(ScanRequest.builder()
                .tableName("orders")
                .filterExpression("status = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PENDING")))
                .build());
        return response.items();
    }

    public long countOrders() {
        return orders.scan().items().stream().count();
    }

    public ScanResult legacyExport() {
        return legacy.scan("orders-v1", List.of("id", "status"));
    }

    // Negatives: keyed access and a java.util.Scanner are not table scans.
    public List<Map<String, AttributeValue>> ordersOf(String customerId) {
        return dynamo.query(QueryRequest.builder()
                .tableName("orders")
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .build()).items();
    }

    public String firstToken(String line) {
        Scanner scanner = new Scanner(line);
        return scanner.hasNext() ? scanner.next() : "";
    }
}
