package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;
import dev.dbcheck.rule.JavaContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The maximum number of connections of a pool created in code, as the code says: the value a size setter
 * sets on the pool or on the configuration it is given ({@code config.setMaxTotal(1)},
 * {@code config.useSingleServer().setConnectionPoolSize(16)}), the library's default when nothing sets one,
 * or unknown when the value is computed or the configuration comes from elsewhere. Messages quote it, so
 * that "up to 8 by default" is never said of a pool whose code sets 1.
 *
 * @param value the maximum when known (set in code or the library default), else 0
 */
record PoolMaximum(Kind kind, long value, PoolLibraries.Library library) {

    enum Kind { SET_IN_CODE, LIBRARY_DEFAULT, UNKNOWN }

    /** Types of the configuration objects a pool is given, whose setters set its maximum. */
    private static final Set<String> CONFIGURATIONS = Set.of("org.apache.commons.pool2.impl.GenericObjectPoolConfig",
            "com.zaxxer.hikari.HikariConfig", "org.redisson.config.Config");

    /** The pool's maximum, for a pool (or client) that {@code created} makes, of {@code library}. */
    static PoolMaximum of(Expression created, PoolLibraries.Library library, JavaContext context) {
        List<MethodCallExpr> setters = new ArrayList<>();
        boolean configuredElsewhere = false;
        Optional<String> target = target(created);
        if (target.isPresent()) {
            setters.addAll(settersOn(target.get(), scopeOf(created, created.getParentNode().orElse(created))));
        }
        if (created instanceof NodeWithArguments<?> withArguments) {
            for (Expression arg : withArguments.getArguments()) {
                boolean configuration = context.types().typeOf(arg)
                        .filter(t -> context.types().isSubtypeOfAny(t, CONFIGURATIONS)).isPresent();
                if (!configuration || arg instanceof ObjectCreationExpr) {
                    continue; // not a configuration, or a fresh one that nothing configures
                }
                Optional<Expression> init = arg instanceof NameExpr n ? context.types().initializerOf(n)
                        : Optional.empty();
                if (init.isEmpty() || !(init.get() instanceof ObjectCreationExpr)) {
                    configuredElsewhere = true; // a parameter, a field set elsewhere, a factory's result
                }
                if (arg instanceof NameExpr n) {
                    setters.addAll(settersOn(n.getNameAsString(), scopeOf(created, init.map(i -> (Node) i)
                            .orElse(created))));
                }
            }
        }
        Optional<MethodCallExpr> last = setters.stream().max(Comparator.comparing(
                c -> c.getBegin().orElseThrow(), Comparator.naturalOrder()));
        if (last.isPresent()) {
            Optional<Long> value = context.constants().longValue(last.get().getArgument(0));
            return value.map(v -> new PoolMaximum(Kind.SET_IN_CODE, v, library))
                    .orElse(new PoolMaximum(Kind.UNKNOWN, 0, library));
        }
        return configuredElsewhere ? new PoolMaximum(Kind.UNKNOWN, 0, library)
                : new PoolMaximum(Kind.LIBRARY_DEFAULT, library.defaultMax, library);
    }

    /** "up to 1, set in code", "up to 8 by default", or what stands for an unknown maximum. */
    String describe() {
        return switch (kind) {
            case SET_IN_CODE -> "up to " + PoolMessages.number(value) + ", set in code";
            case LIBRARY_DEFAULT -> "up to " + PoolMessages.number(value) + " by default";
            case UNKNOWN -> "up to the maximum its configuration sets";
        };
    }

    /** The variable or field the created pool is stored in. */
    private static Optional<String> target(Expression created) {
        Optional<Node> parent = created.getParentNode();
        if (parent.isPresent() && parent.get() instanceof VariableDeclarator v) {
            return Optional.of(v.getNameAsString());
        }
        if (parent.isPresent() && parent.get() instanceof AssignExpr a) {
            Expression t = a.getTarget();
            return t instanceof NameExpr n ? Optional.of(n.getNameAsString())
                    : t instanceof FieldAccessExpr f ? Optional.of(f.getNameAsString()) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Where a variable declared at {@code declaration} is visible: its method, or its class for a field. */
    @SuppressWarnings("rawtypes")
    private static Node scopeOf(Expression created, Node declaration) {
        Optional<CallableDeclaration> callable = declaration.findAncestor(CallableDeclaration.class);
        boolean field = callable.isEmpty() || declaration instanceof AssignExpr;
        Optional<TypeDeclaration> type = created.findAncestor(TypeDeclaration.class);
        return field ? type.map(t -> (Node) t).orElse(created) : callable.get();
    }

    /**
     * Size setters whose receiver chain starts at {@code name}: {@code name.setMaxTotal(..)},
     * {@code this.name.setMaxTotal(..)}, {@code name.useSingleServer().setConnectionPoolSize(..)}.
     */
    private static List<MethodCallExpr> settersOn(String name, Node scope) {
        return scope.findAll(MethodCallExpr.class, c -> PoolLibraries.SETTER_NAMES.contains(c.getNameAsString())
                && c.getArguments().size() == 1 && c.getScope().map(s -> rootIs(s, name)).orElse(false));
    }

    private static boolean rootIs(Expression scope, String name) {
        Expression e = scope;
        while (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
            e = m.getScope().get();
        }
        return e instanceof NameExpr n && n.getNameAsString().equals(name)
                || e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr && f.getNameAsString().equals(name);
    }
}
