package dev.dbcheck.sql;

/**
 * What one statement of a migration does that decides whether a later (or earlier) unbounded change in the
 * same migration is deliberate: a table created, a column added, rows inserted, or the unbounded change itself.
 * Each step keeps the offset of its statement, so a script can be cut into Liquibase changeSets.
 */
public sealed interface MigrationStep {

    int offset();

    record TableCreated(String table, int offset) implements MigrationStep {}

    record ColumnAdded(String table, String column, int offset) implements MigrationStep {}

    record RowsInserted(String table, int offset) implements MigrationStep {}

    /** An unbounded DELETE or UPDATE, in the same order as {@link DestructiveSql.Result#changes()}. */
    record Unbounded(UnboundedChange change, int offset) implements MigrationStep {}
}
