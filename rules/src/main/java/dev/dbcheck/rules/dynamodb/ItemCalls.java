package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.DynamoDbApi.ENHANCED;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import dev.dbcheck.types.MethodMatcher;
import java.util.List;
import java.util.Set;

/**
 * The single-item calls of each DynamoDB API that have a batch form, for {@link DynamoDbCallInLoop}: GetItem,
 * PutItem and DeleteItem of the v2 clients and enhanced tables, the v1 client, document API and mapper; and the
 * result types whose iteration yields pages, not items.
 */
final class ItemCalls {

    static final Set<String> GETS = Set.of("getItem", "getItemAsync", "load");
    static final Set<String> PUTS = Set.of("putItem", "putItemAsync", "save");

    /** SDK v2 low-level clients (sync and async). */
    static final MethodMatcher V2_CLIENT = MethodMatcher.instanceMethod()
            .onSubtypeOf(V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient")
            .named("getItem", "putItem", "deleteItem");

    /** SDK v2 enhanced client tables (sync and async). */
    static final MethodMatcher ENHANCED_TABLE = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbTable", ENHANCED + "DynamoDbAsyncTable")
            .named("getItem", "putItem", "deleteItem");

    /** SDK v1 low-level client; a request object is evidence when the receiver is a getter of another file. */
    static final MethodMatcher V1_CLIENT = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "AmazonDynamoDB")
            .named("getItem", "putItem", "deleteItem", "getItemAsync", "putItemAsync", "deleteItemAsync")
            .orUnresolvedReceiverWithArgumentOf(V1 + "model.GetItemRequest", V1 + "model.PutItemRequest",
                    V1 + "model.DeleteItemRequest");

    /** SDK v1 document API. */
    static final MethodMatcher V1_DOCUMENT = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "document.Table")
            .named("getItem", "putItem", "deleteItem");

    /** SDK v1 object mapper. */
    static final MethodMatcher V1_MAPPER = MethodMatcher.instanceMethod()
            .onSubtypeOf(V1 + "datamodeling.IDynamoDBMapper", V1 + "datamodeling.DynamoDBTableMapper")
            .named("load", "save", "delete");

    static final List<MethodMatcher> CALLS = List.of(V2_CLIENT, ENHANCED_TABLE, V1_CLIENT, V1_DOCUMENT,
            V1_MAPPER);

    static final Set<String> NAMES = Set.of("getItem", "putItem", "deleteItem", "getItemAsync",
            "putItemAsync", "deleteItemAsync", "load", "save", "delete");

    /** Iterating these yields pages of results: one call per page is not one call per item. */
    static final Set<String> PAGE_TYPES = Set.of(
            ENHANCED + "model.Page", ENHANCED + "model.PageIterable",
            V2 + "paginators.ScanIterable", V2 + "paginators.QueryIterable",
            V2 + "model.ScanResponse", V2 + "model.QueryResponse",
            V1 + "model.ScanResult", V1 + "model.QueryResult",
            V1 + "datamodeling.ScanResultPage", V1 + "datamodeling.QueryResultPage");

    private ItemCalls() {}
}
