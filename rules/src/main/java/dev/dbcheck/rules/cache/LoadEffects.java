package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.TypeResolver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a project method loads, as a method summary: from a database or a remote service
 * ({@link CacheApis#librarySlowSource}), itself or through the project methods it runs. Its own analysis, apart
 * from the cache reads, writes and guards of {@link CacheEffects}, because its effects need much less: a file
 * that reaches a database or remote client type, a MyBatis mapper or a repository by name ({@link #RELEVANCE}).
 * The cache rules ask for the loads of every call in a cache-miss branch, and elsewhere these summaries are
 * empty without being computed.
 */
final class LoadEffects implements EffectAnalysis<SlowSources.Load> {

    static final LoadEffects INSTANCE = new LoadEffects();

    /**
     * What {@link CacheApis#librarySlowSource} matches: the database and remote client types and every type of
     * the tables that extends one, MyBatis's {@code @Mapper}, and the repository and mapper name suffixes.
     */
    static final Relevance RELEVANCE = relevance();

    private LoadEffects() {}

    @Override
    public List<SlowSources.Load> local(MethodCallExpr call, TypeResolver types) {
        return SlowSources.librarySlowSource(call, types)
                .map(source -> List.of(new SlowSources.Load(source, CacheApis.describe(call))))
                .orElse(List.of());
    }

    private static Relevance relevance() {
        Set<String> clients = new HashSet<>(SlowSources.DATABASE_TYPES);
        clients.addAll(SlowSources.REMOTE_TYPES);
        Set<String> types = new HashSet<>(LibraryTypes.get().subtypesOf(clients));
        types.addAll(clients);
        types.add(SlowSources.MYBATIS_MAPPER);
        List<String> suffixes = new java.util.ArrayList<>(SlowSources.REPOSITORY_SUFFIXES);
        suffixes.add(SlowSources.MAPPER_SUFFIX);
        return Relevance.types(types).or(Relevance.suffixes(suffixes));
    }
}
