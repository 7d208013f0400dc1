package com.example.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for the Redis values. */
public class ProductJson {
    private final ObjectMapper mapper = new ObjectMapper();

    public String write(Product product) {
        try {
            return mapper.writeValueAsString(product);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Product read(String json) {
        try {
            return mapper.readValue(json, Product.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
