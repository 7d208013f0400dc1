package dev.dbcheck.model;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.util.Optional;

/**
 * The value of a Java literal, shared by the declarations' constant fields ({@link FieldConstants}) and the rules'
 * constant evaluator: a {@code String} (text blocks too), a {@code Long} for integral literals, a {@code Double},
 * a {@code Boolean} or a {@code Character}.
 */
public final class Literals {

    private Literals() {}

    public static Optional<Object> value(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(t.asString());
        }
        if (e instanceof IntegerLiteralExpr i) {
            return Optional.of(i.asNumber().longValue());
        }
        if (e instanceof LongLiteralExpr l) {
            return Optional.of(l.asNumber().longValue());
        }
        if (e instanceof DoubleLiteralExpr d) {
            return Optional.of(d.asDouble());
        }
        if (e instanceof BooleanLiteralExpr b) {
            return Optional.of(b.getValue());
        }
        if (e instanceof CharLiteralExpr c) {
            return Optional.of(c.asChar());
        }
        return Optional.empty();
    }
}
