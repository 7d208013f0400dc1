package dev.dbcheck.sql;

import java.util.Locale;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Conditions that hold for every row: {@code 1=1}, {@code true}, {@code 'a'='a'}, {@code x = x},
 * {@code x >= x}, {@code 1 <> 2}, {@code 1} (MySQL), {@code NOT false}, {@code 1 IS NOT NULL}, and any
 * {@code OR} with such a branch ({@code id = ? OR 1=1}). An {@code AND} is always true only when both sides
 * are. Parameters ({@code ? = ?}) and function calls ({@code random() = random()}) are never assumed equal.
 */
public final class Tautologies {

    private Tautologies() {}

    public static boolean isAlwaysTrue(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof OrExpression or) {
            return isAlwaysTrue(or.getLeftExpression()) || isAlwaysTrue(or.getRightExpression());
        }
        if (x instanceof AndExpression and) {
            return isAlwaysTrue(and.getLeftExpression()) && isAlwaysTrue(and.getRightExpression());
        }
        if (x instanceof NotExpression not) {
            return isAlwaysFalse(not.getExpression());
        }
        if (x instanceof BooleanValue b) {
            return b.getValue();
        }
        if (isKeyword(x, "TRUE")) {
            return true;
        }
        if (x instanceof LongValue v) {
            return v.getValue() != 0;
        }
        if (x instanceof EqualsTo eq && eq.getOldOracleJoinSyntax() == 0) {
            return same(eq.getLeftExpression(), eq.getRightExpression());
        }
        if (x instanceof GreaterThanEquals ge) {
            return same(ge.getLeftExpression(), ge.getRightExpression());
        }
        if (x instanceof MinorThanEquals le) {
            return same(le.getLeftExpression(), le.getRightExpression());
        }
        if (x instanceof NotEqualsTo ne) {
            return literal(ne.getLeftExpression()) && literal(ne.getRightExpression())
                    && !literalValue(ne.getLeftExpression()).equals(literalValue(ne.getRightExpression()));
        }
        if (x instanceof IsNullExpression isNull) {
            return isNull.isNot() && literal(isNull.getLeftExpression());
        }
        return false;
    }

    static boolean isAlwaysFalse(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof BooleanValue b) {
            return !b.getValue();
        }
        if (isKeyword(x, "FALSE")) {
            return true;
        }
        if (x instanceof LongValue v) {
            return v.getValue() == 0;
        }
        if (x instanceof EqualsTo eq) {
            return literal(eq.getLeftExpression()) && literal(eq.getRightExpression())
                    && !literalValue(eq.getLeftExpression()).equals(literalValue(eq.getRightExpression()));
        }
        return false;
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (true) {
            if (x instanceof Parenthesis p) {
                x = p.getExpression();
            } else if (x instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                x = list.get(0);
            } else {
                return x;
            }
        }
    }

    /** An unquoted TRUE/FALSE that the parser read as a column name. */
    private static boolean isKeyword(Expression x, String keyword) {
        return x instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase(keyword);
    }

    /** Both sides are the same deterministic, non-null value or column. */
    private static boolean same(Expression left, Expression right) {
        Expression l = unwrap(left);
        Expression r = unwrap(right);
        if (literal(l) && literal(r)) {
            return literalValue(l).equals(literalValue(r));
        }
        // Parameters (? = ?), function calls (random() = random()) and NULL are never assumed equal.
        return l instanceof Column a && r instanceof Column b && !isKeyword(a, "NULL")
                && a.getFullyQualifiedName().equalsIgnoreCase(b.getFullyQualifiedName());
    }

    private static boolean literal(Expression e) {
        Expression x = unwrap(e);
        return x instanceof LongValue || x instanceof DoubleValue || x instanceof StringValue
                || x instanceof BooleanValue;
    }

    private static String literalValue(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof LongValue v) {
            return "n:" + v.getValue();
        }
        if (x instanceof DoubleValue d) {
            return d.getValue() == Math.rint(d.getValue()) ? "n:" + (long) d.getValue() : "d:" + d.getValue();
        }
        if (x instanceof StringValue s) {
            return "s:" + s.getValue();
        }
        return "b:" + x.toString().toLowerCase(Locale.ROOT);
    }
}
