package dev.dbcheck.rules.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class CacheEntryWithoutTtlTest {

    @Test
    void flagsWriteBacksWithoutExpiryAndNothingElse() {
        RuleTester.of(new CacheEntryWithoutTtl()).fixtures("/fixtures/CacheEntryWithoutTtl").expectMarkedFindings();
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new CacheEntryWithoutTtl()).java("""
                package p;
                import org.springframework.jdbc.core.JdbcTemplate;
                import redis.clients.jedis.Jedis;
                class A {
                    void f(Jedis jedis, JdbcTemplate jdbc, long id) {
                        String name = jdbc.queryForObject("select name from t where id = ?", String.class, id);
                        jedis.set("name:" + id, name);
                    }
                }
                """).run();
        assertEquals(1, result.findings().size());
        // The region runs from the method's name to the end of the call, as every finding on a call does.
        assertEquals(java.util.List.of(7, 15, 7, 37), java.util.List.of(result.findings().get(0).beginLine(),
                result.findings().get(0).beginColumn(), result.findings().get(0).endLine(),
                result.findings().get(0).endColumn()));
        assertEquals("set() caches a value loaded from the database with no expiry: the entry stays until memory "
                + "pressure evicts it, so a changed row is served stale forever, and evictions under memory pressure "
                + "(or, on ElastiCache's default volatile-lru, failed writes once memory is full) bring the misses "
                + "that reach the database (guide: The cache-aside pattern reliability considerations). Give it a "
                + "TTL: write it with set(key, value, SetParams.setParams().ex(seconds)) or setex.",
                result.findings().get(0).message());
    }

    private static final String SPRING_PUT = """
            package p;
            import org.springframework.cache.CacheManager;
            import org.springframework.jdbc.core.JdbcTemplate;
            class Names {
                private final CacheManager caches;
                private final JdbcTemplate jdbc;
                Names(CacheManager caches, JdbcTemplate jdbc) {
                    this.caches = caches;
                    this.jdbc = jdbc;
                }
                String name(long id) {
                    String name = jdbc.queryForObject("select name from t where id = ?", String.class, id);
                    caches.getCache("names").put(id, name); // expect: CacheEntryWithoutTtl "put() caches a value loaded from the database in a Spring cache on Redis, and the project configures no default TTL"
                    caches.getCache("names").put(-id, "computed");
                    return name;
                }
            }
            """;

    private static final String REDIS_CACHE_MANAGER = """
            package p;
            import java.time.Duration;
            import org.springframework.data.redis.cache.RedisCacheConfiguration;
            class CacheConfig {
                RedisCacheConfiguration config() {
                    return RedisCacheConfiguration.defaultCacheConfig().disableCachingNullValues()%s;
                }
            }
            """;

    @Test
    void springCachePutsOnRedisWithoutADefaultTtl() {
        RuleTester.of(new CacheEntryWithoutTtl())
                .java(SPRING_PUT)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
        RuleTester.of(new CacheEntryWithoutTtl())
                .java(SPRING_PUT)
                .java(String.format(REDIS_CACHE_MANAGER, ""))
                .expectMarkedFindings();
    }

    @Test
    void aDefaultTtlOrACacheThatIsNotRedisIsNotFlagged() {
        AnalysisResult timeToLive = RuleTester.of(new CacheEntryWithoutTtl())
                .java(SPRING_PUT)
                .file("src/main/resources/application.yml",
                        "spring:\n  cache:\n    type: redis\n    redis:\n      time-to-live: 10m\n")
                .run();
        assertEquals(0, timeToLive.findings().size());
        AnalysisResult entryTtl = RuleTester.of(new CacheEntryWithoutTtl())
                .java(SPRING_PUT)
                .java(String.format(REDIS_CACHE_MANAGER, ".entryTtl(Duration.ofMinutes(10))"))
                .run();
        assertEquals(0, entryTtl.findings().size());
        AnalysisResult caffeine = RuleTester.of(new CacheEntryWithoutTtl())
                .java(SPRING_PUT)
                .file("src/main/resources/application.properties", "spring.cache.type=caffeine\n")
                .run();
        assertEquals(0, caffeine.findings().size());
    }

    @Test
    void aSpringCacheEvictedOnChangeIsInfo() {
        String puts = """
                package p;
                import org.springframework.cache.Cache;
                import org.springframework.cache.CacheManager;
                import org.springframework.cache.annotation.CacheEvict;
                import org.springframework.jdbc.core.JdbcTemplate;
                class Params {
                    private final CacheManager caches;
                    private final JdbcTemplate jdbc;
                    Params(CacheManager caches, JdbcTemplate jdbc) {
                        this.caches = caches;
                        this.jdbc = jdbc;
                    }
                    private Cache params() {
                        return caches.getCache("params");
                    }
                    String param(String key) {
                        String value = jdbc.queryForObject("select v from params where k = ?", String.class, key);
                        params().put(key, value); // expect: CacheEntryWithoutTtl@info "removes it when the data changes" invalidatedBy=@CacheEvict:changed()
                        Cache labels = caches.getCache("labels");
                        labels.put(key, value); // expect: CacheEntryWithoutTtl@warning "configures no default TTL"
                        return value;
                    }
                    @CacheEvict(cacheNames = "params", key = "#key")
                    public void changed(String key) {
                    }
                    @CacheEvict(cacheNames = "label-drafts", allEntries = true)
                    public void draftsDropped() {
                    }
                }
                """;
        RuleTester.of(new CacheEntryWithoutTtl())
                .java(puts)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
    }
}
