package com.example.ledger.account;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads statements from the ledger table. */
public class StatementQueries {

    private final DynamoDbClient dynamo;

    public StatementQueries(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Every statement page of every user reads the technical account's partition. */
    public List<Map<String, AttributeValue>> openingBalances() {
        return dynamo.query(r -> r.tableName("ledger_entries")
                .keyConditionExpression("accountId = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("OPENING-BALANCES")))).items();
    }

    /** One account's statement: a per-entity partition key. */
    public List<Map<String, AttributeValue>> statement(String accountId) {
        return dynamo.query(r -> r.tableName("ledger_entries")
                .keyConditionExpression("accountId = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(accountId)))).items();
    }

    /** The ledger's settings: one named item, read by its whole constant key. */
    public Map<String, AttributeValue> settings() {
        return dynamo.getItem(r -> r.tableName("ledger_entries")
                .key(Map.of("accountId", AttributeValue.fromS("SETTINGS"), "entryId", AttributeValue.fromS("CURRENT"))))
                .item();
    }
}
