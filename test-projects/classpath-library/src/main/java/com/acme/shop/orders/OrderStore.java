package com.acme.shop.orders;

import com.acme.data.AcmeStore;

public interface OrderStore extends AcmeStore<Order> {
}
