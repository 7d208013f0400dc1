package dev.dbcheck.sql;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.JavaContext;
import java.util.Optional;

/** Where the SQL text passed at a call is written. The one place that follows a name to its text. */
public final class SqlLiteral {

    private SqlLiteral() {}

    /**
     * The argument itself, or the initialiser of the constant (or local never reassigned: the shared value flow's {@code onlyValue}) it names, followed
     * through constants that name constants. A constant used by several calls is so reported once, at its
     * literal.
     */
    public static Expression of(Expression argument, JavaContext context) {
        Expression at = argument;
        for (int hops = 0; hops < 8 && at instanceof NameExpr name; hops++) {
            Optional<Expression> init = ValueFlow.of(context).onlyValue(name);
            if (init.isEmpty() || context.constants().stringValue(init.get()).isEmpty()) {
                break;
            }
            at = init.get();
        }
        return at;
    }
}
