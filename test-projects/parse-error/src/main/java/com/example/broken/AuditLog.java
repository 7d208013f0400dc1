package com.example.broken;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

public class AuditLog {

    private final DynamoDbClient dynamo;

    public AuditLog(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Map<String, AttributeValue>> everything() {
        return dynamo.scan(ScanRequest.builder().tableName("audit").build()).items();
    }
}
