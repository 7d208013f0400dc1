package dev.dbcheck.cache;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.ConstantEvaluator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names of Spring caches as cache annotations write them. (The wholesale evictions of a cache, anywhere in the
 * project, are facts of {@code CacheableWithoutSync}: they are known only once every file is read.)
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
}
