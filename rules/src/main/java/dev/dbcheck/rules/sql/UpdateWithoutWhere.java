package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.sql.UnboundedChange.Kind;

/** Flags an UPDATE with no WHERE clause, or an always-true one, in migrations and in Java data-access code. */
public final class UpdateWithoutWhere extends DestructiveSqlRule {

    private static final RuleMetadata METADATA = RuleMetadata.builder("UpdateWithoutWhere")
            .family(Family.DESTRUCTIVE_SQL)
            .severity(Severity.WARNING)
            .summary("UPDATE without a WHERE clause rewrites every row of the table")
            .explanation("""
                    An UPDATE with no WHERE clause, or with one that is always true (1=1, true, 'a'='a', \
                    x = x, ... OR 1=1), overwrites the column in every row of its table, and the previous \
                    values are gone. Aurora replicates the change to all 6 storage copies immediately: \
                    high availability does not protect against an application-level error like this, only \
                    backtrack or a restore from an automated snapshot does, and both roll back every other \
                    write too. Backfills over a whole table are sometimes intended (a new column's default), \
                    which is why this is a warning; a WHERE inside a subquery or a SET expression does not \
                    bound the outer statement.""")
            .fix("""
                    Bound the UPDATE with a WHERE clause on the rows you mean. For an intended backfill of a \
                    large table, update in batches (by key range) so that each transaction stays small, and \
                    suppress the finding with the reason.""")
            .badExample("""
                    UPDATE accounts SET active = false;  -- V12__deactivate_trial_accounts.sql""")
            .goodExample("""
                    UPDATE accounts SET active = false  -- V12__deactivate_trial_accounts.sql
                    WHERE plan = 'trial' AND trial_ends_at < now();""")
            .build();

    public UpdateWithoutWhere() {
        super(Kind.UPDATE);
    }

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    String effect() {
        return "rewrites";
    }

    @Override
    String consequence() {
        return "The change is replicated to all 6 Aurora storage copies immediately and the previous values "
                + "are gone; only backtrack or a snapshot restore brings them back";
    }

    @Override
    String fix() {
        return "Bound it with a WHERE on the rows you mean, backfill large tables in batches, or suppress this "
                + "finding with the reason if changing every row is intended.";
    }
}
