package dev.dbcheck.rules.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Details;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
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

    @Test
    void aClearReachedFromAHandlerNamesItAndShowsTheRoute() {
        AnalysisResult result = RuleTester.of(new RedisCacheClearWithKeys()).java(CONFIG.formatted(
                " // expect: RedisCacheClearWithKeys@warning entryPoint=\"POST /dict\" requestPath=yes")).java("""
                package p;
                import org.springframework.cache.annotation.CacheEvict;
                class Dicts {
                    @CacheEvict(value = "dict", allEntries = true)
                    public void save(String code) {}
                }
                """).java("""
                package p;
                import org.springframework.web.bind.annotation.PostMapping;
                import org.springframework.web.bind.annotation.RestController;
                @RestController
                class DictController {
                    private final Dicts dicts;
                    DictController(Dicts dicts) { this.dicts = dicts; }
                    @PostMapping("/dict")
                    public void save(String code) { dicts.save(code); }
                }
                """).expectMarkedFindings();
        List<String> steps = result.findings().get(0).details().path().stream().map(Details.Step::description).toList();
        assertEquals(List.of("POST /dict in DictController.save", "DictController.save calls Dicts.save",
                "@CacheEvict(allEntries = true) on save() clears a whole cache",
                "RedisCacheManager.create(..) builds the writer with KEYS"), steps);
    }
}
