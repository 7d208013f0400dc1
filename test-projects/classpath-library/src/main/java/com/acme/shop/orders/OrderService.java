package com.acme.shop.orders;

import org.springframework.cache.annotation.Cacheable;

public class OrderService {
    private final OrderLookup lookup;

    public OrderService(OrderLookup lookup) {
        this.lookup = lookup;
    }

    @Cacheable("orders")
    public Order order(long id) {
        return lookup.find(id);
    }
}
