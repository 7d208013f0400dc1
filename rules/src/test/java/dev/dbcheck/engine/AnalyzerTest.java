package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {

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

    private Path write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private AnalysisRequest.Builder request() {
        return AnalysisRequest.builder(dir).javaRoot(dir.resolve("src/main/java")).rules(List.of(new DynamoDbScan()))
                .relevanceFilter(false); // every file parsed: these tests are about parsing (see RelevanceFilterSoundnessTest)
    }

    @Test
    void unparseableFileBecomesAProcessingErrorAndTheRestIsAnalysed() throws IOException {
        Path broken = write("src/main/java/p/Broken.java", "package p;\nclass Broken {\n  void f( {\n}\n");
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        AnalysisResult result = new Analyzer().analyze(request().build());
        assertEquals(1, result.findings().size());
        assertEquals(1, result.processingErrors().size());
        ProcessingError error = result.processingErrors().get(0);
        assertEquals(broken.toAbsolutePath().normalize(), error.file());
        assertEquals(3, error.line());
        assertTrue(error.reason().startsWith("Parse error: "), error.reason());
        assertEquals(2, result.javaFiles());
    }

    @Test
    void deeplyNestedCodeIsAProcessingErrorOrAnalysedButNeverACrash() throws IOException {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        write("src/main/java/p/Deep.java", "package p;\nclass Deep { int x = " + deep + "; }\n");
        StringBuilder blocks = new StringBuilder("package p;\nclass Blocks { void f() {\n");
        blocks.append("if (true) {".repeat(5_000)).append("}".repeat(5_000)).append("}}\n");
        write("src/main/java/p/Blocks.java", blocks.toString());
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        AnalysisResult result = new Analyzer().analyze(request().build());
        assertEquals(1, result.findings().size());
        assertEquals(3, result.javaFiles());
    }

    @Test
    void aJavaRuleWithNoNodeHookIsRejectedRatherThanSilentlyNeverRun() throws IOException {
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        JavaRule noHook = () -> new DynamoDbScan().metadata();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Analyzer().analyze(request().rules(List.of(noHook)).build()));
        assertTrue(e.getMessage().startsWith("Java rule DynamoDbScan implements no node hook"), e.getMessage());
    }

    @Test
    void aRuleThatThrowsBecomesAProcessingErrorAndOtherRulesStillReport() throws IOException {
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        JavaRule failing = new JavaRule.MethodCalls() {
            @Override
            public RuleMetadata metadata() {
                return RuleMetadata.builder("AlwaysFails").family(Family.DYNAMODB_SCAN).severity(Severity.INFO)
                        .summary("s").explanation("e").fix("f").badExample("b").goodExample("g").build();
            }

            @Override
            public void visitMethodCall(MethodCallExpr call, JavaContext context) {
                throw new IllegalStateException("boom");
            }
        };
        AnalysisResult result = new Analyzer().analyze(request().rules(List.of(new DynamoDbScan(), failing)).build());
        assertEquals(1, result.findings().size());
        assertEquals(1, result.processingErrors().size());
        assertEquals("Rule AlwaysFails failed: java.lang.IllegalStateException: boom",
                result.processingErrors().get(0).reason());
    }

    @Test
    void modernSyntaxParsesAtTheDefaultLevel() throws IOException {
        write("src/main/java/p/Modern.java", """
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                sealed interface Shape permits Circle, Square {}
                record Circle(double r) implements Shape {}
                record Square(double s) implements Shape {}
                class Modern {
                    String describe(Object o, DynamoDbClient dynamo) {
                        String text = \"""
                            hello
                            \""";
                        if (o instanceof Circle(double r) && r > 1) {
                            dynamo.scan(b -> b.tableName("shapes"));
                        }
                        return switch (o) {
                            case Circle c -> "circle";
                            case Square(double s) when s > 2 -> "big square";
                            case null, default -> text;
                        };
                    }
                }
                """);
        AnalysisResult result = new Analyzer().analyze(request().build());
        assertEquals(List.of(), result.processingErrors());
        assertEquals(1, result.findings().size());
    }

    @Test
    void theLanguageLevelDecidesTheGrammarAndCodeIsReadAsTheCompilerAcceptedIt() throws IOException {
        // A record and a pattern in instanceof at level 11: read (the build's compiler checks the release; see
        // ParserConfigurations), and the scan is found.
        write("src/main/java/p/R.java", "package p;\nrecord R(int x) {}\n");
        write("src/main/java/p/A.java", SCAN.formatted("A").replace("dynamo.scan(",
                "if (dynamo instanceof Object o) o.hashCode();\n        dynamo.scan("));
        AnalysisResult at11 = new Analyzer().analyze(request().languageLevel("11").build());
        assertEquals(List.of(), at11.processingErrors());
        assertEquals(1, at11.findings().size());
        // yield is grammar from Java 13: at 12 the file does not parse, and says so.
        write("src/main/java/p/Y.java", "package p;\nclass Y { int f(int k) { return switch (k) { default -> { yield 1; } }; } }\n");
        AnalysisResult at12 = new Analyzer().analyze(request().languageLevel("12").build());
        assertEquals(List.of("Y.java"), at12.processingErrors().stream().map(e -> e.file().getFileName().toString())
                .toList());
        assertEquals(List.of(), new Analyzer().analyze(request().languageLevel("13").build()).processingErrors());
    }

    @Test
    void eachAnalysedFileIsParsedOnceWhenTheTreesFitInMemory() throws IOException {
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        write("src/main/java/p/B.java", SCAN.formatted("B"));
        write("src/main/java/q/Plain.java", "package q;\nclass Plain { int n() { return 1; } }\n");
        List<String> debug = new java.util.ArrayList<>();
        AnalysisResult result = new Analyzer().analyze(request().relevanceFilter(true).debugLog(debug::add).build());
        assertEquals(2, result.findings().size());
        assertTrue(debug.contains("dbcheck: 2 full parses, 0 cut parses; 2 of the analysed files parsed in full at once"),
                debug.toString());
    }

    @Test
    void unknownLanguageLevelFailsFastNamingTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Analyzer().analyze(request().languageLevel("seventeen").build()));
        assertTrue(e.getMessage().contains("accepted values: 5, 6, 7, 8, 9, 10, 11"), e.getMessage());
    }

    @Test
    void includesAndExcludesSelectFilesRelativeToTheRoot() throws IOException {
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        write("src/main/java/p/gen/B.java", SCAN.formatted("B").replace("package p;", "package p.gen;"));
        write("src/main/java/q/C.java", SCAN.formatted("C").replace("package p;", "package q;"));
        AnalysisResult onlyP = new Analyzer().analyze(request().includes(List.of("p/**")).excludes(List.of("**/gen/**"))
                .build());
        assertEquals(1, onlyP.javaFiles());
        assertEquals("A.java", onlyP.findings().get(0).file().getFileName().toString());
    }

    @Test
    void resultsAreSortedAndIdenticalAcrossRunsAndThreadCounts() throws IOException {
        for (int i = 0; i < 40; i++) {
            write("src/main/java/p/C" + i + ".java", SCAN.formatted("C" + i));
        }
        AnalysisResult one = new Analyzer().analyze(request().threads(1).build());
        AnalysisResult four = new Analyzer().analyze(request().threads(4).build());
        assertEquals(40, one.findings().size());
        assertEquals(one.findings(), four.findings());
        List<Finding> sorted = one.findings().stream().sorted(Finding.ORDER).toList();
        assertEquals(sorted, one.findings());
    }

    @Test
    void severityOverridesReplaceTheRuleDefault() throws IOException {
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        AnalysisResult result = new Analyzer().analyze(request().severity("DynamoDbScan", Severity.ERROR).build());
        assertEquals(Severity.ERROR, result.findings().get(0).severity());
    }

    @Test
    void invalidUtf8BytesDoNotCrashTheAnalysis() throws IOException {
        Path p = dir.resolve("src/main/java/p/Latin.java");
        Files.createDirectories(p.getParent());
        Files.write(p, "package p;\nclass Latin { String s = \"caf\u00e9\"; }\n".getBytes(StandardCharsets.ISO_8859_1));
        write("src/main/java/p/A.java", SCAN.formatted("A"));
        AnalysisResult result = new Analyzer().analyze(request().build());
        assertEquals(1, result.findings().size());
        assertEquals(2, result.javaFiles());
    }

    @Test
    void missingRootsAreSkipped() {
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                .javaRoot(dir.resolve("does-not-exist")).rules(List.of(new DynamoDbScan())).build());
        assertEquals(0, result.javaFiles());
        assertEquals(List.of(), result.findings());
    }
}
