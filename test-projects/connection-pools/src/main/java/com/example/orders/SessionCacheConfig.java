package com.example.orders;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;

/** Sessions live in Redis behind Sentinel. */
@Configuration
public class SessionCacheConfig {

    @Bean
    public JedisSentinelPool sessionPool() {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(-1);
        config.setMaxIdle(16);
        return new JedisSentinelPool("sessions", Set.of("sentinel-0:26379", "sentinel-1:26379"), config);
    }
}
