package com.example.shop.catalog;

import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.JedisPooled;

/** Product descriptions, cached in Redis in front of Aurora. */
public class ProductCache {

    private final JedisPooled redis;
    private final JdbcTemplate jdbc;

    public ProductCache(JedisPooled redis, JdbcTemplate jdbc) {
        this.redis = redis;
        this.jdbc = jdbc;
    }

    public String description(String productId) {
        String key = "product:" + productId + ":description";
        String cached = redis.get(key);
        if (cached != null) {
            return cached;
        }
        String description = jdbc.queryForObject(
                "SELECT description FROM products WHERE id = ?", String.class, productId);
        redis.setex(key, 300, description);
        return description;
    }

    /** Read-only peek for the admin page: no load, no refill, nothing to stampede. */
    public boolean isCached(String productId) {
        return redis.get("product:" + productId + ":description") != null;
    }
}
