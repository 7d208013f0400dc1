package com.example.catalog;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** The product cache in front of Aurora, backed by ElastiCache for Redis. */
@Component
public class RedisProductCache {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final StringRedisTemplate redis;
    private final JedisPool jedisPool;
    private final ProductRepository products;
    private final ProductJson json = new ProductJson();

    public RedisProductCache(StringRedisTemplate redis, JedisPool jedisPool, ProductRepository products) {
        this.redis = redis;
        this.jedisPool = jedisPool;
        this.products = products;
    }

    /** Product pages: every request on an expired hot product goes to Aurora. */
    public Product product(long id) {
        String key = "product:" + id;
        String cached = redis.opsForValue().get(key);
        if (cached != null) {
            return json.read(cached);
        }
        Product product = products.findById(id).orElseThrow();
        redis.opsForValue().set(key, json.write(product), TTL);
        return product;
    }

    /** Search results by SKU, through Jedis. */
    public Product bySku(String sku) {
        try (Jedis jedis = jedisPool.getResource()) {
            String cached = jedis.get("sku:" + sku);
            if (cached == null) {
                Product product = products.findBySku(sku).orElseThrow();
                jedis.setex("sku:" + sku, TTL.toSeconds(), json.write(product));
                return product;
            }
            return json.read(cached);
        }
    }

    /** The home page's featured product: a lease makes one pod load it while the others wait. */
    public Product featured(long id) throws InterruptedException {
        String key = "featured:" + id;
        for (int attempt = 0; attempt < 20; attempt++) {
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return json.read(cached);
            }
            Boolean leader = redis.opsForValue().setIfAbsent("lock:" + key, "1", Duration.ofSeconds(10));
            if (Boolean.TRUE.equals(leader)) {
                try {
                    Product product = products.findById(id).orElseThrow();
                    redis.opsForValue().set(key, json.write(product), TTL);
                    return product;
                } finally {
                    redis.delete("lock:" + key);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("featured product " + id + " not loaded in time");
    }

    /** Write-through on update: no read, nothing to stampede. */
    public Product save(Product product) {
        Product saved = products.save(product);
        redis.opsForValue().set("product:" + saved.id(), json.write(saved), TTL);
        return saved;
    }

    /** Read-only peek for the admin UI. */
    public boolean isCached(long id) {
        return redis.opsForValue().get("product:" + id) != null;
    }
}
