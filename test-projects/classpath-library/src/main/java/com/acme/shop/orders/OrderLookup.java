package com.acme.shop.orders;

public class OrderLookup {
    private final OrderStore orders;

    public OrderLookup(OrderStore orders) {
        this.orders = orders;
    }

    public Order find(long id) {
        return orders.selectById(id);
    }
}
