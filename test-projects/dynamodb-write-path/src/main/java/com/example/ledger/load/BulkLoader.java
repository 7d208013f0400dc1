package com.example.ledger.load;

import com.example.ledger.account.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Imports ledger entries from the nightly file in batches of 25. */
public class BulkLoader {
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;

    public BulkLoader(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** The first version: fire and forget. */
    public void load(List<LedgerEntry> entries) {
        for (int i = 0; i < entries.size(); i += BATCH) {
            List<WriteRequest> writes = toWrites(entries.subList(i, Math.min(entries.size(), i + BATCH)));
            dynamo.batchWriteItem(r -> r.requestItems(Map.of("ledger_entries", writes)));
        }
    }

    /** The second version resends what was left, as fast as it can, until DynamoDB takes it. */
    public void loadResending(List<LedgerEntry> entries) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                .requestItems(Map.of("ledger_entries", toWrites(entries)))
                .build();
        BatchWriteItemResponse response;
        do {
            response = dynamo.batchWriteItem(request);
            request = request.toBuilder().requestItems(response.unprocessedItems()).build();
        } while (response.hasUnprocessedItems());
    }

    /** The fixed version: bounded attempts, exponential backoff with full jitter. */
    public void loadWithBackoff(List<LedgerEntry> entries) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of("ledger_entries", toWrites(entries));
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("ledger_entries still throttled after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 0) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(Math.min(20_000L, 25L << attempt)));
            }
            Map<String, List<WriteRequest>> batch = pending;
            pending = dynamo.batchWriteItem(r -> r.requestItems(batch)).unprocessedItems();
        }
    }

    /** Opening balances are all booked on the same technical account. */
    public void openingBalance(String entryId, String amount) {
        dynamo.putItem(r -> r.tableName("ledger_entries")
                .item(Map.of("accountId", AttributeValue.fromS("OPENING-BALANCES"),
                        "entryId", AttributeValue.fromS(entryId),
                        "amount", AttributeValue.fromN(amount))));
    }

    private static List<WriteRequest> toWrites(List<LedgerEntry> entries) {
        List<WriteRequest> writes = new ArrayList<>();
        for (LedgerEntry e : entries) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "accountId", AttributeValue.fromS(e.accountId()),
                    "entryId", AttributeValue.fromS(e.entryId()),
                    "amount", AttributeValue.fromN(e.amount().toPlainString()))).build()).build());
        }
        return writes;
    }
}
