package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Family;
import dev.dbcheck.sql.MigrationIntent;
import dev.dbcheck.sql.UnboundedChange;
import java.util.Optional;

/**
 * The messages of the destructive-SQL rules: what runs the statement and on which table, what happens in
 * production, and the fix; for a migration's backfill or reseed, that it is one and what still matters.
 */
final class DestructiveSqlMessages {

    private static final String GUIDE = " " + Family.DESTRUCTIVE_SQL.cite() + ". ";

    /**
     * What differs between DELETE and UPDATE: the effect ("deletes"), the consequence and the fix, and the
     * consequence in a few words for the console ("only a snapshot brings the rows back").
     */
    record Wording(String effect, String consequence, String fix, String shortConsequence) {}

    private DestructiveSqlMessages() {}

    /**
     * @param subject what runs the statement, or the statement itself
     * @param migration the migration the statement belongs to, if it is in one
     */
    static String message(String subject, UnboundedChange change, MigrationIntent intent, Optional<String> migration,
            Wording wording) {
        String target = change.entity() ? "entity " + change.table() : "table " + change.table();
        String condition = change.alwaysTrueCondition()
                .map(c -> " has a WHERE clause that is always true (" + UnboundedChange.abbreviate(c) + ")")
                .orElse(" has no WHERE clause");
        String in = migration.map(m -> " (" + m + ")").orElse("");
        return switch (intent) {
            case BACKFILL -> subject + condition + ", and is a backfill: it sets " + String.join(", ", change.columns())
                    + " of " + target + ", which the same migration" + in + " added or created just before, so no "
                    + "earlier values are lost. A backfill of a large table still rewrites every row in one "
                    + "transaction, holding locks and growing replica lag" + GUIDE + "Run large backfills in "
                    + "batches (by key range).";
            case RESEED -> subject + condition + ", and is a reseed: the same migration" + in + " inserts the rows of "
                    + target + " again afterwards. Readers between the DELETE and the INSERTs see the table empty"
                    + GUIDE + "Keep the DELETE and the INSERTs in one transaction.";
            case NONE -> subject + condition + ": it " + wording.effect() + " every row of " + target
                    + (change.limited() ? " (its LIMIT caps one run, it does not choose the rows)" : "") + ". "
                    + wording.consequence() + GUIDE + wording.fix();
        };
    }

    /**
     * The console sentence: the statement (quoted when short, else its kind), its table, what is wrong and what it
     * does, for instance {@code "DELETE FROM orders" has no WHERE clause: it deletes every row of table orders, and
     * only a snapshot brings them back.}
     */
    static String headline(UnboundedChange change, MigrationIntent intent, Wording wording) {
        String target = (change.entity() ? "entity " : "table ") + change.table();
        String statement = change.kind().name();
        String quoted = change.quoted().length() <= 60 && !change.quoted().endsWith("...\"") ? change.quoted()
                : "This " + statement;
        String condition = change.alwaysTrueCondition().isPresent() ? " has an always-true WHERE clause"
                : " has no WHERE clause";
        java.util.List<String> variants = new java.util.ArrayList<>();
        for (String subject : java.util.List.of(quoted, "This " + statement)) {
            variants.add(switch (intent) {
                case BACKFILL -> subject + " backfills " + String.join(", ", change.columns()) + " of " + target
                        + ", added by the same migration: batch it if the table is large.";
                case RESEED -> subject + " empties " + target + " before the same migration inserts its rows "
                        + "again: readers in between see it empty.";
                case NONE -> subject + condition + ": it " + wording.effect() + " every row of " + target + ", and "
                        + wording.shortConsequence() + ".";
            });
        }
        variants.add(switch (intent) {
            case BACKFILL -> "This UPDATE backfills columns the same migration added: batch it if the table is large.";
            case RESEED -> "This DELETE empties a table the same migration fills again: readers in between see it "
                    + "empty.";
            case NONE -> "This " + statement + condition + ": it " + wording.effect() + " every row of the table, and "
                    + wording.shortConsequence() + ".";
        });
        return dev.dbcheck.rule.Headline.fit(variants.toArray(String[]::new));
    }
}
