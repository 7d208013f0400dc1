package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rules.cache.UnguardedCacheAside;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project model in the engine: names by package declaration, and a cache that follows cross-file summaries. */
class WholeProjectAnalysisTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @Test
    void aSourceRootAbovePackageFoldersStillResolvesSamePackageTypes() throws IOException {
        // The root is the project folder, two levels above the package folders: the path is not the package.
        write("code/java/com/acme/items/ItemOperations.java", """
                package com.acme.items;
                import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBScanExpression;
                public interface ItemOperations { java.util.List<Object> scan(Class<?> t, DynamoDBScanExpression e); }
                """);
        write("code/java/com/acme/items/ItemRepo.java", """
                package com.acme.items;
                import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBScanExpression;
                class ItemRepo {
                    ItemOperations ops;
                    Object all() { return ops.scan(Object.class, new DynamoDBScanExpression()); }
                }
                """);
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir)
                .rules(List.of(new DynamoDbScan())).build());
        assertEquals(List.of(), result.findings());
        assertEquals(List.of(), result.processingErrors());
    }

    private static final String WRAPPER = """
            package p;
            import org.springframework.data.redis.core.StringRedisTemplate;
            public class RedisUtils {
                private final StringRedisTemplate redis;
                private final java.util.Map<String, String> local = new java.util.HashMap<>();
                public RedisUtils(StringRedisTemplate redis) { this.redis = redis; }
                public String get(String key) { return %s; }
                public void set(String key, String value) { redis.opsForValue().set(key, value); }
            }
            """;

    private static final String CALLER = """
            package p;
            class UserService {
                RedisUtils redisUtils;
                UserRepository users;
                String user(long id) {
                    String u = redisUtils.get("user:" + id);
                    if (u == null) {
                        u = users.findById(id).orElseThrow();
                        redisUtils.set("user:" + id, u);
                    }
                    return u;
                }
            }
            """;

    private AnalysisResult analyze(boolean cached) {
        log.clear();
        AnalysisRequest.Builder b = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src")).relevanceFilter(false)
                .rules(List.of(new UnguardedCacheAside())).log(log::add).debugLog(log::add);
        if (cached) {
            b.cacheFile(dir.resolve("target/cache.json.gz"));
        }
        return new Analyzer().analyze(b.build());
    }

    private static List<String> where(AnalysisResult r) {
        return r.findings().stream().map(f -> f.file().getFileName() + ":" + f.beginLine() + " " + f.message())
                .toList();
    }

    @Test
    void anEditedWrapperGivesTheSameFindingsWarmAsCold() throws IOException {
        write("src/p/RedisUtils.java", WRAPPER.formatted("redis.opsForValue().get(key)"));
        write("src/p/UserService.java", CALLER);
        write("src/p/UserRepository.java", """
                package p;
                import org.springframework.data.repository.CrudRepository;
                interface UserRepository extends CrudRepository<String, Long> {}
                """);
        write("src/p/Unrelated.java", "package p; class Unrelated { int n() { return 1; } }");
        AnalysisResult first = analyze(true);
        assertEquals(1, first.findings().size(), where(first).toString());
        Finding f = first.findings().get(0);
        assertEquals("UserService.java", f.file().getFileName().toString());
        assertTrue(f.message().startsWith("redisUtils.get(..) reads Redis (through redis.opsForValue().get(..))"),
                f.message());

        AnalysisResult unchanged = analyze(true);
        assertTrue(log.contains("dbcheck: 4 of 4 files unchanged since the last run (incremental analysis)"),
                log.toString());
        assertEquals(where(first), where(unchanged));

        // The wrapper now reads a local map: no longer a Redis read, so the caller's finding must go, warm too.
        write("src/p/RedisUtils.java", WRAPPER.formatted("local.get(key)"));
        AnalysisResult warm = analyze(true);
        assertTrue(log.contains("dbcheck: 2 of 4 files unchanged since the last run (incremental analysis)"),
                log.toString());
        assertEquals(where(analyze(false)), where(warm));
        assertEquals(List.of(), warm.findings());

        // And back: the finding returns at the caller, which did not change.
        write("src/p/RedisUtils.java", WRAPPER.formatted("redis.opsForValue().get(key)"));
        AnalysisResult back = analyze(true);
        assertEquals(where(analyze(false)), where(back));
        assertEquals(where(first), where(back));
    }

    @Test
    void aDependencySourceRootIsResolvedButNeverReported() throws IOException {
        write("common/src/p/RedisUtils.java", WRAPPER.formatted("redis.opsForValue().get(key)"));
        // The common module's own cache-aside: not this module's finding.
        write("common/src/p/CommonCache.java", CALLER.replace("class UserService", "class CommonCache"));
        write("common/src/p/UserRepository.java", """
                package p;
                import org.springframework.data.repository.CrudRepository;
                public interface UserRepository extends CrudRepository<String, Long> {}
                """);
        write("system/src/p/UserService.java", CALLER);
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("system/src"))
                .dependencyRoot(dir.resolve("common/src")).rules(List.of(new UnguardedCacheAside())).build());
        assertEquals(List.of("UserService.java:6"), result.findings().stream()
                .map(f -> f.file().getFileName() + ":" + f.beginLine()).toList());
        assertEquals(1, result.javaFiles());
    }

    /** A rule that leaves a processing note on every class named Noted. */
    private static final class NotesRule implements dev.dbcheck.rule.JavaRule.ClassDeclarations {
        @Override
        public dev.dbcheck.rule.RuleMetadata metadata() {
            return new UnguardedCacheAside().metadata();
        }

        @Override
        public void visitClassDeclaration(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration type,
                dev.dbcheck.rule.JavaContext context) {
            if (type.getNameAsString().equals("Noted")) {
                context.processingError(type, "cannot tell");
            }
        }
    }

    @Test
    void aFileWithAProcessingNoteIsAnalysedAgainButItsUsersStayCached() throws IOException {
        write("src/p/Noted.java", "package p; public class Noted { }");
        write("src/p/User.java", "package p; class User { Noted n; }");
        AnalysisRequest request = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                .rules(List.of(new NotesRule())).cacheFile(dir.resolve("target/notes.json.gz"))
                .log(log::add).debugLog(log::add).build();
        assertEquals(1, new Analyzer().analyze(request).processingErrors().size());
        log.clear();
        assertEquals(1, new Analyzer().analyze(request).processingErrors().size());
        assertTrue(log.contains("dbcheck: 1 of 2 files unchanged since the last run (incremental analysis)"),
                log.toString());
    }
}
