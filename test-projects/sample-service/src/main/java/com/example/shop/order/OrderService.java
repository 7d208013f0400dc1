package com.example.shop.order;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Service
public class OrderService {

    private final OrderRepository orders;

    public OrderService(OrderRepository orders) {
        this.orders = orders;
    }

    public int openOrderCount() {
        return orders.openOrders().size();
    }

    public List<Map<String, AttributeValue>> history(String customerId) {
        return orders.ordersOf(customerId);
    }
}
