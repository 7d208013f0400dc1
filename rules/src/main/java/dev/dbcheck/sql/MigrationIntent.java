package dev.dbcheck.sql;

import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an unbounded change of a migration is deliberate, from what the same migration (a Flyway script, a
 * Liquibase changeSet, a Java migration class) does around it:
 * <ul>
 *   <li>a <b>backfill</b>: an UPDATE that sets only columns added earlier in the migration, or any column of a
 *       table created earlier in it; there are no earlier values to lose;</li>
 *   <li>a <b>reseed</b>: a DELETE of a table that the migration then fills again with INSERTs (a reference
 *       table reloaded).</li>
 * </ul>
 * A column added by another, earlier migration already holds data: an UPDATE of it is not a backfill.
 */
public enum MigrationIntent {
    NONE,
    BACKFILL,
    RESEED;

    /** The intent of each {@link MigrationStep.Unbounded} of one migration's steps, in order. */
    public static List<MigrationIntent> classify(List<? extends MigrationStep> steps) {
        List<MigrationIntent> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof MigrationStep.Unbounded u) {
                UnboundedChange change = u.change();
                if (change.kind() == Kind.UPDATE && !change.entity() && backfill(change, steps.subList(0, i))) {
                    out.add(BACKFILL);
                } else if (change.kind() == Kind.DELETE && !change.entity()
                        && reseed(change, steps.subList(i + 1, steps.size()))) {
                    out.add(RESEED);
                } else {
                    out.add(NONE);
                }
            }
        }
        return out;
    }

    private static boolean backfill(UnboundedChange update, List<? extends MigrationStep> before) {
        if (update.columns().isEmpty()) {
            return false;
        }
        List<String> missing = new ArrayList<>();
        for (String column : update.columns()) {
            missing.add(SchemaStatements.normalized(lastPart(column)));
        }
        for (MigrationStep step : before) {
            if (step instanceof MigrationStep.TableCreated created && sameTable(created.table(), update.table())) {
                return true;
            }
            if (step instanceof MigrationStep.ColumnAdded added && sameTable(added.table(), update.table())) {
                missing.remove(SchemaStatements.normalized(added.column()));
            }
        }
        return missing.isEmpty();
    }

    private static boolean reseed(UnboundedChange delete, List<? extends MigrationStep> after) {
        return after.stream().anyMatch(s -> s instanceof MigrationStep.RowsInserted inserted
                && sameTable(inserted.table(), delete.table()));
    }

    /** Equal names, or equal last parts when one of them is not qualified by a schema. */
    static boolean sameTable(String a, String b) {
        String x = SchemaStatements.normalized(a);
        String y = SchemaStatements.normalized(b);
        if (x.equals(y)) {
            return true;
        }
        boolean qualified = x.contains(".") && y.contains(".");
        return !qualified && lastPart(x).equals(lastPart(y));
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
