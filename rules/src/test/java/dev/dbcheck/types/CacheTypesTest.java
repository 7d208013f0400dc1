package dev.dbcheck.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache.types facts the cache-stampede rules walk through. */
class CacheTypesTest {

    private final LibraryTypes types = LibraryTypes.get();

    @Test
    void redisClientsAndTheirChains() {
        assertEquals(Optional.of("redis.clients.jedis.Jedis"),
                types.returnType("redis.clients.jedis.JedisPool", "getResource"));
        assertTrue(types.isSubtype("redis.clients.jedis.JedisCluster", "redis.clients.jedis.UnifiedJedis"));
        assertEquals(Optional.of("org.springframework.data.redis.core.ValueOperations"),
                types.returnType("org.springframework.data.redis.core.StringRedisTemplate", "opsForValue"));
        assertEquals(Optional.of("io.lettuce.core.api.sync.RedisCommands"),
                types.returnType("io.lettuce.core.api.StatefulRedisConnection", "sync"));
        assertTrue(types.isSubtype("io.lettuce.core.api.sync.RedisCommands",
                "io.lettuce.core.api.sync.RedisStringCommands"));
        assertEquals(Optional.of("org.redisson.api.RLock"),
                types.returnType("org.redisson.api.RedissonClient", "getLock"));
    }

    @Test
    void guardsAndSources() {
        assertTrue(types.isSubtype("org.redisson.api.RLock", "java.util.concurrent.locks.Lock"));
        assertTrue(types.isSubtype("java.util.concurrent.CompletableFuture", "java.util.concurrent.Future"));
        assertTrue(types.isSubtype("org.springframework.data.jpa.repository.JpaRepository",
                "org.springframework.data.repository.Repository"));
        assertTrue(types.isSubtype("org.springframework.jdbc.core.JdbcTemplate",
                "org.springframework.jdbc.core.JdbcOperations"));
        assertFalse(types.isSubtype("org.springframework.cache.Cache", "javax.cache.Cache"));
        assertFalse(types.isSubtype("com.github.benmanes.caffeine.cache.Cache", "com.google.common.cache.Cache"));
    }
}
