package dev.dbcheck.types;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.UnaryExpr.Operator;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import dev.dbcheck.model.Literals;
import java.util.Optional;
import java.util.Set;

/**
 * Compile-time constant values, as far as one file can tell: literals and text blocks, {@code static final}
 * fields (and interface constants) of types declared in the file, local variables that are assigned once
 * from a constant, and {@code +} concatenations and arithmetic of those. {@code "user#" + id} is not a
 * constant. Values are {@link String}, {@link Long} (all integral types), {@link Double}, {@link Boolean}
 * or {@link Character}.
 */
public final class ConstantEvaluator {

    private static final int MAX_DEPTH = 2_000;

    private final TypeResolver types;
    private final Map<Expression, Optional<Object>> cache = new IdentityHashMap<>();
    private final Set<VariableDeclarator> inProgress = new HashSet<>();
    private int depth;

    public ConstantEvaluator(TypeResolver types) {
        this.types = types;
    }

    /** The constant value of an expression, or empty when it is not a compile-time constant. */
    public Optional<Object> value(Expression e) {
        Optional<Object> cached = cache.get(e);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        depth++;
        try {
            Optional<Object> v = compute(e);
            cache.put(e, v);
            return v;
        } finally {
            depth--;
        }
    }

    /** The constant string value of an expression (string constants only). */
    public Optional<String> stringValue(Expression e) {
        return value(e).filter(String.class::isInstance).map(String.class::cast);
    }

    /** The constant integral value of an expression. */
    public Optional<Long> longValue(Expression e) {
        return value(e).filter(Long.class::isInstance).map(Long.class::cast);
    }

    private Optional<Object> compute(Expression e) {
        Optional<Object> literal = Literals.value(e);
        if (literal.isPresent()) {
            return literal;
        }
        if (e instanceof EnclosedExpr en) {
            return value(en.getInner());
        }
        if (e instanceof CastExpr c) {
            return value(c.getExpression());
        }
        if (e instanceof UnaryExpr u) {
            Optional<Object> v = value(u.getExpression());
            if (u.getOperator() == Operator.MINUS && v.isPresent()) {
                if (v.get() instanceof Long l) {
                    return Optional.of(-l);
                }
                if (v.get() instanceof Double d) {
                    return Optional.of(-d);
                }
            }
            if (u.getOperator() == Operator.PLUS) {
                return v;
            }
            if (u.getOperator() == Operator.LOGICAL_COMPLEMENT && v.isPresent() && v.get() instanceof Boolean b) {
                return Optional.of(!b);
            }
            return Optional.empty();
        }
        if (e instanceof BinaryExpr b) {
            return binary(b);
        }
        if (e instanceof NameExpr n) {
            return nameValue(n);
        }
        if (e instanceof FieldAccessExpr f) {
            return fieldAccessValue(f);
        }
        return Optional.empty();
    }

    private Optional<Object> binary(BinaryExpr b) {
        Optional<Object> left = value(b.getLeft());
        if (left.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object> right = value(b.getRight());
        if (right.isEmpty()) {
            return Optional.empty();
        }
        Object l = left.get();
        Object r = right.get();
        switch (b.getOperator()) {
            case PLUS -> {
                if (l instanceof String || r instanceof String) {
                    return Optional.of(String.valueOf(l) + r);
                }
                if (l instanceof Long a && r instanceof Long c) {
                    return Optional.of(a + c);
                }
                if (l instanceof Number a && r instanceof Number c) {
                    return Optional.of(a.doubleValue() + c.doubleValue());
                }
                return Optional.empty();
            }
            case MINUS -> {
                return arithmetic(l, r, (a, c) -> a - c, (a, c) -> a - c);
            }
            case MULTIPLY -> {
                return arithmetic(l, r, (a, c) -> a * c, (a, c) -> a * c);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<Object> arithmetic(Object l, Object r, java.util.function.LongBinaryOperator longs,
            java.util.function.DoubleBinaryOperator doubles) {
        if (l instanceof Long a && r instanceof Long c) {
            return Optional.of(longs.applyAsLong(a, c));
        }
        if (l instanceof Number a && r instanceof Number c) {
            return Optional.of(doubles.applyAsDouble(a.doubleValue(), c.doubleValue()));
        }
        return Optional.empty();
    }

    private Optional<Object> nameValue(NameExpr n) {
        String name = n.getNameAsString();
        if (types.isLocal(n)) {
            return localValue(n, name);
        }
        Optional<TypeDeclaration> type = n.findAncestor(TypeDeclaration.class);
        while (type.isPresent()) {
            Optional<Object> v = constantField(type.get(), name);
            if (v.isPresent()) {
                return v;
            }
            // A constant inherited from a project supertype in another file (class Keys implements CacheConstants).
            Optional<Object> inherited = ((TypeDeclaration<?>) type.get()).getFullyQualifiedName()
                    .flatMap(t -> types.projectConstant(t, name)).map(Object.class::cast);
            if (inherited.isPresent()) {
                return inherited;
            }
            type = type.get().findAncestor(TypeDeclaration.class);
        }
        // A statically imported constant of a project type (import static a.CacheConstants.PREFIX).
        return types.staticImportOwner(name).flatMap(owner -> types.projectConstant(owner, name))
                .map(Object.class::cast);
    }

    private Optional<Object> fieldAccessValue(FieldAccessExpr f) {
        Optional<String> owner = types.typeReferencedBy(f.getScope());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Optional<TypeDeclaration<?>> local = types.declaration(owner.get()).map(t -> (TypeDeclaration<?>) t);
        if (local.isPresent()) {
            return constantField(local.get(), f.getNameAsString());
        }
        // A constant of a project type in another file, as its own file computed it.
        return types.projectConstant(owner.get(), f.getNameAsString()).map(Object.class::cast);
    }

    private Optional<Object> constantField(TypeDeclaration<?> type, String name) {
        for (FieldDeclaration field : type.getFields()) {
            boolean constant = field.isStatic() && field.isFinal()
                    || type.isClassOrInterfaceDeclaration()
                            && type.asClassOrInterfaceDeclaration().isInterface();
            for (VariableDeclarator v : field.getVariables()) {
                if (v.getNameAsString().equals(name)) {
                    return constant ? initializerValue(v) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A local whose only value is its constant initialiser (final, or effectively final). */
    private Optional<Object> localValue(NameExpr use, String name) {
        Optional<Expression> init = types.initializerOf(use);
        if (init.isEmpty()) {
            return Optional.empty();
        }
        Node body = use.findAncestor(CallableDeclaration.class).map(Node.class::cast)
                .orElse(use.findRootNode());
        for (AssignExpr assign : body.findAll(AssignExpr.class)) {
            if (assign.getTarget() instanceof NameExpr target && target.getNameAsString().equals(name)) {
                return Optional.empty();
            }
        }
        for (UnaryExpr u : body.findAll(UnaryExpr.class)) {
            if (u.getExpression() instanceof NameExpr target && target.getNameAsString().equals(name)
                    && (u.getOperator().isPostfix() || u.getOperator().isPrefix())
                    && u.getOperator() != Operator.MINUS && u.getOperator() != Operator.PLUS
                    && u.getOperator() != Operator.LOGICAL_COMPLEMENT
                    && u.getOperator() != Operator.BITWISE_COMPLEMENT) {
                return Optional.empty();
            }
        }
        return value(init.get());
    }

    private Optional<Object> initializerValue(VariableDeclarator v) {
        if (v.getInitializer().isEmpty() || !inProgress.add(v)) {
            return Optional.empty();
        }
        try {
            return value(v.getInitializer().get());
        } finally {
            inProgress.remove(v);
        }
    }
}
