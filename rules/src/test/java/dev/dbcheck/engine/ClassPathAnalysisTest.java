package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.classpath.TinyJar;
import dev.dbcheck.rules.cache.CacheableWithoutSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis with the build's class path: a mapper interface over an internal library's base interface that
 * extends MyBatis-Plus's {@code BaseMapper}, named like neither a mapper nor a repository, is a database only
 * through the library's class file. With the relevance filter on (the default), so the filter must keep the file.
 */
class ClassPathAnalysisTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private Path library(String body) {
        return TinyJar.build(dir.resolve("lib"), "acme-data-commons", Map.of(
                "com/baomidou/mybatisplus/core/mapper/BaseMapper.java", TinyJar.BASE_MAPPER,
                "com/acme/data/AcmeStore.java", """
                        package com.acme.data;
                        public interface AcmeStore<T> extends %s {}
                        """.formatted(body)), List.of("com/acme/"));
    }

    private void project() throws IOException {
        write("src/com/acme/shop/OrderStore.java", """
                package com.acme.shop;
                import com.acme.data.AcmeStore;
                public interface OrderStore extends AcmeStore<Order> {}
                """);
        write("src/com/acme/shop/Order.java", """
                package com.acme.shop;
                public class Order {}
                """);
        // The load is one call away, in a project method: its summary is computed only in the files the relevance
        // filter puts in the load analysis's scope, which must include OrderStore's through the class path.
        write("src/com/acme/shop/OrderLookup.java", """
                package com.acme.shop;
                public class OrderLookup {
                    private final OrderStore orders;
                    OrderLookup(OrderStore orders) { this.orders = orders; }
                    public Order find(long id) { return orders.selectById(id); }
                }
                """);
        write("src/com/acme/shop/OrderService.java", """
                package com.acme.shop;
                import org.springframework.cache.annotation.Cacheable;
                public class OrderService {
                    private final OrderLookup lookup;
                    OrderService(OrderLookup lookup) { this.lookup = lookup; }
                    @Cacheable("orders")
                    public Order order(long id) { return lookup.find(id); }
                }
                """);
    }

    private AnalysisResult analyze(List<Path> classPath, boolean cached) {
        log.clear();
        AnalysisRequest.Builder b = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                .rules(List.of(new CacheableWithoutSync())).classPath(classPath).log(log::add).debugLog(log::add);
        if (cached) {
            b.cacheFile(dir.resolve("target/cache.json.gz"));
        }
        return new Analyzer().analyze(b.build());
    }

    private static List<String> where(AnalysisResult r) {
        return r.findings().stream().map(f -> f.file().getFileName() + ":" + f.beginLine()).toList();
    }

    @Test
    void aMapperThroughALibraryBaseInterfaceIsADatabaseOnlyWithTheClassPath() throws IOException {
        project();
        Path jar = library("com.baomidou.mybatisplus.core.mapper.BaseMapper<T>");
        assertEquals(List.of("OrderService.java:6"), where(analyze(List.of(jar), false)));
        assertEquals(List.of(), where(analyze(List.of(), false)), "without the class path: an unknown type");
        Path other = library("java.io.Closeable");
        assertEquals(List.of(), where(analyze(List.of(other), false)), "a library type that is no database");
    }

    @Test
    void anUnreadableOrMissingEntryIsNamedOnceAndTheAnalysisGoesOn() throws IOException {
        project();
        Path jar = library("com.baomidou.mybatisplus.core.mapper.BaseMapper<T>");
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a jar");
        AnalysisResult r = analyze(List.of(corrupt, dir.resolve("never-built.jar"), jar), false);
        assertEquals(List.of("OrderService.java:6"), where(r));
        assertEquals(1, log.stream().filter(l -> l.contains("could not read from the class path")).count(), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("corrupt.jar")), log.toString());
    }

    @Test
    void aChangedJarReanalysesTheFilesThatNameItsTypesAndAWarmRunOpensNoJar() throws IOException {
        project();
        Path jar = library("com.baomidou.mybatisplus.core.mapper.BaseMapper<T>");
        assertEquals(List.of("OrderService.java:6"), where(analyze(List.of(jar), true)));
        // Warm: same files, same jar; what was read comes from the cache, so even a jar that is now unreadable
        // (same size and time, different bytes) is not opened.
        byte[] good = Files.readAllBytes(jar);
        FileTime time = Files.getLastModifiedTime(jar);
        byte[] garbage = new byte[good.length];
        Files.write(jar, garbage);
        Files.setLastModifiedTime(jar, time);
        assertEquals(List.of("OrderService.java:6"), where(analyze(List.of(jar), true)));
        assertTrue(log.stream().noneMatch(l -> l.contains("could not read")), log.toString());
        // A new version of the library whose base interface no longer extends BaseMapper: the callers go.
        Files.write(jar, good);
        Path changed = library("java.io.Closeable");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(time.toMillis() + 60_000));
        assertEquals(List.of(), where(analyze(List.of(changed), true)));
        // And back: found again, warm.
        library("com.baomidou.mybatisplus.core.mapper.BaseMapper<T>");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(time.toMillis() + 120_000));
        assertEquals(List.of("OrderService.java:6"), where(analyze(List.of(jar), true)));
        // Without the class path any more: every file is analysed again, as cold without one.
        assertEquals(List.of(), where(analyze(List.of(), true)));
    }
}
