package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.testing.RelevanceSoundness;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relevance filter changes nothing but the time: every rule fixture folder and every {@code test-projects/*}
 * source tree give the same findings, suppressions and processing errors with and without it, with all rules
 * and with each rule alone (a rule alone has the narrowest relevance). Each rule test does the same on its own
 * fixtures through {@code RuleTester}. With all rules, strict on processing errors too: every broken file of these
 * inputs is one some rule can use (a parse error in a file nothing reads is not reported, see {@link RelevanceSoundness}).
 */
class RelevanceFilterSoundnessTest {

    @TempDir
    Path dir;

    @Test
    void everyFixtureFolderAndTestProjectGivesTheSameResultWithAndWithoutTheFilter() throws Exception {
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> fixtures = Files.list(Path.of(getClass().getResource("/fixtures").toURI()))) {
            fixtures.filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        try (Stream<Path> projects = Files.walk(Path.of("..", "test-projects").toAbsolutePath().normalize())) {
            projects.filter(p -> p.endsWith(Path.of("src", "main", "java"))).sorted().forEach(roots::add);
        }
        assertTrue(roots.size() > 30, "fixture folders and test projects found: " + roots);
        List<List<Rule>> ruleSets = new ArrayList<>();
        ruleSets.add(RuleRegistry.all());
        RuleRegistry.all().forEach(r -> ruleSets.add(List.of(r)));
        for (Path root : roots) {
            Path project = root.endsWith(Path.of("src", "main", "java")) ? root.getParent().getParent().getParent()
                    : root;
            for (List<Rule> rules : ruleSets) {
                AnalysisRequest.Builder request = AnalysisRequest.builder(project).javaRoot(root)
                        .resourceRoot(project.resolve("src/main/resources")).rules(rules).threads(2);
                AnalysisResult full = new Analyzer().analyze(request.relevanceFilter(false).build());
                AnalysisResult filtered = new Analyzer().analyze(request.relevanceFilter(true).build());
                String what = root + " with " + rules.stream().map(Rule::id).toList();
                if (rules.size() > 1) {
                    RelevanceSoundness.assertIdentical(full, filtered, what);
                } else {
                    RelevanceSoundness.assertSame(full, filtered, what);
                }
            }
        }
    }

    @Test
    void everyJavaRuleSaysWhatItNeeds() {
        for (Rule rule : RuleRegistry.all()) {
            if (rule instanceof JavaRule j) {
                Relevance r = j.relevance();
                assertFalse(r.always(), rule.id() + " opts out of the relevance filter");
                assertFalse(r.types().isEmpty() && r.fragments().isEmpty() && r.suffixes().isEmpty(),
                        rule.id() + " needs nothing");
            }
        }
    }

    @Test
    void aFileNoRuleCanUseIsNotParsedButWrappersAndTheirCallersAre() throws IOException {
        write("src/p/Broken.java", "package p;\nclass Broken { int f() { return 1 } }\n");
        write("src/p/Orders.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
                public class Orders {
                    private final DynamoDbClient ddb;
                    public Orders(DynamoDbClient ddb) { this.ddb = ddb; }
                    public Object all(String table) { return ddb.scan(ScanRequest.builder().tableName(table).build()); }
                }
                """);
        write("src/q/Report.java", """
                package q;
                import p.Orders;
                class Report { Object run(Orders o) { return o.all("orders"); } }
                """);
        write("src/r/Orders.java", "package r;\nclass Orders { int n() { return 1 } }\n");
        AnalysisRequest.Builder request = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                .rules(RuleRegistry.all()).threads(2);
        List<String> debug = new ArrayList<>();
        AnalysisResult filtered = new Analyzer().analyze(request.relevanceFilter(true).debugLog(debug::add).build());
        AnalysisResult full = new Analyzer().analyze(request.relevanceFilter(false).build());
        assertEquals(full.findings(), filtered.findings());
        assertEquals(2, full.processingErrors().size(), full.processingErrors().toString());
        // The broken files mention nothing any rule uses (r.Orders shares a simple name with p.Orders but cannot
        // see package p): they are not parsed, so their syntax errors are not reported.
        assertEquals(List.of(), filtered.processingErrors());
        assertTrue(debug.contains("dbcheck: 2 of 4 Java files can hold a finding and are analysed, 2 are read for the model"
                + " (relevance filter)"), debug.toString());
    }

    @Test
    void aCallThroughAProjectInterfaceReachesTheImplementationThatScans() throws IOException {
        // The interface mentions nothing of the SDK and nothing of its implementation; its caller mentions only
        // the interface. The call's summary is the implementation's (a scan of the caller's table), so the
        // caller can hold the finding: it must be analysed with the filter too.
        write("src/p/ItemStore.java", "package p;\npublic interface ItemStore { Object all(String table); }\n");
        write("src/p/DynamoItemStore.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
                public class DynamoItemStore implements ItemStore {
                    private final DynamoDbClient ddb;
                    public DynamoItemStore(DynamoDbClient ddb) { this.ddb = ddb; }
                    public Object all(String table) { return ddb.scan(ScanRequest.builder().tableName(table).build()); }
                }
                """);
        write("src/q/Report.java", """
                package q;
                import p.ItemStore;
                class Report { Object run(ItemStore s) { return s.all("orders"); } }
                """);
        AnalysisRequest.Builder request = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                .rules(RuleRegistry.all()).threads(2);
        AnalysisResult full = new Analyzer().analyze(request.relevanceFilter(false).build());
        AnalysisResult filtered = new Analyzer().analyze(request.relevanceFilter(true).build());
        assertEquals(List.of("Report.java:3"), full.findings().stream()
                .map(f -> f.file().getFileName() + ":" + f.beginLine()).toList(), full.findings().toString());
        RelevanceSoundness.assertIdentical(full, filtered, "a call through a project interface");
    }

    /**
     * The scan-wrapper summaries' scope: a file that calls {@code scan(..)} and reaches a DynamoDB type, and the
     * files that reach it. A project on the SDK for S3 only, whose files write {@code count} as a variable or call
     * {@code count(..)} on S3 types, has none; nor does a file that only mentions {@code scan} without calling it.
     */
    @Test
    void scanWrapperSummariesAreInScopeOnlyWhereADynamoDbScanCanBeCalled() throws IOException {
        write("src/p/Store.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
                public class Store {
                    private final DynamoDbClient ddb;
                    public Store(DynamoDbClient ddb) { this.ddb = ddb; }
                    public Object all(ScanRequest r) { return ddb.scan /* all pages */ (r); }
                }
                """);
        write("src/p/Caller.java", "package p;\nclass Caller { Object run(Store s) { return s.all(null); } }\n");
        write("src/s/Files.java", """
                package s;
                import software.amazon.awssdk.services.s3.S3Client;
                import com.amazonaws.AmazonClientException;
                class Files {
                    int count;
                    long size(S3Client s3, java.util.List<String> keys) { return keys.stream().count(); }
                    // no scan here: scan
                    int scan;
                }
                """);
        write("src/s/Uses.java", "package s;\nclass Uses { int n(Files f) { return f.count; } }\n");
        Map<dev.dbcheck.model.EffectAnalysis<?>, Relevance> scopes = new HashMap<>();
        Relevance rules = Relevance.NONE;
        for (Rule rule : RuleRegistry.all()) {
            if (rule instanceof JavaRule j) {
                rules = rules.or(j.relevance());
                j.summaryRelevance().forEach((analysis, r) -> scopes.merge(analysis, r, Relevance::or));
            }
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir.resolve("src"))) {
            all.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            RelevanceFilter.Selection selection = new RelevanceFilter(rules, scopes, StandardCharsets.UTF_8,
                    dev.dbcheck.types.LibraryTypes.get()).select(files, pool);
            Object scanWrappers = scopes.keySet().stream()
                    .filter(a -> a.getClass().getSimpleName().equals("ScanWrappers")).findFirst().orElseThrow();
            assertEquals(java.util.Set.of("Caller.java", "Store.java"), selection.effectScopes().get(scanWrappers)
                    .stream().map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theLexerTellsCallsFromOtherWords() {
        RelevanceLexer.Lexed lexed = RelevanceLexer.lex("""
                class A {
                    int count; // keys(
                    String s = "scan(";
                    void f() { x.count (); y.<T>keys/* c */
                        (1); Runnable r = this::scanAll; }
                }
                """);
        assertEquals(java.util.Set.of("count", "keys", "f"), lexed.called());
    }

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
