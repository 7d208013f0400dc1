package dev.dbcheck.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the suppression forms, one declaration kind and one comment form at a time. */
class SuppressionScannerTest {

    private static List<Suppression> java(String source) {
        CompilationUnit cu = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(source).getResult().orElseThrow();
        return SuppressionScanner.java(cu, source);
    }

    /** "line:col ids scope=b-e reason" for compact assertions. */
    private static List<String> describe(List<Suppression> suppressions) {
        return suppressions.stream().map(s -> s.line() + ":" + s.column() + " " + s.kind() + " " + s.ruleIds()
                + " " + s.scope().beginLine() + "-" + s.scope().endLine() + " " + s.justification()).toList();
    }

    @Test
    void annotationOnEachDeclarationKindCoversThatDeclaration() {
        List<Suppression> found = java("""
                package p;
                @SuppressWarnings("dbcheck:A") // type reason
                class T {
                    @SuppressWarnings("dbcheck:B") // field reason
                    Object field =
                            load();

                    @SuppressWarnings("dbcheck:C") // constructor reason
                    T() {
                    }

                    // method reason
                    @SuppressWarnings(value = {"unchecked", "dbcheck:D"})
                    void m(@SuppressWarnings("dbcheck:E") /* parameter reason */ Object param) {
                        @SuppressWarnings("dbcheck") // local reason
                        Object local = load();
                        Object other = load();
                    }
                }
                """);
        assertEquals(List.of(
                "2:19 ANNOTATION [A] 2-19 type reason",
                "4:23 ANNOTATION [B] 4-6 field reason",
                "8:23 ANNOTATION [C] 8-10 constructor reason",
                "13:45 ANNOTATION [D] 13-18 method reason",
                "14:30 ANNOTATION [E] 14-14 parameter reason",
                "15:27 ANNOTATION [] 15-16 local reason"), describe(found));
        // The parameter's scope is the parameter, not the method body.
        Suppression parameter = found.get(4);
        assertEquals(true, parameter.scope().contains(14, 73));
        assertEquals(false, parameter.scope().contains(16, 9));
    }

    @Test
    void javadocAndUnrelatedStringsAreNotSuppressionsOrReasons() {
        List<Suppression> found = java("""
                package p;
                class T {
                    /** Loads everything. */
                    @SuppressWarnings({"unchecked", "rawtypes", "dbcheck:A"})
                    void m() {
                    }

                    @SuppressWarnings("unchecked")
                    void n() {
                    }
                }
                """);
        assertEquals(List.of("4:49 ANNOTATION [A] 4-6 null"), describe(found));
    }

    @Test
    void commentOnTheLineBeforeCoversTheNextCodeLineAndStacks() {
        List<Suppression> found = java("""
                package p;
                class T {
                    void m() {
                        // dbcheck:ignore A: first reason
                        // dbcheck:ignore B, C: second reason

                        load();
                        load(); // dbcheck:ignore D: trailing reason
                        /* dbcheck:ignore E: block reason */
                        load();
                    }
                }
                """);
        assertEquals(List.of(
                "4:9 COMMENT [A] 7-7 first reason",
                "5:9 COMMENT [B, C] 7-7 second reason",
                "8:17 COMMENT [D] 8-8 trailing reason",
                "9:9 COMMENT [E] 10-10 block reason"), describe(found));
    }

    @Test
    void markerInsideStringLiteralsAndTextBlocksIsNotASuppression() {
        List<Suppression> found = java("""
                package p;
                class T {
                    String a = "// dbcheck:ignore A: not a comment";
                    String b = \"""
                            // dbcheck:ignore B: not a comment either
                            \""";
                    char c = '/'; String d = "/* dbcheck:ignore C: no */";
                }
                """);
        assertEquals(List.of(), found);
    }

    @Test
    void reasonIsTheTextAfterTheColonAndMayBeMissing() {
        assertEquals(new CommentDirective.Parsed(List.of("A", "B"), "batch job: runs nightly"),
                CommentDirective.parse(" dbcheck:ignore A, B: batch job: runs nightly").orElseThrow());
        assertEquals(new CommentDirective.Parsed(List.of("A"), null),
                CommentDirective.parse(" dbcheck:ignore A").orElseThrow());
        assertEquals(new CommentDirective.Parsed(List.of("A"), null),
                CommentDirective.parse(" dbcheck:ignore A:   ").orElseThrow());
        assertEquals(new CommentDirective.Parsed(List.of(), "generated code"),
                CommentDirective.parse("dbcheck:ignore: generated code").orElseThrow());
        assertEquals(true, CommentDirective.parse(" see dbcheck:ignore A: docs").isEmpty());
        assertEquals(true, CommentDirective.parse(" dbcheck:ignored A: no").isEmpty());
    }

    @Test
    void sqlCommentsOutsideQuotesAndBlocks() {
        List<Suppression> found = SuppressionScanner.text("V3__cleanup.sql", """
                -- dbcheck:ignore DeleteWithoutWhere: table is truncated by design in this migration
                DELETE FROM staging_orders;
                UPDATE t SET note = '-- dbcheck:ignore A: text' WHERE id = 1;
                /* -- dbcheck:ignore B: inside a block comment
                */ DELETE FROM x; -- dbcheck:ignore C: trailing
                SELECT "col--dbcheck:ignore D: x" FROM t;
                """);
        assertEquals(List.of(
                "1:1 COMMENT [DeleteWithoutWhere] 2-2 table is truncated by design in this migration",
                "5:19 COMMENT [C] 5-5 trailing"), describe(found));
    }

    @Test
    void yamlCommentsOutsideQuotesAndBlockScalars() {
        List<Suppression> found = SuppressionScanner.text("application.yml", """
                spring:
                  datasource:
                    hikari:
                      # dbcheck:ignore OversizedConnectionPool: 2 instances only, sized with the DBA
                      maximum-pool-size: 200
                      pool-name: "pool # dbcheck:ignore A: quoted"
                      connection-init-sql: |
                        # dbcheck:ignore B: inside a literal block
                        SELECT 1
                      minimum-idle: 10 # dbcheck:ignore C: trailing
                      url: jdbc:x#dbcheck:ignore D: no space before the hash
                """);
        assertEquals(List.of(
                "4:7 COMMENT [OversizedConnectionPool] 5-5 2 instances only, sized with the DBA",
                "10:24 COMMENT [C] 10-10 trailing"), describe(found));
    }

    @Test
    void propertiesCommentsAreWholeLinesOnly() {
        List<Suppression> found = SuppressionScanner.text("application.properties", """
                # dbcheck:ignore OversizedConnectionPool: sized with the DBA
                spring.datasource.hikari.maximum-pool-size=200
                ! dbcheck:ignore E: bang comments too
                a=b # dbcheck:ignore A: part of the value
                long=one \\
                  # dbcheck:ignore B: continuation of the value
                x=y
                """);
        assertEquals(List.of(
                "1:1 COMMENT [OversizedConnectionPool] 2-2 sized with the DBA",
                "3:1 COMMENT [E] 4-4 bang comments too"), describe(found));
    }

    @Test
    void xmlCommentsOutsideCdata() {
        List<Suppression> found = SuppressionScanner.text("db.changelog-master.xml", """
                <databaseChangeLog>
                  <changeSet id="7" author="ops">
                    <!-- dbcheck:ignore DeleteWithoutWhere: staging table, emptied on every deploy -->
                    <sql>DELETE FROM staging_orders</sql>
                    <sql><![CDATA[
                      <!-- dbcheck:ignore A: text inside CDATA -->
                      DELETE FROM x
                    ]]></sql>
                    <sql>DELETE FROM y</sql> <!-- dbcheck:ignore B -->
                  </changeSet>
                </databaseChangeLog>
                """);
        assertEquals(List.of(
                "3:5 COMMENT [DeleteWithoutWhere] 4-4 staging table, emptied on every deploy",
                "9:30 COMMENT [B] 9-9 null"), describe(found));
    }

    @Test
    void otherFilesHaveNoSuppressions() {
        assertEquals(List.of(), SuppressionScanner.text("orders.json", "{\"dbcheck:ignore A\": \"x\"}\n"));
    }
}
