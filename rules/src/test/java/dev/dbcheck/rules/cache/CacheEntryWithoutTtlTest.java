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
                """).expectMarkedFindingsOrNone();
        assertEquals(1, result.findings().size());
        assertEquals("set() caches a value loaded from the database with no expiry: the entry stays until memory "
                + "pressure evicts it, so a changed row is served stale forever, and evictions under memory pressure "
                + "(or, on ElastiCache's default volatile-lru, failed writes once memory is full) bring the misses "
                + "that reach the database (guide: The cache-aside pattern reliability considerations). Give it a "
                + "TTL: write it with set(key, value, SetParams.setParams().ex(seconds)) or setex.",
                result.findings().get(0).message());
    }
}
