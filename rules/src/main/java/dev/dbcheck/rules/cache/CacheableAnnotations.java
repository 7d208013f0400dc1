package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link CacheableWithoutSync} reads from a cache annotation: whether it coalesces misses (Spring
 * {@code sync}, Micronaut {@code atomic}), and why Spring would reject {@code sync = true} on it.
 */
final class CacheableAnnotations {

    static final String SPRING_CACHEABLE = "org.springframework.cache.annotation.Cacheable";
    static final String MICRONAUT_CACHEABLE = "io.micronaut.cache.annotation.Cacheable";

    /** Each annotation that caches without coalescing by default, and the member that turns coalescing on. */
    static final Map<String, String> COALESCING_MEMBER = Map.of(
            SPRING_CACHEABLE, "sync",
            MICRONAUT_CACHEABLE, "atomic");

    private CacheableAnnotations() {}

    /** The coalescing member ("sync", "atomic") when this is a cache annotation that needs one. */
    static Optional<String> coalescingMember(AnnotationExpr annotation, TypeResolver types) {
        String written = annotation.getNameAsString();
        if (!written.equals("Cacheable") && !written.endsWith(".Cacheable")) {
            return Optional.empty();
        }
        return types.resolveName(written).map(COALESCING_MEMBER::get);
    }

    static final String SPRING_CACHE_EVICT = "org.springframework.cache.annotation.CacheEvict";

    /** Spring annotations that, on the same method, make Spring reject {@code sync = true}. */
    static final Set<String> CACHE_WRITERS = Set.of("org.springframework.cache.annotation.CachePut",
            SPRING_CACHE_EVICT, "org.springframework.cache.annotation.Caching");

    /**
     * Why Spring rejects {@code sync = true} on this {@code @Cacheable}, in words, if it does: it allows no
     * {@code unless}, a single cache name, and no other cache operation on the method.
     */
    static Optional<String> syncNotAllowed(AnnotationExpr annotation, MethodDeclaration method, TypeResolver types) {
        if (!types.resolveName(annotation.getNameAsString()).orElse("").equals(SPRING_CACHEABLE)) {
            return Optional.empty();
        }
        if (Annotations.member(annotation, "unless").isPresent()) {
            return Optional.of("unless");
        }
        for (String names : List.of("value", "cacheNames")) {
            if (Annotations.member(annotation, names).filter(ArrayInitializerExpr.class::isInstance)
                    .filter(v -> ((ArrayInitializerExpr) v).getValues().size() > 1).isPresent()) {
                return Optional.of("several caches");
            }
        }
        for (AnnotationExpr other : method.getAnnotations()) {
            Optional<String> name = types.resolveName(other.getNameAsString()).filter(CACHE_WRITERS::contains);
            if (name.isPresent()) {
                return Optional.of("@" + name.get().substring(name.get().lastIndexOf('.') + 1));
            }
        }
        return Optional.empty();
    }

    /** Spring's {@code @CacheEvict}, as written (a name dbcheck cannot resolve counts: the simple name is distinctive). */
    static boolean isCacheEvict(AnnotationExpr annotation, TypeResolver types) {
        return annotation.getName().getIdentifier().equals("CacheEvict")
                && types.resolveName(annotation.getNameAsString()).orElse(SPRING_CACHE_EVICT)
                        .equals(SPRING_CACHE_EVICT);
    }

    static boolean isTrue(AnnotationExpr annotation, String member, ConstantEvaluator constants) {
        return Annotations.member(annotation, member).flatMap(constants::value).filter(Boolean.TRUE::equals)
                .isPresent();
    }
}
