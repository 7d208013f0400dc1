package com.example.catalog;

public record Product(long id, String sku, String name, long priceCents) {}
