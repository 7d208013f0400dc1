package com.acme.shop.common;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The shop's Redis wrapper: the services read and refill their cache entries through it. */
public class RedisCache {
    private final StringRedisTemplate redis;

    public RedisCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public String read(String key) {
        return redis.opsForValue().get(key);
    }

    public void store(String key, String value, Duration ttl) {
        redis.opsForValue().set(key, value, ttl);
    }
}
