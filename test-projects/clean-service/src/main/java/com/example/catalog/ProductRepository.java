package com.example.catalog;

import java.util.List;
import java.util.Map;
import java.util.Scanner;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Keyed access only: every read names a partition key. */
public class ProductRepository {

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<Product> products;

    public ProductRepository(DynamoDbClient dynamo, DynamoDbTable<Product> products) {
        this.dynamo = dynamo;
        this.products = products;
    }

    public Map<String, AttributeValue> byId(String id) {
        return dynamo.getItem(GetItemRequest.builder()
                .tableName("products")
                .key(Map.of("id", AttributeValue.fromS(id)))
                .build()).item();
    }

    public List<Map<String, AttributeValue>> byCategory(String category) {
        return dynamo.query(QueryRequest.builder()
                .tableName("products")
                .indexName("category-index")
                .keyConditionExpression("category = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(category)))
                .build()).items();
    }

    public List<Product> variants(String id) {
        return products.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(id).build()))
                .items().stream().toList();
    }

    public Product one(String id) {
        return products.getItem(Key.builder().partitionValue(id).build());
    }

    /** A scanner over text, not a table. */
    public int countWords(String text) {
        Scanner scanner = new Scanner(text);
        int n = 0;
        while (scanner.hasNext()) {
            scanner.next();
            n++;
        }
        return n;
    }
}
