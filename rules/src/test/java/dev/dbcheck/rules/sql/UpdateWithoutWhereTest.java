package dev.dbcheck.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UpdateWithoutWhereTest {

    @Test
    void flagsUnboundedUpdatesInEveryKindOfSourceAndNothingElse() {
        RuleTester.of(new UpdateWithoutWhere()).fixtures("/fixtures/UpdateWithoutWhere")
                .expectProcessingErrors(1)
                .expectMarkedFindings();
    }

    @Test
    void bothRulesTogetherReportEachStatementOnce() {
        AnalysisResult result = RuleTester.of(new DeleteWithoutWhere(), new UpdateWithoutWhere())
                .file("src/main/resources/db/migration/V9__x.sql", """
                        DELETE FROM a; -- expect: DeleteWithoutWhere
                        UPDATE a SET x = 1; -- expect: UpdateWithoutWhere
                        UPDATE a SET x = 1 WHERE id = 2;
                        """)
                .expectMarkedFindings();
        assertEquals(2, result.findings().size());
    }

    @Test
    void jsonChangelogsAreReadAndOtherJsonIsNot() {
        AnalysisResult result = RuleTester.of(new UpdateWithoutWhere())
                .file("src/main/resources/db/changelog/changelog-5.json", """
                        {"databaseChangeLog": [{"changeSet": {"id": "5", "author": "a", "changes": [
                          {"update": {"tableName": "prices", "columns": [{"column": {"name": "vat", "value": "20"}}]}}
                        ]}}]}
                        """)
                .file("src/main/resources/fixtures/prices.json", """
                        {"databaseChangeLog": [{"changeSet": {"id": "5", "author": "a", "changes": [
                          {"update": {"tableName": "prices"}}]}}]}
                        """)
                // JSON has no comments: the expectation is given apart.
                .expect("src/main/resources/db/changelog/changelog-5.json", 2, "UpdateWithoutWhere", "table prices")
                .expectMarkedFindings();
        assertEquals(1, result.findings().size());
        assertEquals("changelog-5.json", result.findings().get(0).file().getFileName().toString());
        assertEquals(2, result.findings().get(0).beginLine());
    }

    @Test
    void javaFindingIsOnTheSqlLiteral() {
        AnalysisResult result = RuleTester.of(new UpdateWithoutWhere()).java("""
                package p;
                import org.springframework.jdbc.core.JdbcTemplate;
                class A {
                    void f(JdbcTemplate jdbc) {
                        jdbc.update("UPDATE t SET x = 1"); // expect: UpdateWithoutWhere
                    }
                }
                """).expectMarkedFindings();
        assertEquals(1, result.findings().size());
        var f = result.findings().get(0);
        assertEquals(5, f.beginLine());
        assertEquals(21, f.beginColumn());
        assertEquals(5, f.endLine());
        assertEquals(40, f.endColumn());
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new UpdateWithoutWhere())
                .file("src/main/resources/db/migration/V9__x.sql", "UPDATE accounts SET active = false WHERE 1=1; -- expect: UpdateWithoutWhere\n")
                .expectMarkedFindings();
        assertEquals("\"UPDATE accounts SET active = false WHERE 1 = 1\" has a WHERE clause that is always true "
                + "(1 = 1): it rewrites every row of table accounts. The change is replicated to all 6 Aurora "
                + "storage copies immediately and the previous values are gone; only backtrack or a snapshot "
                + "restore brings them back (guide: What Aurora does not protect against). Bound it with a WHERE "
                + "on the rows you mean, backfill large tables in batches, or suppress this finding with the "
                + "reason if changing every row is intended.", result.findings().get(0).message());
    }
}
