package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache CI can keep: restored into a fresh checkout in another folder, it still serves every unchanged file. */
class PortableCacheTest {

    @TempDir
    Path tmp;

    private static final String ORDERS = """
            package p;
            import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
            import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
            public class Orders {
                private final DynamoDbClient ddb;
                public Orders(DynamoDbClient ddb) { this.ddb = ddb; }
                public Object all() { return ddb.scan(ScanRequest.builder().tableName("orders").build()); }
            }
            """;

    private Path checkout(String folder) throws IOException {
        Path base = tmp.resolve(folder);
        write(base.resolve("src/p/Orders.java"), ORDERS);
        write(base.resolve("src/p/Report.java"), "package p;\nclass Report { Object run(Orders o) { return o.all(); } }\n");
        return base;
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static AnalysisResult analyze(Path base, Path cache, List<String> debug) {
        return new Analyzer().analyze(AnalysisRequest.builder(base).javaRoot(base.resolve("src"))
                .rules(RuleRegistry.all()).cacheFile(cache).debugLog(debug::add).threads(2).build());
    }

    @Test
    void aCacheRestoredIntoAnotherCheckoutFolderIsReused() throws IOException {
        Path first = checkout("build-1");
        Path saved = tmp.resolve("ci-cache/dbcheck-cache.json.gz");
        AnalysisResult cold = analyze(first, saved, new ArrayList<>());
        assertTrue(Files.exists(saved));
        assertFalse(Files.readString(tmp.resolve("ci-cache").resolve(saved.getFileName()),
                StandardCharsets.ISO_8859_1).isEmpty());

        // The CI cache step restores the file into a new clone, in another folder.
        Path second = checkout("build-2");
        Path restored = second.resolve("target/dbcheck-cache.json.gz");
        Files.createDirectories(restored.getParent());
        Files.copy(saved, restored);
        List<String> debug = new ArrayList<>();
        AnalysisResult warm = analyze(second, restored, debug);

        assertTrue(debug.contains("dbcheck: 2 of 2 files unchanged since the last run (incremental analysis)"),
                debug.toString());
        assertEquals(1, cold.findings().size());
        assertEquals(cold.findings().stream().map(f -> first.relativize(f.file()) + ":" + f.beginLine() + " " + f.message())
                .toList(), warm.findings().stream().map(f -> second.relativize(f.file()) + ":" + f.beginLine() + " "
                + f.message()).toList());
        assertTrue(warm.findings().get(0).file().startsWith(second), "findings name the new checkout's files");
    }

    @Test
    void anEditedFileInTheNewCheckoutIsAnalysedAgain() throws IOException {
        Path first = checkout("build-1");
        Path saved = tmp.resolve("ci-cache/dbcheck-cache.json.gz");
        analyze(first, saved, new ArrayList<>());
        Path second = checkout("build-2");
        write(second.resolve("src/p/Orders.java"), ORDERS.replace("ddb.scan(ScanRequest.builder().tableName(\"orders\").build())",
                "null"));
        List<String> debug = new ArrayList<>();
        AnalysisResult warm = analyze(second, saved, debug);
        assertEquals(List.of(), warm.findings());
    }
}
