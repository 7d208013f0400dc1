package dev.dbcheck.rules.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class CacheableWithoutSyncTest {

    @Test
    void flagsCachedLoadsWithoutCoalescingAndNothingElse() {
        AnalysisResult result = RuleTester.of(new CacheableWithoutSync()).fixtures("/fixtures/CacheableWithoutSync")
                .expectMarkedFindings();
        // Every finding has a console headline of at most 160 characters, and the evidence behind its severity.
        for (Finding f : result.findings()) {
            assertTrue(f.headline() != null && f.headline().length() <= 160, f.headline());
            assertTrue(f.details().evidence().keySet().containsAll(java.util.List.of("keyKind", "store", "load")),
                    f.details().evidence().toString());
        }
    }

    @Test
    void findingIsOnTheAnnotationAndNamesTheFix() {
        AnalysisResult result = RuleTester.of(new CacheableWithoutSync()).java("""
                package p;
                import org.springframework.cache.annotation.Cacheable;
                class S {
                    private final OrderRepository orders;
                    S(OrderRepository orders) { this.orders = orders; }
                    @Cacheable("orders") // expect: CacheableWithoutSync
                    Object order(long id) { return orders.findById(id); }
                }
                """).file("src/main/java/p/OrderRepository.java", "package p; public interface OrderRepository {}")
                .expectMarkedFindings();
        assertEquals(1, result.findings().size());
        Finding f = result.findings().get(0);
        assertEquals(6, f.beginLine());
        assertEquals(5, f.beginColumn());
        assertEquals("@Cacheable on order() without sync = true: on a miss (cold cache, eviction, expiry) every "
                + "concurrent caller for the same key runs the method, which runs a database query with "
                + "orders.findById(..). The key is shared (the key is the method's parameters (id), the same key for "
                + "every caller that asks for it): many requests miss it at once and all run the database query, a "
                + "cache stampede that can take down an undersized database (guide: The cache-aside pattern "
                + "reliability considerations). Set sync = true so one caller per key loads while the others wait; that "
                + "coalesces within one JVM, so for very hot keys across pods add a distributed lock or "
                + "probabilistic early refresh (XFetch: recompute when now - delta * beta * ln(rand()) >= "
                + "expiry).", f.message());
        assertTrue(new CacheableWithoutSync().metadata().explanation().contains("every pod still loads once"));
    }

    @Test
    void judgesSeverityByTheProjectsCacheExpiryEvictionsAndEntryPoints() {
        AnalysisResult result = RuleTester.of(new CacheableWithoutSync())
                .fixtures("/fixtures/CacheableWithoutSync-expiry").expectMarkedFindings();
        assertEquals(6, result.findings().size());
    }

    private static final String DICT_SERVICE = """
            package p;
            import org.springframework.cache.annotation.Cacheable;
            class Dicts {
                private final DictRepository dicts;
                Dicts(DictRepository dicts) { this.dicts = dicts; }
                @Cacheable(cacheNames = "%s", key = "#type") // expect: CacheableWithoutSync@%s expiry=%s
                Object byType(String type) { return dicts.findByType(type); }
            }
            """;
    private static final String REPOSITORY = """
            package p;
            public interface DictRepository extends org.springframework.data.jpa.repository.JpaRepository<Object, Long> {
                Object findByType(String type);
            }
            """;

    @Test
    void springCachesOnRedisWithoutATimeToLiveNeverExpire() {
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "info", "never"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
    }

    @Test
    void aTimeToLiveInConfigurationCodeOrTheCacheNameMeansTheCacheExpires() {
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/resources/application.yml",
                        "spring:\n  cache:\n    type: redis\n    redis:\n      time-to-live: 10m\n")
                .expectMarkedFindings();
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/CacheConfig.java", """
                        package p;
                        import java.time.Duration;
                        import org.springframework.data.redis.cache.RedisCacheConfiguration;
                        class CacheConfig {
                            RedisCacheConfiguration defaults() {
                                return RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofHours(1));
                            }
                        }
                        """)
                .expectMarkedFindings();
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict#30d", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
    }

    @Test
    void aCacheConfiguredInAFileDbcheckDoesNotReadIsNotJudged() {
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "unknown"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n"
                        + "    jcache:\n      config: classpath:ehcache.xml\n")
                .expectMarkedFindings();
    }

    private static final String BOOT_COPY = """
            package p;
            import org.springframework.boot.autoconfigure.cache.CacheProperties;
            import org.springframework.data.redis.cache.RedisCacheConfiguration;
            class CacheConfig {
                RedisCacheConfiguration defaults(CacheProperties properties) {
                    CacheProperties.Redis redis = properties.getRedis();
                    RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig();
                    if (redis.getTimeToLive() != null) {
                        config = config.entryTtl(redis.getTimeToLive());
                    }
                    return config;
                }
            }
            """;

    @Test
    void aCopyOfSpringBootsCacheConfigurationExpiresOnlyWhenTheTimeToLivePropertyIsSet() {
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "info", "never"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/CacheConfig.java", BOOT_COPY)
                .expectMarkedFindings();
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/CacheConfig.java", BOOT_COPY)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    redis:\n      time-to-live: 1h\n")
                .expectMarkedFindings();
        // Spring Boot 4 moved CacheProperties to org.springframework.boot.cache.autoconfigure.
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "info", "never"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/CacheConfig.java", BOOT_COPY.replace(
                        "org.springframework.boot.autoconfigure.cache.", "org.springframework.boot.cache.autoconfigure."))
                .expectMarkedFindings();
    }

    @Test
    void aProjectSettingsTimeToLiveIsARealTtl() {
        // Look-alike of the Spring Boot copy by name: the project's own settings object gives a real TTL.
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/CacheSettings.java", """
                        package p;
                        import java.time.Duration;
                        public class CacheSettings {
                            public Duration getTimeToLive() { return Duration.ofMinutes(10); }
                        }
                        """)
                .file("src/main/java/p/CacheConfig.java", """
                        package p;
                        import org.springframework.data.redis.cache.RedisCacheConfiguration;
                        class CacheConfig {
                            RedisCacheConfiguration defaults(CacheSettings settings) {
                                return RedisCacheConfiguration.defaultCacheConfig().entryTtl(settings.getTimeToLive());
                            }
                        }
                        """)
                .expectMarkedFindings();
    }

    private static final String CAFFEINE_BUILDER = """
            package p;
            import com.github.benmanes.caffeine.cache.Cache;
            import com.github.benmanes.caffeine.cache.Caffeine;
            import java.time.Duration;
            %s
            class Local {
                Cache<String, Object> build() {
                    return Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build();
                }
            }
            """;

    @Test
    void aCaffeineExpirySaysHowSpringCachesExpireOnlyWhereItIsHandedToSpringsAdapters() {
        // A memo of its own (or a first-level cache in front of Redis): the Spring caches on Redis still never expire.
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "info", "never"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/Local.java", CAFFEINE_BUILDER.formatted(""))
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/Local.java",
                        CAFFEINE_BUILDER.formatted("import org.springframework.cache.caffeine.CaffeineCacheManager;"))
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
    }

    @Test
    void aTimeToLiveParsedFromCacheNamesIsNoDefaultForEveryCache() {
        String manager = """
                package p;
                import java.time.Duration;
                import org.springframework.data.redis.cache.RedisCache;
                import org.springframework.data.redis.cache.RedisCacheConfiguration;
                import org.springframework.data.redis.cache.RedisCacheManager;
                import org.springframework.data.redis.cache.RedisCacheWriter;
                class TtlFromNameCacheManager extends RedisCacheManager {
                    TtlFromNameCacheManager(RedisCacheWriter writer, RedisCacheConfiguration defaults) {
                        super(writer, defaults);
                    }
                    @Override
                    protected RedisCache createRedisCache(String name, RedisCacheConfiguration config) {
                        String[] parts = name.split("#");
                        if (parts.length == 2 && config != null) {
                            config = config.entryTtl(Duration.parse(parts[1]));
                        }
                        return super.createRedisCache(parts[0], config);
                    }
                }
                """;
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict", "info", "never"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/TtlFromNameCacheManager.java", manager)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
        RuleTester.of(new CacheableWithoutSync()).java(DICT_SERVICE.formatted("dict#1h", "warning", "expires"))
                .file("src/main/java/p/DictRepository.java", REPOSITORY)
                .file("src/main/java/p/TtlFromNameCacheManager.java", manager)
                .file("src/main/resources/application.yml", "spring:\n  cache:\n    type: redis\n")
                .expectMarkedFindings();
    }
}
