package com.acme;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

public class Repo {
    private final DynamoDbClient dynamo;

    public Repo(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Map<String, AttributeValue>> all() {
        return dynamo.scan(ScanRequest.builder().tableName("items").build()).items();
    }

    public Map<String, AttributeValue> one(String id) {
        return dynamo.getItem(GetItemRequest.builder().tableName("items")
                .key(Map.of("id", AttributeValue.fromS(id))).build()).item();
    }
}
