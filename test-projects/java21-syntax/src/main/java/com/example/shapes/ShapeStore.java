package com.example.shapes;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

public class ShapeStore {

    sealed interface Shape permits Circle, Square, Group {}

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}

    record Group(String name, List<Shape> members) implements Shape {}

    private static final String DESCRIPTION = """
            Shapes are stored in the "shapes" table,
            one item per shape.
            """;

    private final DynamoDbClient dynamo;

    public ShapeStore(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    static double area(Shape shape) {
        return switch (shape) {
            case Circle c when c.radius() <= 0 -> 0;
            case Circle(double r) -> Math.PI * r * r;
            case Square(var side) -> side * side;
            case Group(String name, var members) -> members.stream().mapToDouble(ShapeStore::area).sum();
        };
    }

    String describe(Object value) {
        if (value instanceof Group(var name, var members) && !members.isEmpty()) {
            return name + ": " + members.size();
        }
        return switch (value) {
            case null -> "nothing";
            case String s -> s;
            default -> DESCRIPTION;
        };
    }

    List<Map<String, AttributeValue>> allShapes() {
        return switch (dynamo) {
            case DynamoDbClient client when client != null -> client.scan(ScanRequest.builder()
                    .tableName("shapes")
                    .build()).items();
            default -> List.of();
        };
    }

    static int count(Shape shape) {
        return switch (shape) {
            case Group g -> {
                int n = 0;
                for (Shape member : g.members()) {
                    n += count(member);
                }
                yield Math.max(n, 1);
            }
            default -> 1;
        };
    }
}
