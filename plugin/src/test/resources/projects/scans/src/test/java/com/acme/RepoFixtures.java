package com.acme;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

class RepoFixtures {
    static int count(DynamoDbClient dynamo) {
        return dynamo.scan(ScanRequest.builder().tableName("fixtures").build()).count();
    }
}
