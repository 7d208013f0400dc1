package com.example.shop;

public record Product(long id, String name, long priceCents) {
    public String toJson() {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"priceCents\":" + priceCents + "}";
    }
}
