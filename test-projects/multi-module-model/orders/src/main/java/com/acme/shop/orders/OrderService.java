package com.acme.shop.orders;

import com.acme.shop.common.BaseService;
import com.acme.shop.common.RedisCache;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

public class OrderService extends BaseService {
    private final RedisCache cache;

    public OrderService(JdbcTemplate jdbc, RedisCache cache) {
        super(jdbc);
        this.cache = cache;
    }

    @Override
    protected String table() {
        return "orders";
    }

    /** Cache-aside through the common wrapper, the miss loaded by the inherited loadById. */
    public String order(long id) {
        String body = cache.read("order:" + id);
        if (body == null) {
            body = loadById(id);
            cache.store("order:" + id, body, Duration.ofMinutes(10));
        }
        return body;
    }
}
