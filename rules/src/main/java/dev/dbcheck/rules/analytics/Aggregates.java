package dev.dbcheck.rules.analytics;

import dev.dbcheck.sql.SqlParser;
import dev.dbcheck.sql.SqlSplitter;
import dev.dbcheck.sql.SqlTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Aggregate queries over whole tables: a SELECT with {@code GROUP BY}, a window function ({@code OVER (..)}), or
 * {@code COUNT}/{@code SUM}/{@code AVG} in its select list (with or without {@code MIN}/{@code MAX}), whose WHERE holds no equality
 * (or IN) on a key column ({@code id}, {@code user_id}, {@code userId}, {@code order_no}, {@code code}, ...). Such a
 * query reads every row (or every row of a range) of its table however it is indexed; a keyed one reads one
 * entity's rows. Conservative: a key equality anywhere in the WHERE (in an OR branch too) makes the query keyed,
 * {@code MIN}/{@code MAX} alone is not reported (one end of an index when the column has one: {@code max(id)}, the
 * {@code max(update_time)} a cache refresher polls), and a statement
 * the parser cannot read is skipped (no note: this is an info rule about the whole table, not a safety check).
 * Only top-level SELECTs count: {@code INSERT .. SELECT .. GROUP BY} must run on the writer.
 */
final class Aggregates {

    private Aggregates() {}

    /**
     * An aggregate query found in a text.
     *
     * @param aggregate what makes it one: {@code GROUP BY}, {@code window function}, {@code COUNT}, {@code SUM}, ...
     * @param table the table it reads (the first of the FROM clause)
     * @param offset where the statement starts in the text
     */
    record Found(String aggregate, String table, int offset) {}

    private static final Pattern FUNCTION = Pattern.compile("(?i)\\b(COUNT|SUM|AVG|MIN|MAX)\\s*\\(");
    private static final Pattern OVER = Pattern.compile("(?i)\\bOVER\\s*\\(");
    /** Column names that identify one entity or one owner's rows. */
    private static final Pattern KEY = Pattern.compile(
            "(?i)(?:^|_)(?:id|key|no|uuid|code|sn)$|^[a-z]+(?:Id|Key|No|Uuid|Code)$|^(?:username|user_name|email|mobile|phone)$");

    /** The first aggregate query over a whole table in {@code sql}, if any. */
    static Optional<Found> of(String sql) {
        if (!mayHold(sql)) {
            return Optional.empty();
        }
        SqlTemplates.Neutralized neutralized = SqlTemplates.neutralize(sql);
        for (SqlSplitter.Piece piece : SqlSplitter.split(neutralized.text())) {
            String first = piece.firstWord();
            if (!(first.equals("SELECT") || first.equals("WITH") || first.equals("(")) || piece.unterminated()) {
                continue;
            }
            SqlParser.Parsed parsed = SqlParser.parse(piece.text());
            if (!parsed.ok()) {
                continue;
            }
            Optional<Found> found = statement(parsed.statement(), neutralized, piece.offset());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A cheap text test before parsing: only texts that name an aggregate can hold one. */
    private static boolean mayHold(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        return upper.contains("SELECT") && (upper.contains("GROUP") || upper.contains("OVER")
                || FUNCTION.matcher(sql).find());
    }

    private static Optional<Found> statement(Statement statement, SqlTemplates.Neutralized n, int offset) {
        if (!(statement instanceof Select select)) {
            return Optional.empty();
        }
        for (PlainSelect plain : plainSelects(select)) {
            Optional<String> aggregate = aggregate(plain, n);
            Optional<String> table = table(plain.getFromItem());
            if (aggregate.isPresent() && table.isPresent() && !keyed(plain.getWhere(), n)) {
                return Optional.of(new Found(aggregate.get(), n.restore(table.get()), offset));
            }
        }
        return Optional.empty();
    }

    /** The plain selects a SELECT runs at its top level (each branch of a UNION). */
    private static List<PlainSelect> plainSelects(Select select) {
        List<PlainSelect> out = new ArrayList<>();
        Select s = select;
        while (s instanceof ParenthesedSelect p && p.getSelect() != null) {
            s = p.getSelect();
        }
        if (s instanceof PlainSelect plain) {
            out.add(plain);
        } else if (s instanceof SetOperationList set) {
            for (Select branch : set.getSelects()) {
                out.addAll(plainSelects(branch));
            }
        }
        return out;
    }

    private static Optional<String> aggregate(PlainSelect plain, SqlTemplates.Neutralized n) {
        if (plain.getGroupBy() != null) {
            return Optional.of("GROUP BY");
        }
        String items = selectItems(plain);
        if (OVER.matcher(items).find()) {
            return Optional.of("window function");
        }
        Matcher m = FUNCTION.matcher(items);
        while (m.find()) {
            String function = m.group(1).toUpperCase(Locale.ROOT);
            if (!function.equals("MIN") && !function.equals("MAX")) {
                return Optional.of(function);
            }
        }
        return Optional.empty(); // MIN or MAX alone: one end of an index when the column has one
    }

    private static String selectItems(PlainSelect plain) {
        StringBuilder out = new StringBuilder();
        for (SelectItem<?> item : plain.getSelectItems()) {
            out.append(item).append(' ');
        }
        return out.toString();
    }

    /** The first table the FROM clause reads, through parenthesised joins; none for a subquery or a function. */
    private static Optional<String> table(FromItem from) {
        if (from instanceof Table table) {
            return Optional.of(table.getFullyQualifiedName());
        }
        if (from instanceof ParenthesedFromItem p) {
            return table(p.getFromItem());
        }
        if (from instanceof ParenthesedSelect sub && sub.getSelect() != null) {
            for (PlainSelect inner : plainSelects(sub)) {
                Optional<String> t = table(inner.getFromItem());
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the WHERE holds an equality or IN on a key column with a value (not a join of two columns). */
    private static boolean keyed(Expression where, SqlTemplates.Neutralized n) {
        if (where == null) {
            return false;
        }
        if (where instanceof AndExpression and) {
            return keyed(and.getLeftExpression(), n) || keyed(and.getRightExpression(), n);
        }
        if (where instanceof OrExpression or) {
            return keyed(or.getLeftExpression(), n) || keyed(or.getRightExpression(), n);
        }
        if (where instanceof Parenthesis p) {
            return keyed(p.getExpression(), n);
        }
        if (where instanceof ParenthesedExpressionList<?> list) {
            return list.stream().anyMatch(e -> keyed(e, n));
        }
        if (where instanceof EqualsTo eq) {
            return keyColumn(eq.getLeftExpression(), n) && value(eq.getRightExpression(), n)
                    || keyColumn(eq.getRightExpression(), n) && value(eq.getLeftExpression(), n);
        }
        if (where instanceof InExpression in) {
            return !in.isNot() && keyColumn(in.getLeftExpression(), n);
        }
        return false;
    }

    private static boolean keyColumn(Expression e, SqlTemplates.Neutralized n) {
        return e instanceof Column c && !placeholder(c, n)
                && KEY.matcher(c.getColumnName().replace("`", "").replace("\"", "")).find();
    }

    /** A value side: anything but a column (a MyBatis or SpEL placeholder reads as one, and is a value). */
    private static boolean value(Expression e, SqlTemplates.Neutralized n) {
        return !(e instanceof Column c) || placeholder(c, n);
    }

    private static boolean placeholder(Column c, SqlTemplates.Neutralized n) {
        return n.originals().containsKey(c.getColumnName());
    }
}
