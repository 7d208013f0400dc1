package dev.dbcheck.sql;

import java.util.List;
import java.util.Optional;

/**
 * The Liquibase part of {@link SqlResourceScan}: each changeSet is one migration, whose steps are its
 * structured changes ({@code createTable}, {@code addColumn}, {@code insert}, {@code delete}, {@code update})
 * and the statements of its {@code sql} changes, in order.
 */
final class ChangelogScan {

    private ChangelogScan() {}

    /**
     * @param xml whether the changelog is XML (findings name the element) or YAML/JSON
     * @param source the file name, for notes
     */
    static void changes(List<LiquibaseChangelog.Change> changes, boolean xml, String source,
            SqlResourceScan.Scan out) {
        MigrationSteps steps = new MigrationSteps();
        String changeSet = null;
        for (LiquibaseChangelog.Change change : changes) {
            if (!change.changeSet().equals(changeSet)) {
                steps.close(out);
                changeSet = change.changeSet();
            }
            Optional<String> migration = Optional.of("changeSet " + change.changeSet());
            if (change.type().equals("sql")) {
                text(change.sql(), "Liquibase sql change in changeSet " + change.changeSet() + " runs ", migration,
                        source, steps, out);
            } else if (change.changesRows()) {
                structured(change, xml, migration, steps, out);
            } else {
                change.schemaSteps().forEach(s -> steps.add(s, null));
            }
        }
        steps.close(out);
    }

    private static void structured(LiquibaseChangelog.Change change, boolean xml, Optional<String> migration,
            MigrationSteps steps, SqlResourceScan.Scan out) {
        String subject = xml
                ? "Liquibase <" + change.type() + " tableName=\"" + change.table() + "\"> in changeSet "
                        + change.changeSet()
                : "Liquibase " + change.type() + " change on table " + change.table() + " in changeSet "
                        + change.changeSet();
        LiquibaseChangelog.Verdict verdict = LiquibaseChangelog.verdict(change);
        verdict.unbounded().ifPresent(u -> steps.add(new MigrationStep.Unbounded(u, 0),
                new SqlResourceScan.Found(u, change.line(), change.column(), subject, migration,
                        MigrationIntent.NONE)));
        verdict.unreadable().ifPresent(reason -> out.notes().add(new SqlResourceScan.Note(
                Optional.of(change.kind()), change.line(), change.column(), "skipped " + subject + ": " + reason)));
    }

    /**
     * The statements of a SQL text put together from a file ({@code <sql>}, a mapper statement), at their
     * positions in the file; with {@code steps} (a migration), its steps join the migration's.
     *
     * @param runs what runs the text ("MyBatis <delete id=\"x\"> runs ")
     * @param source the file name, for notes
     */
    static void text(MappedSql sql, String runs, Optional<String> migration, String source, MigrationSteps steps,
            SqlResourceScan.Scan out) {
        DestructiveSql.Result result = DestructiveSql.analyze(sql.text());
        MigrationSteps own = steps == null ? new MigrationSteps() : steps;
        for (MigrationStep step : result.steps()) {
            SqlResourceScan.Found found = null;
            if (step instanceof MigrationStep.Unbounded u) {
                int[] at = sql.position(u.offset());
                found = new SqlResourceScan.Found(u.change(), at[0], at[1], runs + u.change().quoted() + ", which",
                        migration, MigrationIntent.NONE);
            }
            own.add(step, found);
        }
        if (steps == null) {
            own.close(out);
        }
        for (DestructiveSql.Unparsed u : result.unparsed()) {
            int[] at = sql.position(u.offset());
            out.notes().add(new SqlResourceScan.Note(Optional.of(u.kind()), at[0], at[1], "skipped a statement in "
                    + source + " that the SQL parser cannot read (" + u.reason() + ")"));
        }
    }
}
