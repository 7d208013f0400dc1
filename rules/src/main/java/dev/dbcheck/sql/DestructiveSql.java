package dev.dbcheck.sql;

import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds the DELETE and UPDATE statements of a SQL text that reach every row of their table. Only the WHERE of
 * the statement itself bounds it: a WHERE inside a subquery, a CTE or a SET expression does not. Dialect
 * forms are read as the database does: {@code UPDATE .. FROM .. WHERE} and {@code DELETE .. USING .. WHERE}
 * are bounded by their WHERE; MySQL {@code UPDATE a JOIN b ON .. SET ..} and {@code DELETE a FROM a JOIN b
 * ON ..} are bounded by the ON condition of an inner join (a LEFT/RIGHT/FULL/CROSS join bounds nothing).
 * A LIMIT caps one run but does not choose the rows, so it does not bound the statement. PostgreSQL
 * data-modifying CTEs ({@code WITH d AS (DELETE FROM t RETURNING *) SELECT ..}) are checked too.
 */
public final class DestructiveSql {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DestructiveSql() {}

    /** A statement of a text that reaches every row, where it starts in the text. */
    public record Located(UnboundedChange change, int offset, int line, int column) {}

    /** A statement that may change data but could not be parsed: skipped, to be reported as a note. */
    public record Unparsed(Kind kind, int offset, int line, int column, String reason) {}

    /** Everything found in one SQL text. */
    public record Result(List<Located> changes, List<Unparsed> unparsed) {
        public static final Result EMPTY = new Result(List.of(), List.of());
    }

    /**
     * Splits and parses {@code sql}. Only statements that can change rows are parsed: those that start with
     * DELETE or UPDATE, and WITH statements that mention one of them (a data-modifying CTE). DDL
     * ({@code ON DELETE CASCADE}), SELECT ... FOR UPDATE, INSERT and procedural bodies are skipped, so a DDL
     * option the parser does not know never turns into a note. A statement that can change rows but cannot be
     * parsed is returned as unparsed, with the kind it starts with (for WITH: DELETE if it mentions one).
     */
    public static Result analyze(String sql) {
        List<Located> changes = new ArrayList<>();
        List<Unparsed> unparsed = new ArrayList<>();
        SqlTemplates.Neutralized neutralized = SqlTemplates.neutralize(sql);
        for (SqlSplitter.Piece piece : SqlSplitter.split(neutralized.text())) {
            String first = piece.firstWord();
            boolean with = first.equals("WITH") && (piece.mentions("DELETE") || piece.mentions("UPDATE"));
            if (!first.equals("DELETE") && !first.equals("UPDATE") && !with) {
                continue;
            }
            boolean delete = first.equals("DELETE") || with && piece.mentions("DELETE");
            SqlParser.Parsed parsed = piece.unterminated()
                    ? new SqlParser.Parsed(null, "unterminated comment, string or quoted identifier")
                    : SqlParser.parse(piece.text());
            if (!parsed.ok()) {
                unparsed.add(new Unparsed(delete ? Kind.DELETE : Kind.UPDATE, piece.offset(), piece.line(),
                        piece.column(), parsed.failure()));
                continue;
            }
            for (UnboundedChange change : unbounded(parsed.statement())) {
                UnboundedChange shown = new UnboundedChange(change.kind(), neutralized.restore(change.table()),
                        change.alwaysTrueCondition().map(neutralized::restore), change.limited(),
                        neutralized.restore(change.sql()));
                changes.add(new Located(shown, piece.offset(), piece.line(), piece.column()));
            }
        }
        return new Result(List.copyOf(changes), List.copyOf(unparsed));
    }

    /** The unbounded changes a parsed statement makes (several with data-modifying CTEs). */
    public static List<UnboundedChange> unbounded(Statement statement) {
        List<UnboundedChange> out = new ArrayList<>();
        collect(statement, out);
        return out;
    }

    private static void collect(Statement statement, List<UnboundedChange> out) {
        if (statement instanceof Delete delete) {
            withItems(delete.getWithItemsList(), out);
            check(Kind.DELETE, deleteTarget(delete), delete.getWhere(), delete.getJoins(), delete.getLimit() != null,
                    delete, out);
        } else if (statement instanceof Update update) {
            withItems(update.getWithItemsList(), out);
            List<Join> joins = new ArrayList<>();
            if (update.getStartJoins() != null) {
                joins.addAll(update.getStartJoins());
            }
            if (update.getFromItem() == null && update.getJoins() != null) {
                joins.addAll(update.getJoins());
            }
            check(Kind.UPDATE, name(update.getTable()), update.getWhere(), joins, update.getLimit() != null,
                    update, out);
        } else if (statement instanceof Select select) {
            withItems(select.getWithItemsList(), out);
        } else if (statement instanceof Insert insert) {
            withItems(insert.getWithItemsList(), out);
        }
    }

    private static void withItems(List<WithItem<?>> items, List<UnboundedChange> out) {
        if (items == null) {
            return;
        }
        for (WithItem<?> item : items) {
            ParenthesedStatement inner = item.getParenthesedStatement();
            if (inner instanceof ParenthesedDelete d) {
                collect(d.getDelete(), out);
            } else if (inner instanceof ParenthesedUpdate u) {
                collect(u.getUpdate(), out);
            }
        }
    }

    private static void check(Kind kind, String table, Expression where, Collection<Join> joins, boolean limited,
            Statement statement, List<UnboundedChange> out) {
        if (where == null) {
            if (!boundedByJoin(joins)) {
                out.add(new UnboundedChange(kind, table, Optional.empty(), limited, oneLine(statement)));
            }
        } else if (Tautologies.isAlwaysTrue(where)) {
            out.add(new UnboundedChange(kind, table, Optional.of(where.toString()), limited, oneLine(statement)));
        }
    }

    /** An inner join with an ON (or USING) condition that is not always true keeps only matching rows. */
    private static boolean boundedByJoin(Collection<Join> joins) {
        if (joins == null) {
            return false;
        }
        for (Join join : joins) {
            if (join.isLeft() || join.isRight() || join.isFull() || join.isOuter() || join.isCross()
                    || join.isSimple()) {
                continue;
            }
            if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                return true;
            }
            Collection<Expression> on = join.getOnExpressions();
            if (on != null && !on.isEmpty() && on.stream().noneMatch(Tautologies::isAlwaysTrue)) {
                return true;
            }
        }
        return false;
    }

    private static String deleteTarget(Delete delete) {
        if (delete.getTables() != null && !delete.getTables().isEmpty()) {
            return name(delete.getTables().get(0));
        }
        return name(delete.getTable());
    }

    private static String name(Table table) {
        return table == null || table.getFullyQualifiedName() == null ? "?" : table.getFullyQualifiedName();
    }

    private static String oneLine(Statement statement) {
        return WHITESPACE.matcher(statement.toString().strip()).replaceAll(" ");
    }
}
