package dev.dbcheck.sql;

import dev.dbcheck.sql.UnboundedChange.Kind;
import dev.dbcheck.text.LineIndex;
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
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Finds the DELETE and UPDATE statements of a SQL text that reach every row of their table. Only the WHERE of
 * the statement itself bounds it: a WHERE inside a subquery, a CTE or a SET expression does not. Dialect
 * forms are read as the database does: {@code UPDATE .. FROM .. WHERE} and {@code DELETE .. USING .. WHERE}
 * are bounded by their WHERE; MySQL {@code UPDATE a JOIN b ON .. SET ..} and {@code DELETE a FROM a JOIN b
 * ON ..} are bounded by the ON condition of an inner join (a LEFT/RIGHT/FULL/CROSS join bounds nothing).
 * A LIMIT caps one run but does not choose the rows, so it does not bound the statement. PostgreSQL
 * data-modifying CTEs ({@code WITH d AS (DELETE FROM t RETURNING *) SELECT ..}) are checked too, and so are
 * the statements of procedural blocks ({@code DO $$ .. $$}, function and procedure bodies, {@code BEGIN ..
 * END}), see {@link ProceduralSql}.
 */
public final class DestructiveSql {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DestructiveSql() {}

    /** A statement of a text that reaches every row, where it starts in the text. */
    public record Located(UnboundedChange change, int offset, int line, int column) {}

    /** A statement that may change data but could not be parsed: skipped, to be reported as a note. */
    public record Unparsed(Kind kind, int offset, int line, int column, String reason) {}

    /**
     * Everything found in one SQL text: the unbounded changes, the statements that could not be read, and the
     * migration steps (schema changes, inserts and the unbounded changes, in text order).
     */
    public record Result(List<Located> changes, List<Unparsed> unparsed, List<MigrationStep> steps) {
        public static final Result EMPTY = new Result(List.of(), List.of(), List.of());
    }

    /**
     * Splits and parses {@code sql}. Only statements that can change rows are parsed: those that start with
     * DELETE or UPDATE, and WITH statements that mention one of them (a data-modifying CTE). DDL
     * ({@code ON DELETE CASCADE}), SELECT ... FOR UPDATE and INSERT are not parsed, so a DDL option the parser
     * does not know never turns into a note. A statement that can change rows but cannot be parsed is returned
     * as unparsed, with the kind it starts with (for WITH: DELETE if it mentions one).
     */
    public static Result analyze(String sql) {
        SqlTemplates.Neutralized neutralized = SqlTemplates.neutralize(sql);
        Collector out = new Collector(neutralized, LineIndex.of(sql));
        scan(neutralized.text(), 0, out, 0);
        return new Result(List.copyOf(out.changes), List.copyOf(out.unparsed), List.copyOf(out.steps));
    }

    /** What one analysis has found so far; positions are those of the whole text. */
    private record Collector(SqlTemplates.Neutralized neutralized, LineIndex lines, List<Located> changes,
            List<Unparsed> unparsed, List<MigrationStep> steps) {
        Collector(SqlTemplates.Neutralized neutralized, LineIndex lines) {
            this(neutralized, lines, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Scans {@code text}, which starts at {@code base} in the whole text; {@code depth} bounds nested bodies. */
    private static void scan(String text, int base, Collector out, int depth) {
        for (SqlSplitter.Piece piece : SqlSplitter.split(text)) {
            int at = base + piece.offset();
            String first = piece.firstWord();
            boolean with = first.equals("WITH") && (piece.mentions("DELETE") || piece.mentions("UPDATE"));
            if (first.equals("DELETE") || first.equals("UPDATE") || with) {
                statement(piece, at, first.equals("DELETE") || with && piece.mentions("DELETE"), out);
                continue;
            }
            out.steps.addAll(SchemaStatements.of(piece, at));
            if (depth < 4) {
                // Procedural blocks: the bodies, and a statement that a block keyword opens (BEGIN DELETE ..).
                for (int[] body : ProceduralSql.bodies(piece)) {
                    scan(text.substring(body[0], body[1]), base + body[0], out, depth + 1);
                }
                ProceduralSql.innerStatement(piece).ifPresent(inner ->
                        scan(piece.text().substring(inner), at + inner, out, depth + 1));
            }
        }
    }

    private static void statement(SqlSplitter.Piece piece, int at, boolean delete, Collector out) {
        int line = out.lines.lineOf(at);
        int column = out.lines.columnOf(at);
        SqlParser.Parsed parsed = piece.unterminated()
                ? new SqlParser.Parsed(null, "unterminated comment, string or quoted identifier")
                : SqlParser.parse(piece.text());
        if (!parsed.ok()) {
            out.unparsed.add(new Unparsed(delete ? Kind.DELETE : Kind.UPDATE, at, line, column, parsed.failure()));
            return;
        }
        SqlTemplates.Neutralized n = out.neutralized;
        for (UnboundedChange change : unbounded(parsed.statement())) {
            UnboundedChange shown = new UnboundedChange(change.kind(), n.restore(change.table()),
                    change.alwaysTrueCondition().map(n::restore), change.limited(), n.restore(change.sql()),
                    change.columns(), false);
            out.changes.add(new Located(shown, at, line, column));
            out.steps.add(new MigrationStep.Unbounded(shown, at));
        }
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
                    List.of(), delete, out);
        } else if (statement instanceof Update update) {
            withItems(update.getWithItemsList(), out);
            List<Join> joins = new ArrayList<>();
            if (update.getStartJoins() != null) {
                joins.addAll(update.getStartJoins());
            }
            if (update.getFromItem() == null && update.getJoins() != null) {
                joins.addAll(update.getJoins());
            }
            List<String> columns = new ArrayList<>();
            for (UpdateSet set : update.getUpdateSets()) {
                set.getColumns().forEach(c -> columns.add(c.getColumnName()));
            }
            check(Kind.UPDATE, name(update.getTable()), update.getWhere(), joins, update.getLimit() != null,
                    columns, update, out);
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
            List<String> columns, Statement statement, List<UnboundedChange> out) {
        if (where == null) {
            if (!boundedByJoin(joins)) {
                out.add(new UnboundedChange(kind, table, Optional.empty(), limited, oneLine(statement), columns,
                        false));
            }
        } else if (Tautologies.isAlwaysTrue(where)) {
            out.add(new UnboundedChange(kind, table, Optional.of(where.toString()), limited, oneLine(statement),
                    columns, false));
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
