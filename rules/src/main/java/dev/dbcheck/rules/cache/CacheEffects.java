package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a project method does in cache-stampede terms, as a method summary: reads or probes a cache store,
 * writes one, or takes a guard (a lock, a SET NX lease); its loads are {@link LoadEffects}. A call to
 * the project's own {@code RedisUtils.get(key, type)} is thereby a Redis read at the caller's line, a
 * {@code userService.load(id)} that reaches a repository is a database load, wrappers of wrappers included
 * ({@link MethodSummaries#MAX_DEPTH} deep).
 */
final class CacheEffects implements EffectAnalysis<CacheEffects.Effect> {

    static final CacheEffects INSTANCE = new CacheEffects();

    enum Kind { READ, PROBE, WRITE, GUARD }

    /**
     * @param store the cache store of a read, probe or write (null otherwise)
     * @param via the library call, as the message names it
     * @param keyParameter the index of the summarised method's parameter that the key comes from, or -1
     */
    record Effect(Kind kind, CacheApis.Store store, String via, int keyParameter) {}

    private CacheEffects() {}

    @Override
    public List<Effect> local(MethodCallExpr call, TypeResolver types) {
        List<Effect> out = new ArrayList<>();
        // A map held by a project class is a lookup table as often as a cache (registries, indexes): it is a
        // cache only where the rule sees it used as one, in the method itself, not through a wrapper.
        Optional<CacheApis.Read> read = CacheApis.libraryRead(call, types).filter(r -> r.store() != CacheApis.Store.MAP);
        Optional<CacheApis.Store> write = CacheApis.libraryWriteStore(call, types)
                .filter(store -> store != CacheApis.Store.MAP);
        boolean guard = CacheGuards.isGuardAcquire(call, types, new ValueFlow(types));
        if (read.isEmpty() && write.isEmpty() && !guard) {
            return out;
        }
        // Printed only for a call that has an effect: printing a node is costly, and most calls have none.
        String via = CacheApis.describe(call);
        read.ifPresent(r -> out.add(new Effect(r.probe() ? Kind.PROBE : Kind.READ, r.store(), via,
                keyParameter(call))));
        write.ifPresent(store -> out.add(new Effect(Kind.WRITE, store, via, keyParameter(call))));
        if (guard) {
            out.add(new Effect(Kind.GUARD, null, via, -1));
        }
        return out;
    }

    /** Which parameter of the enclosing method the first argument (the key) is, if it is one as written. */
    private static int keyParameter(MethodCallExpr call) {
        if (call.getArguments().isEmpty() || !(call.getArgument(0) instanceof NameExpr name)) {
            return -1;
        }
        return call.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
                .map(m -> {
                    for (int i = 0; i < m.getParameters().size(); i++) {
                        if (((com.github.javaparser.ast.body.Parameter) m.getParameter(i)).getNameAsString()
                                .equals(name.getNameAsString())) {
                            return i;
                        }
                    }
                    return -1;
                }).orElse(-1);
    }
}
