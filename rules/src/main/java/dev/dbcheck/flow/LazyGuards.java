package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lazy guards, for {@link StartupCode}: code that runs only while a holder is unset and sets it
 * ({@code if (pool == null) { pool = ..; }}, the else branch of {@code if (pool != null) return pool;}, and what
 * follows an early return while it is set). A holder is a field (this file's or inherited), a map lookup on a
 * field ({@code pools.get(key)}), a local read from one (also through a reference: {@code ref == null ? null :
 * ref.get()}), or a cache another class holds ({@code Holder.POOLS.get(key)}, {@code PoolCache.cached(key)} with
 * {@code PoolCache.remember(key, ..)} in the guarded code).
 */
final class LazyGuards {

    /** Writes that fill a map a lazy guard tests. */
    private static final Set<String> MAP_FILLS = Set.of("put", "putIfAbsent", "computeIfAbsent");

    private final TypeResolver types;
    private final ValueFlow flow;

    LazyGuards(TypeResolver types, ValueFlow flow) {
        this.types = types;
        this.flow = flow;
    }

    /**
     * Whether {@code condition} (when {@code whenNull}: holds while a holder is unset, {@code x == null} or
     * {@code !map.containsKey(k)}; otherwise: holds while it is set, {@code x != null}) tests a lazily set
     * holder, and {@code region} sets that holder. A holder is a field (this file's or inherited), a map
     * lookup on a field ({@code pools.get(key)}), or a local read from such a lookup.
     */
    private boolean lazyGuard(Expression condition, boolean whenNull, List<? extends Node> region) {
        BinaryExpr.Operator op = whenNull ? BinaryExpr.Operator.EQUALS : BinaryExpr.Operator.NOT_EQUALS;
        for (BinaryExpr b : condition.findAll(BinaryExpr.class, b -> b.getOperator() == op)) {
            Expression tested = b.getLeft().isNullLiteralExpr() ? b.getRight()
                    : b.getRight().isNullLiteralExpr() ? b.getLeft() : null;
            if (tested != null && holderSetIn(tested, region)) {
                return true;
            }
        }
        for (MethodCallExpr contains : condition.findAll(MethodCallExpr.class,
                c -> c.getNameAsString().equals("containsKey") && c.getArguments().size() == 1)) {
            boolean negated = contains.getParentNode().filter(p -> p instanceof UnaryExpr u
                    && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT).isPresent();
            if (negated == whenNull && contains.getScope().filter(s -> isField(s) && mapFilledIn(s, region))
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    private boolean holderSetIn(Expression tested, List<? extends Node> region) {
        if (isField(tested)) {
            return assignedIn(tested, region);
        }
        Optional<Expression> map = mapLookupScope(tested);
        if (map.isPresent()) {
            return mapFilledIn(map.get(), region);
        }
        if (keptBy(tested).filter(lookup -> lookup.filledIn(region)).isPresent()) {
            return true;
        }
        // V v = pools.get(key); if (v == null) { v = ...; pools.put(key, v); }, also through a reference:
        // WeakReference<V> ref = pools.get(key); V v = ref == null ? null : ref.get();
        return lookupBehind(tested, region, 0);
    }

    private boolean lookupBehind(Expression tested, List<? extends Node> region, int hops) {
        Optional<ValueFlow.Variable> local = flow.variableOf(tested).filter(v -> !v.isField());
        if (local.isEmpty() || hops > 2) {
            return false;
        }
        for (Expression value : flow.values(local.get())) {
            for (Expression candidate : alternatives(value)) {
                Optional<Expression> lookedUp = mapLookupScope(candidate);
                if (lookedUp.isPresent() && mapFilledIn(lookedUp.get(), region)
                        || keptBy(candidate).filter(lookup -> lookup.filledIn(region)).isPresent()) {
                    return true;
                }
                // ref.get() of a reference (weak, soft, atomic) read from the lookup
                if (candidate instanceof MethodCallExpr deref && deref.getNameAsString().equals("get")
                        && deref.getArguments().isEmpty() && deref.getScope().filter(NameExpr.class::isInstance)
                        .filter(r -> lookupBehind(r, region, hops + 1)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The values an expression can take, through casts, parentheses and both arms of a conditional. */
    private static List<Expression> alternatives(Expression value) {
        if (value instanceof EnclosedExpr e) {
            return alternatives(e.getInner());
        }
        if (value instanceof CastExpr c) {
            return alternatives(c.getExpression());
        }
        if (value instanceof ConditionalExpr c) {
            List<Expression> out = new ArrayList<>(alternatives(c.getThenExpr()));
            out.addAll(alternatives(c.getElseExpr()));
            return out;
        }
        return value.isNullLiteralExpr() ? List.of() : List.of(value);
    }

    /**
     * A lookup in a cache another class holds: {@code Holder.POOLS.get(key)} (a static map of another class), or
     * {@code PoolCache.cached(key)} (a static getter of another class, by the key), whose region stores under the
     * same key on the same holder ({@code Holder.POOLS.put(key, ..)}, {@code PoolCache.remember(key, ..)}).
     */
    private record HeldLookup(String holder, String key) {
        boolean filledIn(List<? extends Node> region) {
            for (Node n : region) {
                if (n.findFirst(MethodCallExpr.class, c -> c.getArguments().size() >= 2 && c.getScope()
                        .filter(s -> s.toString().equals(holder)).isPresent()
                        && c.getArgument(0).toString().equals(key)).isPresent()) {
                    return true;
                }
            }
            return false;
        }
    }

    private Optional<HeldLookup> keptBy(Expression e) {
        if (!(e instanceof MethodCallExpr call) || call.getArguments().size() != 1 || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Expression scope = call.getScope().get();
        boolean staticMap = scope instanceof FieldAccessExpr f && types.typeReferencedBy(f.getScope()).isPresent()
                && call.getNameAsString().equals("get");
        boolean staticGetter = types.typeReferencedBy(scope).isPresent();
        return staticMap || staticGetter ? Optional.of(new HeldLookup(scope.toString(), call.getArgument(0).toString()))
                : Optional.empty();
    }

    /** {@code pools.get(key)} on a field: the field. */
    private Optional<Expression> mapLookupScope(Expression e) {
        if (e instanceof MethodCallExpr call && call.getNameAsString().equals("get") && call.getArguments().size() == 1
                && call.getScope().filter(this::isField).isPresent()) {
            return call.getScope();
        }
        return Optional.empty();
    }

    /** A field: this file's, or a name no local or parameter declares (inherited). */
    private boolean isField(Expression e) {
        if (e instanceof FieldAccessExpr f) {
            return f.getScope() instanceof ThisExpr;
        }
        if (e instanceof NameExpr n) {
            return flow.variableOf(n).map(ValueFlow.Variable::isField).orElse(!types.isLocal(n));
        }
        return false;
    }

    private static String nameOf(Expression e) {
        return e instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) e).getNameAsString();
    }

    private boolean assignedIn(Expression field, List<? extends Node> region) {
        String name = nameOf(field);
        for (Node n : region) {
            if (n.findFirst(AssignExpr.class, a -> (a.getTarget() instanceof NameExpr || a.getTarget() instanceof
                    FieldAccessExpr f && f.getScope() instanceof ThisExpr) && nameOf(a.getTarget()).equals(name)
                    && isField(a.getTarget())).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private boolean mapFilledIn(Expression map, List<? extends Node> region) {
        String name = nameOf(map);
        for (Node n : region) {
            if (n.findFirst(MethodCallExpr.class, c -> MAP_FILLS.contains(c.getNameAsString()) && c.getScope()
                    .filter(s -> (s instanceof NameExpr || s instanceof FieldAccessExpr f && f.getScope()
                            instanceof ThisExpr) && nameOf(s).equals(name)).isPresent()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** {@code if (x == null) { x = ..; }}, or the else branch of {@code if (x != null) ..}. */
    boolean lazyBranch(IfStmt ifStmt, Node branch) {
        if (ifStmt.getThenStmt() == branch) {
            return lazyGuard(ifStmt.getCondition(), true, List.of(branch));
        }
        return ifStmt.getElseStmt().filter(e -> e == branch).isPresent()
                && lazyGuard(ifStmt.getCondition(), false, List.of(branch));
    }

    /**
     * {@code if (conn != null && !conn.isClosed()) return conn; ... return conn = open();}: {@code statement}
     * follows, in the same block, an early return taken while the holder is set, and the rest of the block
     * sets it.
     */
    boolean afterEarlyReturn(NodeWithStatements<?> block, Statement statement) {
        List<Statement> statements = block.getStatements();
        int at = statements.indexOf(statement);
        for (int i = 0; i < at; i++) {
            if (statements.get(i) instanceof IfStmt guard && guard.getElseStmt().isEmpty() && leaves(guard.getThenStmt())
                    && lazyGuard(guard.getCondition(), false, statements.subList(i + 1, statements.size()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean leaves(Statement then) {
        if (then instanceof ReturnStmt || then instanceof ThrowStmt) {
            return true;
        }
        return then instanceof com.github.javaparser.ast.stmt.BlockStmt b && !b.getStatements().isEmpty()
                && (b.getStatements().getLast().get() instanceof ReturnStmt);
    }
}
