package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * How the project invalidates cached values when the data changes, for {@link CacheEntryWithoutTtl}: the families
 * of Redis keys it deletes (by their constant prefix) and the Spring caches it evicts, and how a write names the same
 * family or cache.
 */
final class CacheInvalidations {

    private CacheInvalidations() {}

    /**
     * The project deletes keys starting with {@code keyPrefix}, as {@code how} says, in {@code method}; a
     * {@code keyPrefix} that starts with {@link #CACHE_NAME} names a Spring cache instead.
     */
    record Invalidation(String keyPrefix, String how, String method) {}

    /**
     * What a key starts with, as a prefix that names a family of keys: the constant text at the left of a
     * concatenation ({@code PREFIX + ":" + id}), of a local's initialiser, or of a {@code String.format} pattern up
     * to its first {@code %}; or, when the leading constant is declared outside the sources (a library's constants
     * class), the constant's name as written ({@link #UNRESOLVED} and {@code CacheConstant.SYS_CACHE}). Empty when
     * the key starts with a value or the text is too short to name a family of keys.
     */
    static Optional<String> keyPrefix(Expression key, ConstantEvaluator constants, TypeResolver types) {
        StringBuilder prefix = new StringBuilder();
        for (Expression part : keyParts(key, types)) {
            if (part instanceof MethodCallExpr format && format.getNameAsString().equals("format")
                    && format.getScope().filter(s -> s.toString().equals("String")).isPresent()
                    && !format.getArguments().isEmpty()) {
                constants.stringValue(format.getArgument(0))
                        .map(f -> f.contains("%") ? f.substring(0, f.indexOf('%')) : f).ifPresent(prefix::append);
                break;
            }
            Optional<String> text = constants.stringValue(part);
            if (text.isEmpty()) {
                if (prefix.length() == 0 && isConstantName(part)) {
                    return Optional.of(UNRESOLVED + part);
                }
                break;
            }
            prefix.append(text.get());
        }
        return prefix.chars().filter(Character::isLetter).count() >= 3 ? Optional.of(prefix.toString())
                : Optional.empty();
    }

    /**
     * Marks an {@link Invalidation} of one Spring cache by name (a keyed {@code @CacheEvict}): it invalidates values
     * put into that cache through the Spring API, not keys written by hand.
     */
    static final String CACHE_NAME = "\u0001";

    /**
     * The name of the Spring cache a {@code Cache.put} writes to: {@code getCache(NAME)} as the receiver, through a
     * local's initialiser or a helper method of the class that returns it ({@code paramsCache()}); the name as
     * {@link CacheNames} writes it (the constant's text, or the constant as written).
     */
    static Optional<String> springCacheName(Expression receiver, ConstantEvaluator constants, TypeResolver types) {
        Expression e = receiver;
        if (e instanceof NameExpr n && types.isLocal(n)) {
            e = types.initializerOf(n).orElse(e);
        }
        if (e instanceof MethodCallExpr helper && helper.getScope().isEmpty() && helper.getArguments().isEmpty()
                && !helper.getNameAsString().equals("getCache")) {
            Optional<Expression> returned = helper.findAncestor(TypeDeclaration.class)
                    .stream().flatMap(t -> ((TypeDeclaration<?>) t)
                            .getMethodsByName(helper.getNameAsString()).stream())
                    .filter(m -> m.getParameters().isEmpty())
                    .flatMap(m -> m.findAll(ReturnStmt.class).stream())
                    .flatMap(r -> r.getExpression().stream()).findFirst();
            e = returned.orElse(e);
        }
        if (e instanceof MethodCallExpr getCache && getCache.getNameAsString().equals("getCache")
                && getCache.getArguments().size() == 1) {
            Expression name = getCache.getArgument(0);
            return Optional.of(constants.stringValue(name).orElse(name.toString()));
        }
        return Optional.empty();
    }

    /**
     * The parts a key is concatenated from, left to right ({@code PREFIX}, {@code ":"}, {@code id}), seen through a
     * local's initialiser; one part when the key is not a concatenation.
     */
    static Deque<Expression> keyParts(Expression key, TypeResolver types) {
        Expression e = key;
        if (e instanceof NameExpr n && types.isLocal(n)) {
            e = types.initializerOf(n).orElse(e);
        }
        Deque<Expression> parts = new ArrayDeque<>();
        while (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            parts.push(b.getRight());
            e = b.getLeft();
        }
        parts.push(e);
        return parts;
    }

    /** Marks a prefix that is a constant's name, not its text: it matches only the same name. */
    static final String UNRESOLVED = "\u0000";

    /** {@code SYS_CACHE} or {@code CacheConstant.SYS_CACHE}: a name in upper case, by Java's convention a constant. */
    private static boolean isConstantName(Expression e) {
        String name = e instanceof NameExpr n ? n.getNameAsString()
                : e instanceof FieldAccessExpr f ? f.getNameAsString() : "";
        return name.length() > 2 && name.equals(name.toUpperCase(Locale.ROOT))
                && name.chars().anyMatch(Character::isLetter);
    }

}
