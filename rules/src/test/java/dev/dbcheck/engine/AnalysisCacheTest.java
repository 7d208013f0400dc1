package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCacheTest {

    private static final String SCAN = """
            package p;
            import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
            class %s {
                void f(DynamoDbClient dynamo) {
                    dynamo.scan(r -> r.tableName("t"));
                }
            }
            """;

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private void write(String name, String content) throws IOException {
        Path p = dir.resolve("src/p/" + name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private AnalysisResult analyze() {
        log.clear();
        return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src")).relevanceFilter(false)
                .rules(List.of(new DynamoDbScan())).cacheFile(dir.resolve("target/dbcheck/cache.json.gz"))
                .log(log::add).debugLog(log::add).build());
    }

    private String cacheLine() {
        return log.stream().filter(l -> l.contains("incremental analysis")).findFirst().orElseThrow();
    }

    @Test
    void unchangedFilesComeFromTheCacheWithIdenticalResults() throws IOException {
        write("A.java", SCAN.formatted("A"));
        write("B.java", SCAN.formatted("B"));
        AnalysisResult cold = analyze();
        assertEquals(List.of(), log.stream().filter(l -> !l.startsWith("dbcheck: phase times")
                && !l.contains(" full parses, ")).toList());
        AnalysisResult warm = analyze();
        assertEquals("dbcheck: 2 of 2 files unchanged since the last run (incremental analysis)", cacheLine());
        assertEquals(cold.findings(), warm.findings());
        assertEquals(2, warm.findings().size());
    }

    @Test
    void aChangedFileIsAnalysedAgain() throws IOException {
        write("A.java", SCAN.formatted("A"));
        write("B.java", SCAN.formatted("B"));
        analyze();
        write("B.java", SCAN.formatted("B").replace("dynamo.scan(r -> r.tableName(\"t\"));",
                "dynamo.query(r -> r.tableName(\"t\"));"));
        AnalysisResult result = analyze();
        assertEquals("dbcheck: 1 of 2 files unchanged since the last run (incremental analysis)", cacheLine());
        assertEquals(1, result.findings().size());
        assertEquals("A.java", result.findings().get(0).file().getFileName().toString());
    }

    @Test
    void aNewTypeReanalysesTheFilesWhoseNamesItCanChangeAndNoOthers() throws IOException {
        // On-demand import: a same-package project type of the same name wins over it.
        write("A.java", SCAN.formatted("A").replace("import software.amazon.awssdk.services.dynamodb.DynamoDbClient;",
                "import software.amazon.awssdk.services.dynamodb.*;"));
        write("B.java", "package p; class B { String name() { return \"b\"; } }");
        assertEquals(1, analyze().findings().size());
        write("DynamoDbClient.java", "package p; class DynamoDbClient { void scan(Object o) {} }");
        AnalysisResult warm = analyze();
        assertEquals("dbcheck: 1 of 3 files unchanged since the last run (incremental analysis)", cacheLine());
        assertEquals(List.of(), warm.findings());
    }

    @Test
    void filesWithProcessingErrorsAreAlwaysAnalysedAgain() throws IOException {
        write("A.java", SCAN.formatted("A"));
        write("Broken.java", "package p; class Broken {");
        analyze();
        AnalysisResult again = analyze();
        assertEquals("dbcheck: 1 of 2 files unchanged since the last run (incremental analysis)", cacheLine());
        assertEquals(1, again.processingErrors().size());
    }

    @Test
    void aCorruptCacheIsDiscardedWithANoteNeverAFailure() throws IOException {
        write("A.java", SCAN.formatted("A"));
        Path cache = dir.resolve("target/dbcheck/cache.json.gz");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "not a cache");
        AnalysisResult result = analyze();
        assertEquals(1, result.findings().size());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("dbcheck: ignoring the unreadable analysis cache")), log.toString());
        analyze();
        assertEquals("dbcheck: 1 of 1 files unchanged since the last run (incremental analysis)", cacheLine());
    }

    /**
     * A cache whose JSON reads but whose text of one file's declarations does not (damaged by hand): the file is
     * declared again from its source when the model needs it (here, to judge an edited caller of its wrapper), and
     * the caller is judged as before, with no processing error.
     */
    @Test
    void unreadableDeclarationsInTheCacheAreReadFromTheSourceInstead() throws IOException {
        write("Tables.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class Tables {
                    DynamoDbClient dynamo;
                    void all(String table) {
                        dynamo.scan(r -> r.tableName(table));
                    }
                }
                """);
        String caller = "package p; class Report { Tables tables; void run() { tables.all(\"orders\"); } }";
        write("Report.java", caller);
        AnalysisResult cold = analyze();
        assertEquals(List.of("Report.java"), cold.findings().stream().map(f -> f.file().getFileName().toString())
                .toList());
        Path cache = dir.resolve("target/dbcheck/cache.json.gz");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode stored;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(cache))) {
            stored = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.get("files").get("src/p/Tables.java"))
                .put("declarations", "{\"types\": [");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(cache))) {
            json.writeValue(out, stored);
        }
        write("Report.java", caller + " // edited");
        AnalysisResult warm = analyze();
        assertTrue(log.stream().noneMatch(l -> l.contains("unreadable analysis cache")), log.toString());
        assertEquals(List.of(), warm.processingErrors());
        assertEquals(List.of("Report.java"), warm.findings().stream().map(f -> f.file().getFileName().toString())
                .toList());
    }

    @Test
    void anotherConfigurationDoesNotReuseResults() throws IOException {
        write("A.java", SCAN.formatted("A"));
        analyze();
        log.clear();
        new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src")).relevanceFilter(false)
                .rules(List.of(new DynamoDbScan())).languageLevel("17")
                .cacheFile(dir.resolve("target/dbcheck/cache.json.gz")).log(log::add).debugLog(log::add).build());
        assertTrue(log.stream().anyMatch(l -> l.contains("the analysis cache is out of date")), log.toString());
    }

    @Test
    void anUnchangedProjectReusesTheFiltersSelectionAndAnyChangeScansAgain() throws IOException {
        write("Store.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
                public class Store {
                    private final DynamoDbClient ddb;
                    public Store(DynamoDbClient ddb) { this.ddb = ddb; }
                    public Object all(String table) { return ddb.scan(ScanRequest.builder().tableName(table).build()); }
                }
                """);
        write("Plain.java", "package p;\nclass Plain { int n() { return 1; } }\n");
        AnalysisResult cold = filtered();
        assertTrue(log.stream().noneMatch(l -> l.contains("selection")), log.toString());
        Path cache = dir.resolve("target/dbcheck/cache.json.gz");
        long written = Files.getLastModifiedTime(cache).toMillis();
        AnalysisResult warm = filtered();
        assertTrue(log.stream().anyMatch(l -> l.contains("no file changed, so the last run's selection")),
                log.toString());
        assertEquals(cold.findings(), warm.findings());
        assertEquals(written, Files.getLastModifiedTime(cache).toMillis(), "an unchanged run rewrote the cache");
        // A new caller of the wrapper: the selection is made again, and the caller is analysed.
        write("Report.java", "package p;\nclass Report { Object run(Store s) { return s.all(\"orders\"); } }\n");
        AnalysisResult changed = filtered();
        assertTrue(log.stream().noneMatch(l -> l.contains("selection")), log.toString());
        assertEquals(List.of("Report.java"), changed.findings().stream().map(f -> f.file().getFileName().toString())
                .toList());
        Files.delete(cache);
        assertEquals(changed.findings(), filtered().findings());
    }

    private AnalysisResult filtered() {
        log.clear();
        return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src")).relevanceFilter(true)
                .rules(List.of(new DynamoDbScan())).cacheFile(dir.resolve("target/dbcheck/cache.json.gz"))
                .log(log::add).debugLog(log::add).build());
    }

    @Test
    void projectFactsFromAChangedFileRejudgeAnUnchangedOneAndConstantsFollowTheirFile() throws IOException {
        write("Keys.java", "package p; public interface Keys { String SETTING = \"setting:\"; }");
        write("Settings.java", """
                package p;
                import org.springframework.data.redis.core.StringRedisTemplate;
                import org.springframework.jdbc.core.JdbcTemplate;
                class Settings {
                    String setting(StringRedisTemplate redis, JdbcTemplate jdbc, long id) {
                        String v = jdbc.queryForObject("select v from s where id = ?", String.class, id);
                        redis.opsForValue().set(Keys.SETTING + id, v);
                        return v;
                    }
                }
                """);
        write("Admin.java", """
                package p;
                import org.springframework.data.redis.core.StringRedisTemplate;
                class Admin {
                    void changed(StringRedisTemplate redis, long id) {
                        redis.delete("other:" + id);
                    }
                }
                """);
        java.util.function.Supplier<AnalysisResult> run = () -> {
            log.clear();
            return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                    .relevanceFilter(false).rules(List.of(new dev.dbcheck.rules.cache.CacheEntryWithoutTtl()))
                    .cacheFile(dir.resolve("target/dbcheck/cache.json.gz")).log(log::add).debugLog(log::add).build());
        };
        assertEquals("warning", run.get().findings().get(0).severity().id());
        // Only Admin.java changes: it now deletes the setting keys, so the unchanged Settings.java's write is info.
        write("Admin.java", """
                package p;
                import org.springframework.data.redis.core.StringRedisTemplate;
                class Admin {
                    void changed(StringRedisTemplate redis, long id) {
                        redis.delete("setting:" + id);
                    }
                }
                """);
        AnalysisResult invalidated = run.get();
        assertEquals("dbcheck: 2 of 3 files unchanged since the last run (incremental analysis)", cacheLine());
        assertEquals("info", invalidated.findings().get(0).severity().id());
        // Only Keys.java changes: the key family Settings.java writes is another one now, so the warning is back.
        write("Keys.java", "package p; public interface Keys { String SETTING = \"config:\"; }");
        AnalysisResult renamed = run.get();
        assertEquals("warning", renamed.findings().get(0).severity().id());
        assertEquals(1, renamed.findings().size());
    }
}
