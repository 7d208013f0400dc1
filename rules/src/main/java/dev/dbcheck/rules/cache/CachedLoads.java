package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a cached method loads from, for {@link CacheableWithoutSync}: a database or remote call its body reaches,
 * or (for a method without a body) the query of the Spring Data repository or MyBatis mapper it belongs to.
 */
final class CachedLoads {

    /** What makes an interface a Spring Data repository besides extending one. */
    static final Set<String> REPOSITORY_ANNOTATIONS = Set.of("org.springframework.stereotype.Repository",
            "org.springframework.data.repository.RepositoryDefinition");
    static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

    static final String MYBATIS_PLUS_MAPPER = "com.baomidou.mybatisplus.core.mapper.Mapper";

    private CachedLoads() {}

    /** A load: the kind of source ("database", "remote service") and how the method reaches it, in words. */
    record Load(String source, String words) {}

    /** What the method loads from; empty when it does not load from a slower source. */
    static Optional<Load> loadOf(MethodDeclaration method, TypeResolver types, MethodSummaries summaries) {
        if (method.getBody().isPresent()) {
            for (CallReach.Reached reached : CallReach.calls(List.of(method.getBody().get()))) {
                Optional<SlowSources.Load> source = SlowSources.slowSource(reached.call(), types, summaries);
                if (source.isPresent()) {
                    String described = CacheApis.describe(reached.call());
                    return Optional.of(new Load(source.get().source(), "loads from the " + source.get().source()
                            + " with " + described
                            + (source.get().via().equals(described) ? "" : " (through " + source.get().via() + ")")));
                }
            }
            return Optional.empty();
        }
        Optional<ClassOrInterfaceDeclaration> owner = method.findAncestor(ClassOrInterfaceDeclaration.class)
                .filter(ClassOrInterfaceDeclaration::isInterface);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        if (isSpringDataRepository(owner.get(), types)) {
            return Optional.of(new Load("database", "runs a query of the Spring Data repository "
                    + owner.get().getNameAsString()));
        }
        if (isMyBatisMapper(owner.get(), types)) {
            return Optional.of(new Load("database", "runs a query of the MyBatis mapper "
                    + owner.get().getNameAsString()));
        }
        return Optional.empty();
    }

    /**
     * A Spring Data repository by what it extends ({@code Repository} and its subtypes, through project
     * interfaces in other files too) or by {@code @Repository} / {@code @RepositoryDefinition}; never by name.
     */
    static boolean isSpringDataRepository(ClassOrInterfaceDeclaration owner, TypeResolver types) {
        for (ClassOrInterfaceType parent : owner.getExtendedTypes()) {
            if (types.resolve(parent).filter(t -> types.isSubtype(t, SPRING_DATA_REPOSITORY)).isPresent()) {
                return true;
            }
        }
        return annotatedWithAny(owner, REPOSITORY_ANNOTATIONS, types);
    }

    /** A MyBatis mapper: annotated {@code @Mapper}, or a MyBatis-Plus {@code BaseMapper}. */
    static boolean isMyBatisMapper(ClassOrInterfaceDeclaration owner, TypeResolver types) {
        for (ClassOrInterfaceType parent : owner.getExtendedTypes()) {
            if (types.resolve(parent).filter(t -> types.isSubtype(t, MYBATIS_PLUS_MAPPER)).isPresent()) {
                return true;
            }
        }
        return annotatedWithAny(owner, Set.of(SlowSources.MYBATIS_MAPPER), types);
    }

    private static boolean annotatedWithAny(ClassOrInterfaceDeclaration owner, Set<String> annotations,
            TypeResolver types) {
        for (AnnotationExpr a : owner.getAnnotations()) {
            if (types.resolveName(a.getNameAsString()).filter(annotations::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
