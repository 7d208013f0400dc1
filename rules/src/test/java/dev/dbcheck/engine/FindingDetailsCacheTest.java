package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding's details (headline, evidence, path) reach the result, and a warm run gives them back unchanged. */
class FindingDetailsCacheTest {

    /** Reports every call named {@code hot()} at info, with a headline, two pieces of evidence and a path. */
    static final class DetailedFinding implements JavaRule.MethodCalls {
        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder("DetailedFinding").family(Family.CACHE_STAMPEDE).severity(Severity.WARNING)
                    .summary("s").explanation("e").fix("f").badExample("hot();").goodExample("cold();").build();
        }

        @Override
        public void visitMethodCall(MethodCallExpr call, JavaContext context) {
            if (call.getNameAsString().equals("hot")) {
                Path entry = context.file().resolveSibling("Entry.java");
                context.report(call, Severity.INFO, "hot() is called", Details.headline("hot() is called.")
                        .withEvidence("keyKind", "per-principal").withEvidence("entryPoint", "GET /x")
                        .withStep(new Details.Step(entry, 3, 5, "GET /x in Entry.get")));
            }
        }
    }

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private AnalysisResult analyze() {
        log.clear();
        return new Analyzer().analyze(AnalysisRequest.builder(dir).javaRoot(dir.resolve("src")).relevanceFilter(false)
                .rules(List.of(new DetailedFinding())).cacheFile(dir.resolve("target/dbcheck/cache.json.gz"))
                .log(log::add).debugLog(log::add).build());
    }

    @Test
    void detailsSurviveTheIncrementalCache() throws IOException {
        Path a = dir.resolve("src/p/A.java");
        Files.createDirectories(a.getParent());
        Files.writeString(a, "package p;\nclass A {\n    void f() { hot(); }\n    void hot() { }\n}\n",
                StandardCharsets.UTF_8);

        AnalysisResult cold = analyze();
        assertEquals(1, cold.findings().size());
        Finding f = cold.findings().get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals("hot() is called.", f.headline());
        assertEquals(List.of("keyKind", "entryPoint"), List.copyOf(f.details().evidence().keySet()));
        assertEquals(dir.resolve("src/p/Entry.java").toAbsolutePath().normalize(),
                f.details().path().get(0).file().toAbsolutePath().normalize());

        AnalysisResult warm = analyze();
        assertTrue(log.stream().anyMatch(l -> l.equals("dbcheck: 1 of 1 files unchanged since the last run (incremental analysis)")),
                String.join("\n", log));
        assertEquals(cold.findings(), warm.findings());
    }
}
