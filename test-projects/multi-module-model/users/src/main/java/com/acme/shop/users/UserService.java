package com.acme.shop.users;

import com.acme.shop.common.BaseService;
import com.acme.shop.common.LocalMemo;
import com.acme.shop.common.RedisCache;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

public class UserService extends BaseService {
    private final RedisCache cache;
    private final LocalMemo memo = new LocalMemo();

    public UserService(JdbcTemplate jdbc, RedisCache cache) {
        super(jdbc);
        this.cache = cache;
    }

    @Override
    protected String table() {
        return "users";
    }

    /** The same cache-aside in a module that reaches common only through orders. */
    public String user(long id) {
        String body = cache.read("user:" + id);
        if (body != null) {
            return body;
        }
        body = loadById(id);
        cache.store("user:" + id, body, Duration.ofHours(1));
        return body;
    }

    /** The same shape over an in-process memo: no shared cache, so no stampede on Redis. */
    public String profile(long id) {
        String body = memo.read("profile:" + id);
        if (body == null) {
            body = loadById(id);
            memo.store("profile:" + id, body);
        }
        return body;
    }
}
