package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.sql.UnboundedChange.Kind;

/** Flags a DELETE with no WHERE clause, or an always-true one, in migrations and in Java data-access code. */
public final class DeleteWithoutWhere extends DestructiveSqlRule {

    private static final RuleMetadata METADATA = RuleMetadata.builder("DeleteWithoutWhere")
            .family(Family.DESTRUCTIVE_SQL)
            .severity(Severity.ERROR)
            .summary("DELETE without a WHERE clause removes every row of the table")
            .explanation("""
                    A DELETE with no WHERE clause, or with one that is always true (1=1, true, 'a'='a', \
                    x = x, ... OR 1=1), removes every row of its table. Multi-AZ and replicas do not help: \
                    Aurora replicates the DELETE to all 6 storage copies immediately, and every reader sees \
                    the empty table. A runaway migration or a query builder that lost its condition is \
                    exactly the application-level error that Aurora does not protect against; only \
                    backtrack or a restore from an automated snapshot brings the rows back, with downtime \
                    and the loss of every write made since. A WHERE inside a subquery or CTE does not bound \
                    the outer statement, and a LIMIT only caps how many arbitrary rows one run removes. \
                    Statements inside PostgreSQL DO blocks, function bodies and BEGIN ... END blocks are \
                    checked too, and JPQL/HQL (DELETE Entity e, without FROM) is read as JPQL. In a \
                    migration (a Flyway script, a Liquibase changeSet, a Java migration class), a DELETE of a \
                    table that the same migration then fills again with INSERTs (or loadData) is a reseed of \
                    reference data: it is reported at the severity of the backfillsAndReseeds option (info \
                    by default), since readers between the DELETE and the INSERTs see the table empty.""")
            .fix("""
                    Bound the DELETE with a WHERE clause on the rows you mean (a key, a tenant, a date \
                    range), and remove large sets in batches (a bounded WHERE with LIMIT, repeated). If \
                    emptying the table is intended (a reset of a staging table, say), suppress the finding \
                    with the reason, and make sure backtrack or a recent snapshot covers the table.""")
            .badExample("""
                    DELETE FROM user_sessions;  -- V7__expire_sessions.sql: meant only the expired ones""")
            .goodExample("""
                    DELETE FROM user_sessions  -- V7__expire_sessions.sql
                    WHERE expires_at < now() - interval '30 days';""")
            .options(DeliberateChanges.OPTION)
            .build();

    public DeleteWithoutWhere() {
        super(Kind.DELETE);
    }

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    private static final DestructiveSqlMessages.Wording WORDING = new DestructiveSqlMessages.Wording("deletes",
            "A runaway DELETE is replicated to all 6 Aurora storage copies immediately, so replicas and "
                    + "Multi-AZ keep nothing; only backtrack or a snapshot restore brings the rows back",
            "Bound it with a WHERE on the rows you mean, delete large sets in batches, or suppress this "
                    + "finding with the reason if emptying the table is intended.",
            "only a snapshot or backtrack brings them back");

    @Override
    DestructiveSqlMessages.Wording wording() {
        return WORDING;
    }
}
