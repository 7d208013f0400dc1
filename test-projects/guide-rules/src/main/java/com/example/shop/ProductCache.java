package com.example.shop;

import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/** Products cached in Redis. */
public class ProductCache {

    private static final int TTL_SECONDS = 3600;

    private final JedisPooled jedis;
    private final ProductRepository products;

    public ProductCache(JedisPooled jedis, ProductRepository products) {
        this.jedis = jedis;
        this.products = products;
    }

    /** Refreshes one product's entry from the database with no expiry: flagged. */
    public void refresh(long id) {
        String json = products.findById(id).orElseThrow().toJson();
        jedis.set("product:" + id, json);
    }

    /** The same refresh with a TTL: not flagged. */
    public void refreshWithTtl(long id) {
        String json = products.findById(id).orElseThrow().toJson();
        jedis.set("product-v2:" + id, json, SetParams.setParams().ex(TTL_SECONDS));
    }

    /** Nightly warm-up: every key gets the same TTL and expires in the same second: flagged (info). */
    public void warmUp() {
        for (Product p : products.findAll()) {
            jedis.setex("product-v2:" + p.id(), TTL_SECONDS, p.toJson());
        }
    }

    /** The warm-up with jitter: not flagged. */
    public void warmUpJittered() {
        for (Product p : products.findAll()) {
            int ttl = TTL_SECONDS + ThreadLocalRandom.current().nextInt(TTL_SECONDS / 10);
            jedis.setex("product-v2:" + p.id(), ttl, p.toJson());
        }
    }
}
