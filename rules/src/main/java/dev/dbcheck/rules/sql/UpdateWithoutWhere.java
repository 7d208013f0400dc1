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
                    write too. A WHERE inside a subquery or a SET expression does not bound the outer \
                    statement. Statements inside PostgreSQL DO blocks, function bodies and BEGIN ... END \
                    blocks are checked too, and JPQL/HQL (@Query without nativeQuery, createQuery, \
                    @NamedQuery) is read as JPQL. In a migration (a Flyway script, a Liquibase changeSet, a \
                    Java migration class), an UPDATE that sets only columns added, or any column of a table \
                    created, earlier in the same migration is a backfill: there are no earlier values to \
                    lose, so it is reported at the severity of the backfillsAndReseeds option (info by \
                    default), with what still matters: one transaction over a large table holds locks and \
                    grows replica lag. A column added by an earlier migration already holds data: updating \
                    it is not a backfill.""")
            .fix("""
                    Bound the UPDATE with a WHERE clause on the rows you mean. Backfill a new column in the \
                    migration that adds it, and, for a large table, in batches (by key range) so that each \
                    transaction stays small. If rewriting every row is intended elsewhere, suppress the \
                    finding with the reason.""")
            .badExample("""
                    UPDATE accounts SET active = false;  -- V12__deactivate_trial_accounts.sql""")
            .goodExample("""
                    UPDATE accounts SET active = false  -- V12__deactivate_trial_accounts.sql
                    WHERE plan = 'trial' AND trial_ends_at < now();""")
            .options(DeliberateChanges.OPTION)
            .build();

    public UpdateWithoutWhere() {
        super(Kind.UPDATE);
    }

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    private static final DestructiveSqlMessages.Wording WORDING = new DestructiveSqlMessages.Wording("rewrites",
            "The change is replicated to all 6 Aurora storage copies immediately and the previous values "
                    + "are gone; only backtrack or a snapshot restore brings them back",
            "Bound it with a WHERE on the rows you mean, backfill large tables in batches, or suppress this "
                    + "finding with the reason if changing every row is intended.",
            "the previous values are gone from every copy");

    @Override
    DestructiveSqlMessages.Wording wording() {
        return WORDING;
    }
}
