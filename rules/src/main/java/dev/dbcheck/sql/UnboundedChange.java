package dev.dbcheck.sql;

import java.util.Optional;

/**
 * A DELETE or UPDATE that reaches every row of its table: no WHERE clause, or one that is always true.
 *
 * @param kind which statement
 * @param table the target table as written (possibly qualified), or {@code "?"} when the parser gives none
 * @param alwaysTrueCondition the tautological condition as the parser prints it, when there is a WHERE
 * @param limited whether a LIMIT/TOP caps the rows of one run (it does not choose which rows)
 * @param sql the statement, on one line
 */
public record UnboundedChange(Kind kind, String table, Optional<String> alwaysTrueCondition, boolean limited,
        String sql) {

    public enum Kind {
        DELETE,
        UPDATE
    }
}
