package dev.dbcheck.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.testing.RuleTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backfills and reseeds in migrations, procedural blocks and JPQL, with both destructive-SQL rules on. */
class DestructiveSqlMigrationsTest {

    private static RuleTester fixtures() {
        return RuleTester.of(new DeleteWithoutWhere(), new UpdateWithoutWhere())
                .fixtures("/fixtures/DestructiveSqlMigrations")
                .expectProcessingErrors(1);
    }

    private static boolean deliberate(Finding f) {
        return f.message().contains(", and is a backfill") || f.message().contains(", and is a reseed");
    }

    @Test
    void backfillsAndReseedsAreInfoAndEverythingElseKeepsItsSeverity() {
        AnalysisResult result = fixtures().expectMarkedFindings();
        assertEquals(11, result.findings().stream().filter(DestructiveSqlMigrationsTest::deliberate).count());
        for (Finding f : result.findings()) {
            Severity expected = deliberate(f) ? Severity.INFO
                    : f.ruleId().equals("DeleteWithoutWhere") ? Severity.ERROR : Severity.WARNING;
            assertEquals(expected, f.severity(), f.toString());
        }
        // The one note: the JPQL whose WHERE cannot be found (an unterminated string), never a valid query.
        assertTrue(result.processingErrors().get(0).reason()
                .startsWith("UpdateWithoutWhere: skipped a statement that the JPQL reader cannot read "
                        + "(unterminated string literal)"), result.processingErrors().toString());
    }

    @Test
    void theOptionReportsThemAtWarningOrNotAtAll() {
        AnalysisResult warning = fixtures().option("backfillsAndReseeds", "warning").expectMarkedFindings();
        assertTrue(warning.findings().stream().filter(DestructiveSqlMigrationsTest::deliberate)
                .allMatch(f -> f.severity() == Severity.WARNING));
        AnalysisResult off = fixtures().option("backfillsAndReseeds", "OFF").run();
        assertEquals(warning.findings().size() - 11, off.findings().size());
        assertTrue(off.findings().stream().noneMatch(DestructiveSqlMigrationsTest::deliberate));
    }

    @Test
    void aWrongOptionValueFailsBeforeAnyFileIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new UpdateWithoutWhere()).option("backfillsAndReseeds", "error").run());
        assertEquals("Parameter 'backfillsAndReseeds' does not accept 'error'; accepted values: off, info, warning",
                e.getMessage());
    }

    @Test
    void aRuleSeverityOverrideLeavesTheOptionsSeverityAlone() throws IOException {
        Path dir = Files.createTempDirectory("dbcheck-backfill");
        Path script = dir.resolve("src/main/resources/db/migration/V1__tier.sql");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                ALTER TABLE customers ADD COLUMN tier TEXT;
                UPDATE customers SET tier = 'A';
                UPDATE customers SET name = 'A';
                """);
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                .resourceRoot(dir.resolve("src/main/resources"))
                .rules(List.of(new UpdateWithoutWhere()))
                .options(new AnalysisOptions(Map.of()))
                .severity("UpdateWithoutWhere", Severity.ERROR)
                .build());
        assertEquals(List.of("2:INFO", "3:ERROR"), result.findings().stream()
                .map(f -> f.beginLine() + ":" + f.severity()).toList());
    }

    @Test
    void anUnreadableChangelogIsOneNoteWhicheverRuleRuns() {
        for (var rules : List.of(List.of(new DeleteWithoutWhere()), List.of(new UpdateWithoutWhere()),
                List.of(new DeleteWithoutWhere(), new UpdateWithoutWhere()))) {
            AnalysisResult result = RuleTester.of(rules.toArray(new dev.dbcheck.rule.Rule[0]))
                    .file("src/main/resources/db/changelog/broken.yaml", "databaseChangeLog:\n  - changeSet: [\n")
                    .expectError("src/main/resources/db/changelog/broken.yaml", 1, "destructive-sql: cannot read YAML file")
                    .expectProcessingErrors(1)
                    .expectMarkedFindings();
            assertTrue(result.processingErrors().get(0).reason().startsWith("destructive-sql: cannot read YAML file"),
                    result.processingErrors().toString());
        }
    }

    @Test
    void theQueryLanguageFollowsTheAnnotationAndTheRepository() {
        RuleTester.of(new DeleteWithoutWhere()).java("""
                package p;
                import io.micronaut.data.annotation.Query;
                import io.micronaut.data.jdbc.annotation.JdbcRepository;
                @JdbcRepository
                interface GiftCards {
                    @Query("DELETE FROM gift_cards") // expect: DeleteWithoutWhere "every row of table gift_cards"
                    void purge();
                }
                """).java("""
                package p;
                import io.micronaut.data.annotation.Query;
                interface GiftCardEntities {
                    @Query("DELETE GiftCard g") // expect: DeleteWithoutWhere "every row of entity GiftCard"
                    void purge();
                }
                """).java("""
                package p;
                import org.springframework.data.jdbc.repository.query.Query;
                interface Coupons {
                    @Query("DELETE FROM coupons") // expect: DeleteWithoutWhere "every row of table coupons"
                    void purge();
                }
                """).expectMarkedFindings();
    }
}
