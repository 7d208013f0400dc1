package com.acme.shop.orders;

public class Order {
    public long id;
}
