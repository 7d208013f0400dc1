package dev.dbcheck.types;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a value back to where it was built, within one file: through a local or field's initialiser,
 * builder chains ({@code ScanRequest.builder().tableName(..).segment(..).build()}) and lambdas that configure
 * a builder ({@code r -> r.tableName(..)}). Rules use it to read request settings such as a table name, a
 * statement, or a retry policy, however the request object was put together.
 */
public final class ValueTracer {

    private static final int MAX_HOPS = 8;

    private final TypeResolver types;

    public ValueTracer(TypeResolver types) {
        this.types = types;
    }

    /**
     * Every call named one of {@code names} in the expression that builds {@code value}: the expression
     * itself, and, for names of locals or fields, their initialisers (transitively).
     */
    public List<MethodCallExpr> callsBuilding(Expression value, Set<String> names) {
        List<MethodCallExpr> found = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(value, names, found, seen, 0);
        return found;
    }

    /** The first argument of the first call named one of {@code names}, as a constant string. */
    public Optional<String> constantArgument(Expression value, Set<String> names, ConstantEvaluator constants) {
        for (MethodCallExpr call : callsBuilding(value, names)) {
            if (!call.getArguments().isEmpty()) {
                Optional<String> s = constants.stringValue(call.getArgument(0));
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private void collect(Expression value, Set<String> names, List<MethodCallExpr> found, Set<Node> seen, int hops) {
        if (hops > MAX_HOPS || !seen.add(value)) {
            return;
        }
        for (MethodCallExpr call : value.findAll(MethodCallExpr.class)) {
            if (names.contains(call.getNameAsString())) {
                found.add(call);
            }
        }
        for (NameExpr name : value.findAll(NameExpr.class)) {
            Optional<Expression> init = types.initializerOf(name);
            init.ifPresent(e -> collect(e, names, found, seen, hops + 1));
        }
    }
}
