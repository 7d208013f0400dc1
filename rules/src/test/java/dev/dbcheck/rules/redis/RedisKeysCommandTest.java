package dev.dbcheck.rules.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class RedisKeysCommandTest {

    @Test
    void flagsKeysThroughEveryClientAndWrapperAtTheCallThatChoosesThePattern() {
        AnalysisResult result = RuleTester.of(new RedisKeysCommand()).fixtures("/fixtures/RedisKeysCommand")
                .expectMarkedFindings();
        Finding listActive = result.findings().stream()
                .filter(f -> f.file().toString().endsWith("SessionService.java") && f.message().contains("session:*"))
                .findFirst().orElseThrow();
        assertEquals(java.util.List.of("GET /sessions/active in SessionController.active",
                "SessionController.active calls SessionService.listActive"),
                listActive.details().path().stream().map(Details.Step::description).toList());
    }

    @Test
    void messageAndHeadlineSayWhatStallsAndTheFix() {
        AnalysisResult result = RuleTester.of(new RedisKeysCommand()).java("""
                package p;
                import org.springframework.data.redis.core.StringRedisTemplate;
                class Tokens {
                    private final StringRedisTemplate redis;
                    Tokens(StringRedisTemplate redis) { this.redis = redis; }
                    void logout(String user) {
                        redis.keys("token::" + user + "::*"); // expect: RedisKeysCommand
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals("keys() sends KEYS \"token::{user}::*\" in code the public API runs: Redis runs it over every "
                + "key of the database, one command at a time, so while it walks the keyspace every other client of "
                + "the node waits (latency spikes, timeouts, failover) (guide: The caching layer); it "
                + "grows with the cache, not with the result. Iterate with SCAN (MATCH and COUNT) instead, or keep "
                + "the keys you need to find in a set written beside them.", f.message());
        assertEquals("KEYS \"token::{user}::*\" in code the public API runs blocks the Redis node while it walks "
                + "every key; use SCAN or a set of the keys.", f.details().headline());
    }
}
