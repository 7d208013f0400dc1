package dev.dbcheck.sql;

import java.util.List;
import java.util.Optional;

/**
 * A DELETE or UPDATE that reaches every row of its table: no WHERE clause, or one that is always true.
 *
 * @param kind which statement
 * @param table the target table as written (possibly qualified), or {@code "?"} when the parser gives none; for
 *     JPQL/HQL the entity name
 * @param alwaysTrueCondition the tautological condition as the parser prints it, when there is a WHERE
 * @param limited whether a LIMIT/TOP caps the rows of one run (it does not choose which rows)
 * @param sql the statement, on one line
 * @param columns for an UPDATE, the columns it sets (empty when unknown)
 * @param entity whether {@code table} names a JPA entity (the statement is JPQL or HQL)
 */
public record UnboundedChange(Kind kind, String table, Optional<String> alwaysTrueCondition, boolean limited,
        String sql, List<String> columns, boolean entity) {

    public UnboundedChange {
        columns = List.copyOf(columns);
    }

    public UnboundedChange(Kind kind, String table, Optional<String> alwaysTrueCondition, boolean limited,
            String sql) {
        this(kind, table, alwaysTrueCondition, limited, sql, List.of(), false);
    }

    /** The statement in quotes, shortened to one line of 80 characters, as messages quote it. */
    public String quoted() {
        return "\"" + abbreviate(sql) + "\"";
    }

    /** SQL text on one line of at most 80 characters. */
    public static String abbreviate(String sql) {
        String oneLine = sql.strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    public enum Kind {
        DELETE,
        UPDATE
    }
}
