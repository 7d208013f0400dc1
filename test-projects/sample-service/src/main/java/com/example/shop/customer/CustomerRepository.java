package com.example.shop.customer;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Repository
public class CustomerRepository {

    private final DynamoDbTable<Customer> table;

    public CustomerRepository(DynamoDbEnhancedClient enhanced) {
        this.table = enhanced.table("customers", TableSchema.fromBean(Customer.class));
    }

    public Optional<Customer> findById(String id) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(id).build()));
    }

    public void save(Customer customer) {
        table.putItem(customer);
    }

    /** Looks a customer up by e-mail: there is no index on email, so this reads the whole table. */
    public Optional<Customer> findByEmail(String email) {
        ScanEnhancedRequest request = ScanEnhancedRequest.builder()
                .filterExpression(Expression.builder()
                        .expression("email = :e")
                        .putExpressionValue(":e", AttributeValue.fromS(email))
                        .build())
                .build();
        return table.scan(request).items().stream().findFirst();
    }

    public List<Customer> findAll() {
        return table.scan().items().stream().toList();
    }
}
