package dev.dbcheck.rules.redis;

import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class RedisCacheClearWithKeysTest {

    @Test
    void flagsKeysWritersInAProjectThatClearsWholeCaches() {
        RuleTester.of(new RedisCacheClearWithKeys()).fixtures("/fixtures/RedisCacheClearWithKeys").expectMarkedFindings();
    }

    private static final String CONFIG = """
            package p;
            import org.springframework.data.redis.cache.RedisCacheManager;
            import org.springframework.data.redis.connection.RedisConnectionFactory;
            class Config {
                RedisCacheManager cacheManager(RedisConnectionFactory factory) {
                    return RedisCacheManager.create(factory);%s
                }
            }
            """;

    @Test
    void aProjectThatOnlyEvictsSingleKeysHasNoFinding() {
        RuleTester.of(new RedisCacheClearWithKeys()).java(CONFIG.formatted("")).java("""
                package p;
                import org.springframework.cache.annotation.CacheEvict;
                class Users {
                    @CacheEvict(value = "users", key = "#id")
                    public void save(long id) {}
                }
                """).expectMarkedFindingsOrNone();
    }

    @Test
    void clearsOnlyInJobsAndStartupGiveInfo() {
        RuleTester.of(new RedisCacheClearWithKeys()).java(CONFIG.formatted(
                " // expect: RedisCacheClearWithKeys@info \"RedisCacheManager.create(..)\" requestPath=no")).java("""
                package p;
                import org.springframework.cache.annotation.CacheEvict;
                import org.springframework.scheduling.annotation.Scheduled;
                class Nightly {
                    @Scheduled(cron = "0 0 3 * * *")
                    @CacheEvict(value = "reports", allEntries = true)
                    public void refresh() {}
                }
                """).expectMarkedFindings();
    }
}
