package com.example.shop.order;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

@Repository
public class OrderRepository {

    private static final String TABLE = "orders";

    private final DynamoDbClient dynamo;

    public OrderRepository(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Map<String, AttributeValue>> ordersOf(String customerId) {
        return dynamo.query(QueryRequest.builder()
                .tableName(TABLE)
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .build()).items();
    }

    public List<Map<String, AttributeValue>> openOrders() {
        return dynamo.scanPaginator(ScanRequest.builder()
                        .tableName(TABLE)
                        .filterExpression("orderStatus = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("OPEN")))
                        .build())
                .items().stream().collect(Collectors.toList());
    }

    public List<Map<String, AttributeValue>> export() {
        return dynamo.executeStatement(ExecuteStatementRequest.builder()
                .statement("SELECT * FROM orders")
                .build()).items();
    }

    public List<Map<String, AttributeValue>> byId(String customerId, String orderId) {
        return dynamo.executeStatement(ExecuteStatementRequest.builder()
                .statement("SELECT * FROM orders WHERE customerId = ? AND orderId = ?")
                .parameters(AttributeValue.fromS(customerId), AttributeValue.fromS(orderId))
                .build()).items();
    }
}
