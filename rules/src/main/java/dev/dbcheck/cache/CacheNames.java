package dev.dbcheck.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.ConstantEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names of Spring caches as annotations and calls write them, and the wholesale evictions of a cache in the
 * same class: {@code @CacheEvict(allEntries = true)} on a method, {@code cacheManager.getCache(NAME).clear()}.
 * A wholesale eviction empties every key at once, so after it every hot key misses at the same moment: for a
 * cache with shared keys that is what makes the misses simultaneous, and the finding names it.
 */
public final class CacheNames {

    private CacheNames() {}

    /** The cache names of a cache annotation ({@code value} / {@code cacheNames}), as constants or as written. */
    public static Set<String> of(AnnotationExpr annotation, ConstantEvaluator constants) {
        Set<String> names = new LinkedHashSet<>();
        for (String member : List.of("value", "cacheNames")) {
            Optional<Expression> value = Annotations.member(annotation, member);
            if (value.isEmpty()) {
                continue;
            }
            List<Expression> items = value.get() instanceof ArrayInitializerExpr array
                    ? array.getValues() : List.of(value.get());
            for (Expression item : items) {
                names.add(constants.stringValue(item).orElse(item.toString()));
            }
        }
        return names;
    }

    /**
     * A wholesale eviction: where it is (the method), and what it is ({@code @CacheEvict(allEntries=true)},
     * {@code Cache.clear()}).
     */
    public record Eviction(String what, String method) {
        /** For the message: {@code @CacheEvict(allEntries=true) on reload()}. */
        public String describe() {
            return what + " on " + method + "()";
        }

        /** For the evidence, without spaces: {@code @CacheEvict(allEntries=true):reload()}. */
        public String evidence() {
            return what + ":" + method + "()";
        }
    }

    /** A wholesale eviction of one of {@code names} in the class that declares {@code from} (and its nested classes). */
    public static Optional<Eviction> wholesaleEviction(Node from, Set<String> names, ConstantEvaluator constants) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Optional<TypeDeclaration<?>> type = from.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<Eviction> found = new ArrayList<>();
        for (MethodDeclaration method : type.get().findAll(MethodDeclaration.class)) {
            for (AnnotationExpr a : method.getAnnotations()) {
                if (a.getNameAsString().endsWith("CacheEvict") && isTrue(a, "allEntries", constants)
                        && of(a, constants).stream().anyMatch(names::contains)) {
                    found.add(new Eviction("@CacheEvict(allEntries=true)", method.getNameAsString()));
                }
            }
            for (MethodCallExpr clear : method.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("clear")
                    && c.getArguments().isEmpty() && c.getScope().filter(MethodCallExpr.class::isInstance).isPresent())) {
                MethodCallExpr getCache = (MethodCallExpr) clear.getScope().get();
                if (getCache.getNameAsString().equals("getCache") && getCache.getArguments().size() == 1
                        && names.contains(constants.stringValue(getCache.getArgument(0))
                                .orElse(getCache.getArgument(0).toString()))) {
                    found.add(new Eviction("Cache.clear()", method.getNameAsString()));
                }
            }
        }
        return found.stream().findFirst();
    }

    private static boolean isTrue(AnnotationExpr annotation, String member, ConstantEvaluator constants) {
        return Annotations.member(annotation, member).flatMap(constants::value).filter(Boolean.TRUE::equals)
                .isPresent();
    }
}
