package dev.dbcheck.types;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.flow.ValueFlow;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Former backwards tracer, now a thin view of {@link ValueFlow}, kept only until the rules that still
 * construct it (the cache rules, {@code ConstantPartitionKey}) call {@code ValueFlow.of(context)} instead;
 * then it is to be deleted. It holds no analysis of its own.
 *
 * @deprecated use {@link ValueFlow#callsBuilding} and {@link ValueFlow#constantArgument} from
 *     {@code ValueFlow.of(context)}, which is shared by all rules of a file
 */
@Deprecated
public final class ValueTracer {

    private final ValueFlow flow;

    public ValueTracer(TypeResolver types) {
        this.flow = new ValueFlow(types);
    }

    public List<MethodCallExpr> callsBuilding(Expression value, Set<String> names) {
        return flow.callsBuilding(value, names);
    }

    public Optional<String> constantArgument(Expression value, Set<String> names, ConstantEvaluator constants) {
        return flow.constantArgument(value, names, constants);
    }
}
