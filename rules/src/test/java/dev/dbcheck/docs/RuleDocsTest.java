package dev.dbcheck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed rule docs (and the README's rule table) must be what the metadata generates. */
class RuleDocsTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path DOCS = REPO.resolve("docs/rules");
    private static final String TABLE_START = "<!-- rules:start -->";
    private static final String TABLE_END = "<!-- rules:end -->";
    private static final String OPTIONS_START = "<!-- options:start -->";
    private static final String OPTIONS_END = "<!-- options:end -->";
    private static final String REGENERATE =
            "Regenerate with: mvn -pl rules test -Dtest=RuleDocsTest -Ddbcheck.updateDocs=true";

    @Test
    void generatedDocsAreUpToDate() throws IOException {
        Map<String, String> pages = RuleDocs.pages(RuleRegistry.all());
        String table = RuleDocs.ruleTable(RuleRegistry.all().stream().map(Rule::metadata).toList(), "docs/rules/");
        String options = RuleDocs.optionTable(RuleRegistry.all());
        Path readme = REPO.resolve("README.md");
        if (Boolean.getBoolean("dbcheck.updateDocs")) {
            try (Stream<Path> old = Files.exists(DOCS) ? Files.list(DOCS) : Stream.empty()) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            RuleDocs.writeAll(DOCS);
            Files.writeString(readme, replaceTable(replaceTable(Files.readString(readme), TABLE_START, TABLE_END, table),
                    OPTIONS_START, OPTIONS_END, options), StandardCharsets.UTF_8);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Path p = DOCS.resolve(e.getKey());
            if (!Files.exists(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
                stale.add("docs/rules/" + e.getKey());
            }
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !pages.containsKey(n))
                    .forEach(n -> stale.add("docs/rules/" + n + " (no such rule)"));
        }
        String readmeText = Files.readString(readme, StandardCharsets.UTF_8);
        if (!readmeText.equals(replaceTable(readmeText, TABLE_START, TABLE_END, table))) {
            stale.add("README.md rule table");
        }
        if (!readmeText.equals(replaceTable(readmeText, OPTIONS_START, OPTIONS_END, options))) {
            stale.add("README.md rule option table");
        }
        if (!stale.isEmpty()) {
            fail("Stale rule docs: " + stale + ". " + REGENERATE);
        }
    }

    private static String replaceTable(String readme, String startMarker, String endMarker, String table) {
        int start = readme.indexOf(startMarker);
        int end = readme.indexOf(endMarker);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no " + startMarker + " ... " + endMarker + " section");
        }
        return readme.substring(0, start + startMarker.length()) + "\n" + table + readme.substring(end);
    }

    @Test
    void everyPageCitesTheGuideAndShowsBadAndGoodExamples() {
        for (Map.Entry<String, String> e : RuleDocs.pages(RuleRegistry.all()).entrySet()) {
            if (e.getKey().equals("README.md")) {
                continue;
            }
            String page = e.getValue();
            assertTrue(page.startsWith(RuleDocs.STAMP), e.getKey());
            assertTrue(page.contains("## Flagged\n\n```"), e.getKey());
            assertTrue(page.contains("## Not flagged\n\n```"), e.getKey());
            assertTrue(page.contains("| Guide section |"), e.getKey());
        }
    }

    @Test
    void exampleLanguageIsDetected() {
        assertEquals("sql", RuleDocs.language("DELETE FROM orders;"));
        assertEquals("sql", RuleDocs.language("-- V7__purge.sql\nDELETE FROM orders;"));
        assertEquals("yaml", RuleDocs.language("spring:\n  datasource:\n    hikari:\n      maximum-pool-size: 500"));
        assertEquals("properties", RuleDocs.language("spring.datasource.hikari.maximum-pool-size=500"));
        assertEquals("xml", RuleDocs.language("<changeSet id=\"1\"/>"));
        assertEquals("java", RuleDocs.language("dynamo.scan(request);"));
    }
}
