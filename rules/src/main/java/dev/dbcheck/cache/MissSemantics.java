package dev.dbcheck.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Miss-branch semantics: whether the code that runs on a cache miss is a cache-aside load. Cache-aside means:
 * read key K from store S; on a miss load V from a slow source; write V to S under K. Not a load:
 *
 * <ul>
 *   <li>a branch that creates what is missing (a user provisioned on first login, a dictionary term or a table
 *       partition added on first use, {@code findOrCreate}): a miss means "does not exist yet", and a
 *       create-call runs ({@link #creation});
 *   <li>a write-back of something other than the loaded value (a flag, a timestamp): the written value is not
 *       built from the load ({@link #writesLoadedValue});
 *   <li>a miss path run by a single scheduled refresher ({@code @Scheduled}, a task given to
 *       {@code scheduleWithFixedDelay}): requests only read what it keeps fresh, and one thread cannot stampede
 *       ({@link #scheduledRefresher}).
 * </ul>
 */
public final class MissSemantics {

    private MissSemantics() {}

    /** Name prefixes of calls that create or store what was missing (after an optional {@code do}). */
    static final List<String> CREATE_PREFIXES = List.of("create", "insert", "save", "register", "provision",
            "persist");

    /** Executor calls that run their task again and again on one scheduler thread. */
    static final Set<String> SCHEDULE_CALLS = Set.of("scheduleWithFixedDelay", "scheduleAtFixedRate");

    /**
     * The first call on the miss path (other than the cache writes, which {@code cacheWrite} recognises) that
     * creates what is missing, in words.
     */
    public static Optional<String> creation(List<CallReach.Reached> inMiss, Predicate<MethodCallExpr> cacheWrite,
            TypeResolver types) {
        for (CallReach.Reached r : inMiss) {
            MethodCallExpr call = r.call();
            if (isCreation(call.getNameAsString()) && !QUERY_BUILDERS.contains(call.getNameAsString())
                    && !libraryBuilder(call, types) && !cacheWrite.test(call)) {
                return Optional.of(call.getNameAsString() + "(..)");
            }
        }
        return Optional.empty();
    }

    /** Library calls named like creation that build a query or an object: {@code example.createCriteria()}. */
    static final Set<String> QUERY_BUILDERS = Set.of("createCriteria", "createQuery", "createNativeQuery",
            "createNamedQuery", "createStatement", "createSQLQuery", "createAlias", "createBuilder", "addAll");

    /**
     * A call on a library type that stores nothing in a database (a builder, a collection's {@code add}): the
     * creation that matters is the project's own ({@code createTerm}, {@code doCreateProfile}) or a data-access
     * type's ({@code repository.save}).
     */
    private static boolean libraryBuilder(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        Optional<String> type = types.typeOf(call.getScope().get());
        return type.isPresent() && !types.model().contains(type.get()) && types.library().isKnown(type.get())
                && !DATA_ACCESS.stream().anyMatch(t -> types.isSubtype(type.get(), t));
    }

    /** Library types whose creations are rows: a save through them is a creation. */
    static final List<String> DATA_ACCESS = List.of("org.springframework.data.repository.Repository",
            "com.baomidou.mybatisplus.core.mapper.Mapper", "com.baomidou.mybatisplus.extension.service.IService",
            "jakarta.persistence.EntityManager", "javax.persistence.EntityManager", "org.hibernate.Session",
            "org.springframework.jdbc.core.JdbcOperations", "org.apache.ibatis.session.SqlSession");

    static boolean isCreation(String name) {
        String n = name.startsWith("do") && name.length() > 2 && Character.isUpperCase(name.charAt(2))
                ? name.substring(2) : name;
        String lower = n.toLowerCase(Locale.ROOT);
        for (String prefix : CREATE_PREFIXES) {
            if (lower.startsWith(prefix) && (n.length() == prefix.length()
                    || Character.isUpperCase(n.charAt(prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code write} stores the loaded value: an argument of it is built from the load (the load's call,
     * or the call site that reaches it, is among what builds it: {@link ValueFlow#sources}), or the write runs
     * inside the helper that loads (a {@code loadAndCache(id)}).
     */
    public static boolean writesLoadedValue(CallReach.Reached write, CallReach.Reached load, ValueFlow flow) {
        List<Node> sites = load.chain();
        for (Node site : write.chain()) {
            if (sites.contains(site)) {
                return true;
            }
        }
        for (Expression value : write.call().getArguments()) {
            for (Expression source : flow.sources(value)) {
                for (Node site : sites) {
                    if (source == site || source.isAncestorOf(site)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code node} runs on a single scheduled refresher rather than for each request. */
    public static boolean scheduledRefresher(Node node) {
        Optional<MethodDeclaration> method = node.findAncestor(MethodDeclaration.class);
        if (method.isPresent() && method.get().getAnnotations().stream()
                .anyMatch(a -> a.getNameAsString().endsWith("Scheduled"))) {
            return true;
        }
        return CallReach.enclosedBy(node, n -> (n instanceof LambdaExpr || n instanceof MethodReferenceExpr)
                && n.getParentNode().filter(MethodCallExpr.class::isInstance).map(MethodCallExpr.class::cast)
                        .filter(c -> SCHEDULE_CALLS.contains(c.getNameAsString())).isPresent());
    }
}
