package com.example.shop;

public class Order {
    public String id;
    public String customerId;
}
