package dev.dbcheck.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one migration as a scan meets them, with the finding each unbounded change will become; when
 * the migration ends ({@link #close}), each finding gets its {@link MigrationIntent}.
 */
final class MigrationSteps {

    private final List<MigrationStep> steps = new ArrayList<>();
    private final List<SqlResourceScan.Found> pending = new ArrayList<>();

    /** Adds a step; {@code found} is the finding of an {@link MigrationStep.Unbounded} step, else null. */
    void add(MigrationStep step, SqlResourceScan.Found found) {
        steps.add(step);
        if (step instanceof MigrationStep.Unbounded) {
            pending.add(found);
        }
    }

    /** Ends the migration: its findings, classified, go to {@code out}. */
    void close(SqlResourceScan.Scan out) {
        List<MigrationIntent> intents = MigrationIntent.classify(steps);
        for (int i = 0; i < pending.size(); i++) {
            SqlResourceScan.Found f = pending.get(i);
            out.found().add(new SqlResourceScan.Found(f.change(), f.line(), f.column(), f.subject(), f.migration(),
                    f.migration().isPresent() ? intents.get(i) : MigrationIntent.NONE));
        }
        steps.clear();
        pending.clear();
    }
}
