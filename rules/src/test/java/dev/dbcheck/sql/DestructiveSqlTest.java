package dev.dbcheck.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DestructiveSqlTest {

    private static List<UnboundedChange> changes(String sql) {
        DestructiveSql.Result result = DestructiveSql.analyze(sql);
        assertEquals(List.of(), result.unparsed(), "unparsed in: " + sql);
        return result.changes().stream().map(DestructiveSql.Located::change).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders",
            "delete from orders",
            "DELETE orders",
            "DELETE FROM orders WHERE 1=1",
            "DELETE FROM orders WHERE 1 = 1",
            "DELETE FROM orders WHERE true",
            "DELETE FROM orders WHERE TRUE",
            "DELETE FROM orders WHERE 'a'='a'",
            "DELETE FROM orders WHERE status = status",
            "DELETE FROM orders WHERE o.status = O.STATUS",
            "DELETE FROM orders WHERE id = ? OR 1=1",
            "DELETE FROM orders WHERE (1=1)",
            "DELETE FROM orders WHERE 1",
            "DELETE FROM orders WHERE 1 <> 2",
            "DELETE FROM orders WHERE NOT false",
            "DELETE FROM orders WHERE 1=1 AND 2=2",
            "DELETE FROM orders LIMIT 1000",
            "DELETE FROM orders ORDER BY id LIMIT 1000",
            "DELETE FROM orders WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = 5) OR 1=1",
            "WITH old AS (SELECT id FROM orders WHERE created < now()) DELETE FROM orders",
            "DELETE FROM orders USING customers",
            "DELETE FROM \"public\".\"orders\"",
            "DELETE FROM `orders`",
            "DELETE FROM app.orders -- WHERE id = 1",
            "DELETE FROM orders /* WHERE id = 1 */",
            "DELETE o FROM orders o LEFT JOIN customers c ON c.id = o.customer_id",
            "WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d",
    })
    void unboundedDeletes(String sql) {
        List<UnboundedChange> found = changes(sql);
        assertEquals(1, found.size(), sql);
        assertEquals(Kind.DELETE, found.get(0).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders WHERE id = ?",
            "DELETE FROM orders WHERE id = :id",
            "DELETE FROM orders WHERE id = ?1",
            "DELETE FROM orders WHERE ? = ?",
            "DELETE FROM orders WHERE 1 = 2",
            "DELETE FROM orders WHERE id = 1 AND 1=1",
            "DELETE FROM orders WHERE status = 'CANCELLED' LIMIT 1000",
            "DELETE FROM orders o USING customers c WHERE o.customer_id = c.id AND c.deleted",
            "DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.deleted = 1",
            "DELETE o FROM orders o INNER JOIN customers c ON c.id = o.customer_id",
            "DELETE FROM orders WHERE created_at < now() - interval '30 days'",
            "DELETE FROM orders WHERE note = 'x; DELETE FROM orders'",
            "SELECT * FROM orders WHERE 1=1",
            "SELECT * FROM orders",
            "INSERT INTO archive SELECT * FROM orders",
            "INSERT INTO archive (id) SELECT id FROM orders WHERE 1=1",
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers ON DELETE CASCADE)",
            "DROP TABLE orders",
            "TRUNCATE TABLE orders",
            "ALTER TABLE orders ADD COLUMN deleted boolean",
            "DELETE FROM orders WHERE random() = random()",
            "DELETE FROM orders WHERE NULL = NULL",
            "UPDATE orders SET status = 'X' WHERE id = ?",
            "UPDATE orders o SET status = 'X' FROM customers c WHERE c.id = o.customer_id",
            "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.status = 'X' WHERE c.deleted = 1",
            "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.status = 'X'",
            "UPDATE orders SET status = 'X' WHERE id = ? LIMIT 1",
    })
    void boundedOrNotAChange(String sql) {
        assertEquals(List.of(), changes(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE orders SET status = 'X'",
            "UPDATE orders SET status = 'X' WHERE 1=1",
            "UPDATE orders SET status = (SELECT max(s) FROM statuses WHERE id = 1)",
            "UPDATE orders o SET status = 'X' FROM customers c",
            "UPDATE orders SET status = 'X' LIMIT 10",
            "UPDATE orders o LEFT JOIN customers c ON c.id = o.customer_id SET o.status = 'X'",
            "WITH s AS (SELECT 1 FROM t WHERE x = 1) UPDATE orders SET status = 'X'",
            "UPDATE orders SET status = 'X' WHERE status = status",
    })
    void unboundedUpdates(String sql) {
        List<UnboundedChange> found = changes(sql);
        assertEquals(1, found.size(), sql);
        assertEquals(Kind.UPDATE, found.get(0).kind());
    }

    @Test
    void tableAndConditionAreReported() {
        UnboundedChange c = changes("DELETE FROM app.orders WHERE 'a' = 'a'").get(0);
        assertEquals("app.orders", c.table());
        assertEquals("'a' = 'a'", c.alwaysTrueCondition().orElseThrow());
        assertTrue(changes("DELETE FROM t LIMIT 5").get(0).limited());
    }

    @Test
    void statementsArePlacedAtTheirFirstToken() {
        String script = """
                -- V3__cleanup.sql: DELETE FROM nothing; UPDATE nothing;
                /* a block comment; with DELETE FROM x; inside */
                CREATE TABLE t (id int, note text DEFAULT 'a;b');

                  DELETE FROM t;
                UPDATE t
                   SET note = $$it's; fine$$; DELETE FROM t WHERE id = 1;
                DO $body$ BEGIN DELETE FROM t; END $body$;
                DELETE FROM "odd;name"
                """;
        DestructiveSql.Result result = DestructiveSql.analyze(script);
        assertEquals(List.of(), result.unparsed());
        List<String> at = result.changes().stream()
                .map(l -> l.change().kind() + "@" + l.line() + ":" + l.column()).toList();
        // The DO block's DELETE is found inside its body; the dollar-quoted SET value is a value, not a body.
        assertEquals(List.of("DELETE@5:3", "UPDATE@6:1", "DELETE@8:17", "DELETE@9:1"), at);
    }

    @Test
    void mysqlHashCommentsAndTemplatePlaceholders() {
        DestructiveSql.Result result = DestructiveSql.analyze("""
                # MySQL comment; DELETE FROM x;
                DELETE FROM ${schema}.orders;
                DELETE FROM orders WHERE id = #{id} AND tenant = ${tenant};
                DELETE FROM orders WHERE #{a} = #{b};
                DELETE FROM orders WHERE ${a} = ${a};
                """);
        assertEquals(List.of(), result.unparsed());
        List<String> found = result.changes().stream()
                .map(l -> l.line() + ":" + l.change().table() + ":" + l.change().alwaysTrueCondition().orElse(""))
                .toList();
        // Two occurrences of one placeholder are two unknown values: not "x = x".
        assertEquals(List.of("2:${schema}.orders:"), found);
    }

    @Test
    void sqlServerBracketsAndGoBatches() {
        DestructiveSql.Result result = DestructiveSql.analyze("""
                DELETE FROM [dbo].[Orders] WHERE [Id] = 1
                GO
                DELETE FROM [dbo].[OrderLines]
                go
                UPDATE t SET tags[1] = 'x' WHERE id = 2
                GOAL_TABLE_IS_NOT_GO
                """);
        assertEquals(List.of("3:[dbo].[OrderLines]"), result.changes().stream()
                .map(l -> l.line() + ":" + l.change().table()).toList());
        // "UPDATE ... GOAL_TABLE_IS_NOT_GO" is one statement that does not parse: GO must stand alone.
        assertEquals(List.of("UPDATE@5"), result.unparsed().stream().map(u -> u.kind() + "@" + u.line()).toList());
    }

    @Test
    void unreadableStatementsAreReportedByKindAndOthersSkipped() {
        DestructiveSql.Result result = DestructiveSql.analyze("""
                CREATE TABLE t (id int) WITH (some nonsense !! syntax);
                DELETE FROM t WHERE id = = 1;
                UPDATE t SET = 2;
                """);
        assertEquals(List.of(), result.changes());
        assertEquals(List.of("DELETE@2", "UPDATE@3"),
                result.unparsed().stream().map(u -> u.kind() + "@" + u.line()).toList());
    }

    @Test
    void statementsInProceduralBlocksAreChecked() {
        DestructiveSql.Result result = DestructiveSql.analyze("""
                DO $$ BEGIN DELETE FROM achievements; END $$;
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $f$
                BEGIN
                  FOR r IN SELECT id FROM t LOOP
                    UPDATE counters SET n = 0;
                  END LOOP;
                  IF found THEN DELETE FROM logs WHERE id = r.id; END IF;
                END $f$;
                BEGIN
                  DELETE FROM sessions;
                END;
                """);
        assertEquals(List.of(), result.unparsed());
        assertEquals(List.of("1:13:achievements", "5:5:counters", "10:3:sessions"), result.changes().stream()
                .map(l -> l.line() + ":" + l.column() + ":" + l.change().table()).toList());
    }

    @Test
    void dollarQuotesThatAreNotBodiesAreNotRead() {
        assertEquals(List.of(), changes("""
                UPDATE notes SET body = 'costs $$5; DELETE FROM notes' WHERE id = 1;
                UPDATE notes SET body = $$DELETE FROM notes;$$ WHERE id = 2;
                SELECT $tag$ UPDATE notes SET x = 1 $tag$;
                GRANT UPDATE ON notes TO app;
                DO $$ BEGIN INSERT INTO c (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 0; END $$;
                """));
    }
}
