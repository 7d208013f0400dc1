package dev.dbcheck.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationIntentTest {

    private static List<MigrationIntent> intents(String script) {
        DestructiveSql.Result result = DestructiveSql.analyze(script);
        assertEquals(List.of(), result.unparsed());
        return MigrationIntent.classify(result.steps());
    }

    @Test
    void updateOfColumnsAddedBeforeIsABackfill() {
        assertEquals(List.of(MigrationIntent.BACKFILL, MigrationIntent.BACKFILL, MigrationIntent.NONE), intents("""
                ALTER TABLE app.users ADD COLUMN plan TEXT, ADD COLUMN seats INT;
                UPDATE users SET plan = 'free';
                UPDATE `users` SET plan = 'free', seats = 1;
                UPDATE users SET plan = 'free', email = lower(email);
                """));
    }

    @Test
    void mysqlParenthesisedAddAndCreatedTables() {
        assertEquals(List.of(MigrationIntent.BACKFILL, MigrationIntent.BACKFILL), intents("""
                ALTER TABLE users ADD (plan VARCHAR(10) DEFAULT 'a,b', seats INT);
                UPDATE users SET seats = 1;
                CREATE TEMPORARY TABLE IF NOT EXISTS staging.tmp_users (id INT);
                UPDATE staging.tmp_users SET id = 0;
                """));
    }

    @Test
    void constraintsAndIndexesAreNotColumns() {
        assertEquals(List.of(MigrationIntent.NONE, MigrationIntent.NONE), intents("""
                ALTER TABLE users ADD CONSTRAINT plan_known CHECK (plan <> ''), ADD INDEX plan (plan);
                UPDATE users SET plan = 'free';
                ALTER TABLE users ADD COLUMN plan2 TEXT DEFAULT 'ADD COLUMN plan3';
                UPDATE users SET plan3 = 'x';
                """));
    }

    @Test
    void anUpdateBeforeTheColumnIsAddedIsNotABackfill() {
        assertEquals(List.of(MigrationIntent.NONE), intents("""
                UPDATE users SET plan = 'free';
                ALTER TABLE users ADD COLUMN plan TEXT;
                """));
    }

    @Test
    void deleteThenInsertIntoTheSameTableIsAReseed() {
        assertEquals(List.of(MigrationIntent.RESEED, MigrationIntent.NONE, MigrationIntent.RESEED), intents("""
                DELETE FROM countries;
                INSERT INTO public.countries (code) VALUES ('FR');
                DELETE FROM regions;
                INSERT INTO regions_archive SELECT * FROM regions;
                DELETE FROM zones;
                COPY zones (code) FROM '/tmp/zones.csv';
                """));
    }

    @Test
    void differentSchemasAreDifferentTables() {
        assertEquals(List.of(MigrationIntent.NONE), intents("""
                ALTER TABLE audit.users ADD COLUMN plan TEXT;
                UPDATE billing.users SET plan = 'free';
                """));
    }
}
