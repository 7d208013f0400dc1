package com.example.catalog;

public record Product(String id, String category, String name) {}
