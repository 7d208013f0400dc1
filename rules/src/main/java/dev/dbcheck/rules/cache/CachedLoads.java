package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.types.Annotations;
import java.util.ArrayList;
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

    /**
     * Whether {@code method} only forwards to another {@code @Cacheable} method of the project with the same cache
     * and the same key (its body one call, given the method's own parameters in order): the stampede is the
     * other method's, and one finding is enough. The callee is the called method or, for an interface method,
     * one of its implementations.
     */
    static boolean forwardsToCached(MethodDeclaration method, AnnotationExpr annotation, TypeResolver types,
            MethodSummaries summaries) {
        Optional<MethodCallExpr> call = onlyCall(method);
        if (call.isEmpty() || !passesParameters(call.get(), method)) {
            return false;
        }
        Optional<MethodInfo> target = summaries.target(call.get(), types);
        if (target.isEmpty()) {
            return false;
        }
        List<MethodInfo> candidates = new ArrayList<>();
        candidates.add(target.get());
        candidates.addAll(summaries.model().overridersOf(target.get()));
        String names = cacheNames(annotation);
        String key = Annotations.member(annotation, "key").map(Object::toString).orElse("");
        for (MethodInfo candidate : candidates) {
            Optional<MethodDeclaration> callee = summaries.declaration(candidate)
                    .filter(MethodDeclaration.class::isInstance).map(MethodDeclaration.class::cast);
            if (callee.isEmpty() || callee.get() == method) {
                continue;
            }
            for (AnnotationExpr other : callee.get().getAnnotations()) {
                if (other.getNameAsString().endsWith("Cacheable") && cacheNames(other).equals(names)
                        && Annotations.member(other, "key").map(Object::toString).orElse("").equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The single call a method's body makes, as {@code return call;} or {@code call;}. */
    private static Optional<MethodCallExpr> onlyCall(MethodDeclaration method) {
        if (method.getBody().isEmpty() || method.getBody().get().getStatements().size() != 1) {
            return Optional.empty();
        }
        Statement only = method.getBody().get().getStatement(0);
        Optional<Expression> e = only instanceof ReturnStmt r ? r.getExpression()
                : only instanceof ExpressionStmt s ? Optional.of(s.getExpression()) : Optional.empty();
        return e.filter(MethodCallExpr.class::isInstance).map(MethodCallExpr.class::cast);
    }

    private static boolean passesParameters(MethodCallExpr call, MethodDeclaration method) {
        if (call.getArguments().size() != method.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < call.getArguments().size(); i++) {
            if (!call.getArgument(i).toString().equals(method.getParameter(i).getNameAsString())) {
                return false;
            }
        }
        return true;
    }

    /** The cache names as written, each by its last segment ({@code CacheConstant.SYS_DICT} is SYS_DICT). */
    private static String cacheNames(AnnotationExpr annotation) {
        List<String> names = new ArrayList<>();
        for (String member : List.of("value", "cacheNames")) {
            Annotations.member(annotation, member).ifPresent(v -> {
                String text = v.toString();
                names.add(text.substring(text.lastIndexOf('.') + 1));
            });
        }
        return String.join(",", names);
    }

    /** What the method loads from; empty when it does not load from a slower source. */
    static Optional<Load> loadOf(MethodDeclaration method, TypeResolver types, MethodSummaries summaries) {
        if (method.getBody().isPresent()) {
            for (CallReach.Reached reached : CallReach.calls(List.of(method.getBody().get()))) {
                Optional<SlowSources.Load> source = SlowSources.slowSource(reached.call(), types, summaries);
                if (source.isPresent()) {
                    String described = CacheApis.describe(reached.call());
                    return Optional.of(new Load(source.get().source(), SlowSources.what(source.get().source())
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
