package com.example.ledger.config;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the ledger table in local environments; its key schema is the table's contract. */
public final class TableBootstrap {

    public static final String LEDGER_TABLE = "ledger_entries";

    private TableBootstrap() {}

    public static void createLedgerTable(DynamoDbClient dynamo) {
        dynamo.createTable(r -> r.tableName(LEDGER_TABLE)
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(500L).writeCapacityUnits(500L))
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("accountId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("entryId").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("accountId").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("entryId").keyType(KeyType.RANGE).build()));
    }
}
