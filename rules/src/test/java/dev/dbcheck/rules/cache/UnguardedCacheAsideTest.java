package dev.dbcheck.rules.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnguardedCacheAsideTest {

    @Test
    void flagsEveryClientAndMissShapeAndNoGuardedOrLookalikeCode() {
        AnalysisResult result = RuleTester.of(new UnguardedCacheAside()).fixtures("/fixtures/UnguardedCacheAside")
                .expectMarkedFindings();
        // Every finding has a console headline of at most 160 characters, and the evidence behind its severity.
        for (Finding f : result.findings()) {
            assertTrue(f.headline() != null && f.headline().length() <= 160, f.headline());
            assertTrue(f.details().evidence().keySet().containsAll(java.util.List.of("keyKind", "store", "load")),
                    f.details().evidence().toString());
        }
    }

    @Test
    void findingIsOnTheCacheReadAndTeachesTheFix() {
        AnalysisResult result = RuleTester.of(new UnguardedCacheAside()).java("""
                package p;
                import redis.clients.jedis.Jedis;
                class A {
                    Object f(Jedis jedis, OrderDao orders, String key) {
                        String v = jedis.get(key); // expect: UnguardedCacheAside
                        if (v == null) { v = orders.load(key); jedis.set(key, v); }
                        return v;
                    }
                }
                """).file("src/main/java/p/OrderDao.java", "package p; public interface OrderDao { String load(String k); }")
                .expectMarkedFindings();
        assertEquals(1, result.findings().size());
        Finding f = result.findings().get(0);
        assertEquals(5, f.beginLine());
        assertEquals(26, f.beginColumn());
        assertEquals("jedis.get(..) reads Redis and, on a miss, runs a database query with orders.load(..) and "
                + "writes the cache back with jedis.set(..), with no lock, SET NX lease or single-flight around "
                + "the load: when the key expires or the cache is cold, every request that misses it at the same "
                + "moment goes to the database, a cache stampede that can take down an undersized database "
                + "(guide: The cache-aside pattern reliability considerations). The key is shared (the key is key, "
                + "the same key for every caller that asks for it). Coalesce loads per key (a loader-based get "
                + "such as Caffeine get(key, loader) or Spring Cache.get(key, Callable), or a map of in-flight "
                + "futures), take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) "
                + "around the load for very hot keys across pods, or refresh early with probabilistic expiration "
                + "(XFetch: recompute when now - delta * beta * ln(rand()) >= expiry).", f.message());
        assertTrue(new UnguardedCacheAside().metadata().explanation().contains("one load per pod"));
    }
}
