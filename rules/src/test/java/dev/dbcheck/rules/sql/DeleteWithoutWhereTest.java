package dev.dbcheck.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class DeleteWithoutWhereTest {

    @Test
    void flagsUnboundedDeletesInEveryKindOfSourceAndNothingElse() {
        // Two notes: the unreadable DELETE in 0004-formatted.sql, the <include> of another mapper's fragment.
        RuleTester.of(new DeleteWithoutWhere()).fixtures("/fixtures/DeleteWithoutWhere")
                .expectProcessingErrors(2)
                .expectMarkedFindings();
    }

    @Test
    void unreadableStatementIsANoteAtItsFirstLine() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere())
                .file("src/main/resources/db/migration/V9__x.sql", "SELECT 1;\n\n  DELETE FROM t WHERE id = = 1; -- expect-error: \"skipped a statement\"\n")
                .expectProcessingErrors(1)
                .expectMarkedFindings();
        ProcessingError error = result.processingErrors().get(0);
        assertEquals(3, error.line());
        assertTrue(error.reason().contains("DeleteWithoutWhere: skipped a statement in V9__x.sql"), error.reason());
        assertEquals(0, result.findings().size());
    }

    @Test
    void unreadableSqlInJavaIsANoteAtItsLiteralNeverAGuess() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere()).java("""
                package p;
                import org.springframework.jdbc.core.JdbcTemplate;
                class Purge {
                    private static final String BROKEN = "DELETE FROM orders WHERE id = = ?"; // expect-error: "skipped a statement that the SQL parser cannot read"
                    void purge(JdbcTemplate jdbc) {
                        jdbc.update(BROKEN, 1);
                        jdbc.update(BROKEN, 2);
                    }
                }
                """).expectProcessingErrors(1).expectMarkedFindings();
        ProcessingError error = result.processingErrors().get(0);
        assertEquals(4, error.line());
        assertEquals(42, error.column());
        assertTrue(error.reason().startsWith("DeleteWithoutWhere: skipped a statement that the SQL parser cannot read"),
                error.reason());
        assertEquals(0, result.findings().size());
    }

    @Test
    void sqlFindingSpansTheStatementsFirstLine() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere())
                .file("src/main/resources/db/migration/V9__x.sql", "-- reset\n  -- expect: DeleteWithoutWhere\n  DELETE FROM t\n  ;\n")
                .expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(3, f.beginLine());
        assertEquals(3, f.beginColumn());
        assertEquals(3, f.endLine());
        assertEquals(15, f.endColumn());
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere())
                .file("src/main/resources/db/migration/V9__x.sql", "DELETE FROM orders; -- expect: DeleteWithoutWhere\n")
                .expectMarkedFindings();
        assertEquals("\"DELETE FROM orders\" has no WHERE clause: it deletes every row of table orders. A runaway "
                + "DELETE is replicated to all 6 Aurora storage copies immediately, so replicas and Multi-AZ keep "
                + "nothing; only backtrack or a snapshot restore brings the rows back (guide: What Aurora does not "
                + "protect against). Bound it with a WHERE on the rows you mean, delete large sets in batches, or "
                + "suppress this finding with the reason if emptying the table is intended.",
                result.findings().get(0).message());
    }

    @Test
    void unreadableChangelogIsOneNoteNotACrashAndOtherFilesAreIgnored() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere(), new UpdateWithoutWhere())
                .file("src/main/resources/db/changelog/broken.xml", "<databaseChangeLog><changeSet>\n")
                .file("src/main/resources/db/changelog/broken.yaml", "databaseChangeLog:\n  - changeSet: [\n")
                .file("src/main/resources/logback.xml", "<configuration><!-- DELETE FROM x; --></configuration>\n")
                .file("src/main/resources/application.yml", "sql: DELETE FROM orders\n")
                .expectError("src/main/resources/db/changelog/broken.xml", 1, "destructive-sql: cannot read XML file")
                .expectError("src/main/resources/db/changelog/broken.yaml", 1, "destructive-sql: cannot read YAML file")
                .expectMarkedFindings();
        assertEquals(0, result.findings().size());
        assertTrue(result.processingErrors().stream().allMatch(e -> e.reason().startsWith("destructive-sql: cannot read")),
                result.processingErrors().toString());
    }

    @Test
    void yamlLiteralBlockStatementsAreAtTheirOwnLines() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere())
                .file("src/main/resources/db/changelog/c.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 1
                              author: a
                              changes:
                                - sql:
                                    sql: |
                                      DELETE FROM a WHERE id = 1;

                                        DELETE FROM b;
                        """)
                // A comment inside the literal block would be SQL text: the expectation is given apart.
                .expect("src/main/resources/db/changelog/c.yaml", 10, "DeleteWithoutWhere", "\"DELETE FROM b\"")
                .expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(10, f.beginLine());
        assertEquals(17, f.beginColumn());
    }
}
