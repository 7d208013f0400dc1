package com.example.orders;

public class Order {
    private String id;
    private String status;

    public String getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }
}
