package dev.dbcheck.rules.redis;

import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class SynchronousRedisFlushTest {

    @Test
    void flagsBlockingFlushesOutsideStartupAndNotAsyncOnes() {
        RuleTester.of(new SynchronousRedisFlush()).fixtures("/fixtures/SynchronousRedisFlush").expectMarkedFindings();
    }

    @Test
    void aTestThatFlushesIsNotAnalysedByDefault() {
        RuleTester.of(new SynchronousRedisFlush()).file("src/test/java/p/CacheIT.java", """
                package p;
                import redis.clients.jedis.Jedis;
                class CacheIT {
                    void before(Jedis jedis) { jedis.flushAll(); }
                }
                """).expectMarkedFindingsOrNone();
    }
}
