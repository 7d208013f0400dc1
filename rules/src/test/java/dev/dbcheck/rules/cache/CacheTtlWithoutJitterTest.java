package dev.dbcheck.rules.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class CacheTtlWithoutJitterTest {

    @Test
    void flagsConstantTtlsInBulkLoadsAndNothingElse() {
        RuleTester.of(new CacheTtlWithoutJitter()).fixtures("/fixtures/CacheTtlWithoutJitter").expectMarkedFindings();
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new CacheTtlWithoutJitter()).java("""
                package p;
                import java.util.List;
                import redis.clients.jedis.Jedis;
                class A {
                    void f(Jedis jedis, List<String> ids) {
                        for (String id : ids) {
                            jedis.setex("k:" + id, 600, id);
                        }
                    }
                }
                """).run();
        assertEquals(1, result.findings().size());
        assertEquals("setex() gives every key written in the loop over ids (line 6) the same TTL, 600: the keys "
                + "expire in the same second and the requests after that all miss together and go to the database, "
                + "a stampede at expiry (guide: The cache-aside pattern reliability considerations). Add random "
                + "jitter to the TTL, or refresh early with probabilistic early expiration.",
                result.findings().get(0).message());
    }
}
