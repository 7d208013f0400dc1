package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;

/** How an expression (a lambda, an anonymous class) is handed to a call. */
public final class Arguments {

    private Arguments() {}

    /**
     * {@code expression} as it is passed: with the casts and parentheses written around it
     * ({@code (Supplier<Pool>) () -> new Pool()}), which are the argument, not the expression itself.
     */
    public static Expression asPassed(Expression expression) {
        Expression argument = expression;
        Node parent = argument.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            argument = (Expression) parent;
            parent = parent.getParentNode().orElse(null);
        }
        return argument;
    }
}
