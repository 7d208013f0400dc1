package com.acme.shop.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A per-instance memo with the same read/store shape as RedisCache, but no shared cache behind it. */
public class LocalMemo {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public String read(String key) {
        return values.get(key);
    }

    public void store(String key, String value) {
        values.put(key, value);
    }
}
