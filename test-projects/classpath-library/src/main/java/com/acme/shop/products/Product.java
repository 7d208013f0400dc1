package com.acme.shop.products;

public class Product {
    public long id;
}
