package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.rules.cache.UnguardedCacheAside;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's incremental cache when a sibling module it depends on changes: the sibling's files are not this
 * module's, but its callers here must be analysed again, warm giving what cold gives.
 */
class DependencyRootCacheTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** The common module's wrapper; {@code %s} is what its read does. */
    private static final String WRAPPER = """
            package com.acme.common;
            import org.springframework.data.redis.core.StringRedisTemplate;
            public class CacheClient {
                private final StringRedisTemplate redis;
                private final java.util.Map<String, String> local = new java.util.HashMap<>();
                public CacheClient(StringRedisTemplate redis) { this.redis = redis; }
                public String read(String key) { return %s; }
                public void write(String key, String value) { redis.opsForValue().set(key, value, java.time.Duration.ofMinutes(5)); }
            }
            """;

    private AnalysisResult analyzeOrders(boolean cached, boolean withCommon) {
        log.clear();
        AnalysisRequest.Builder b = AnalysisRequest.builder(dir.resolve("orders")).javaRoot(dir.resolve("orders/src"))
                .rules(List.of(new UnguardedCacheAside())).log(log::add).debugLog(log::add)
                // Counts every file, so that the counts below say what the cache reused, not what was filtered.
                .relevanceFilter(false);
        if (withCommon) {
            b.dependencyRoot(dir.resolve("common/src"));
        }
        if (cached) {
            b.cacheFile(dir.resolve("orders/target/cache.json.gz"));
        }
        return new Analyzer().analyze(b.build());
    }

    private static List<String> where(AnalysisResult r) {
        return r.findings().stream().map(f -> f.file().getFileName() + ":" + f.beginLine()).toList();
    }

    @Test
    void aChangedSiblingWrapperReanalysesItsCallersInTheDependentModule() throws IOException {
        write("common/src/com/acme/common/CacheClient.java", WRAPPER.formatted("redis.opsForValue().get(key)"));
        write("orders/src/com/acme/orders/OrderRepository.java", """
                package com.acme.orders;
                import org.springframework.data.repository.CrudRepository;
                public interface OrderRepository extends CrudRepository<String, Long> {}
                """);
        write("orders/src/com/acme/orders/OrderService.java", """
                package com.acme.orders;
                import com.acme.common.CacheClient;
                class OrderService {
                    CacheClient cache;
                    OrderRepository orders;
                    String order(long id) {
                        String o = cache.read("order:" + id);
                        if (o == null) {
                            o = orders.findById(id).orElseThrow();
                            cache.write("order:" + id, o);
                        }
                        return o;
                    }
                }
                """);
        write("orders/src/com/acme/orders/Unrelated.java", "package com.acme.orders; class Unrelated {}");

        assertEquals(List.of("OrderService.java:7"), where(analyzeOrders(true, true)));
        assertEquals(List.of("OrderService.java:7"), where(analyzeOrders(true, true)));
        assertTrue(log.contains("dbcheck: 3 of 3 files unchanged since the last run (incremental analysis)"),
                log.toString());

        // The wrapper in the other module now reads a local map: the caller here is analysed again, the
        // files that do not mention it are not.
        write("common/src/com/acme/common/CacheClient.java", WRAPPER.formatted("local.get(key)"));
        AnalysisResult warm = analyzeOrders(true, true);
        assertTrue(log.contains("dbcheck: 2 of 3 files unchanged since the last run (incremental analysis)"),
                log.toString());
        assertEquals(List.of(), where(warm));
        assertEquals(where(analyzeOrders(false, true)), where(warm));

        // Back to Redis: the finding returns at the unchanged caller.
        write("common/src/com/acme/common/CacheClient.java", WRAPPER.formatted("redis.opsForValue().get(key)"));
        assertEquals(List.of("OrderService.java:7"), where(analyzeOrders(true, true)));

        // The sibling no longer followed (followModules off): the wrapper is unknown, its callers are re-analysed.
        assertEquals(List.of(), where(analyzeOrders(true, false)));
        assertEquals(where(analyzeOrders(false, false)), where(analyzeOrders(true, false)));
    }
}
