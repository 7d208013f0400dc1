package com.example.export;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Exports and audits of the orders table. */
public class OrderExport {

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<Order> orders;

    public OrderExport(DynamoDbClient dynamo, DynamoDbTable<Order> orders) {
        this.dynamo = dynamo;
        this.orders = orders;
    }

    // Runs once a night, off-peak, behind a rate limiter: reading the whole table is the point.
    @SuppressWarnings("dbcheck:DynamoDbScan")
    public long exportAll() {
        return orders.scan().items().stream().count();
    }

    public ScanResponse audit() {
        // dbcheck:ignore DynamoDbScan: weekly audit of a table capped at 2,000 items
        return dynamo.scan(r -> r.tableName("audit"));
    }

    public ScanResponse reconcile() {
        return dynamo.scan(r -> r.tableName("reconcile")); // dbcheck:ignore DynamoDbScan
    }

    // dbcheck:ignore DynamoDbScan: the scan that was here became a getItem
    public Order byId(String id) {
        return orders.getItem(Key.builder().partitionValue(id).build());
    }

    public ScanResponse backfill() {
        // dbcheck:ignore DynamoScan: one-off backfill, removed after the migration
        return dynamo.scan(r -> r.tableName("backfill"));
    }

    public ScanResponse cleanup() {
        String note = "// dbcheck:ignore DynamoDbScan: a string, not a comment";
        return dynamo.scan(r -> r.tableName("cleanup"));
    }
}
