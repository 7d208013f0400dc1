package dev.dbcheck.model;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.types.TypeResolver;
import java.util.List;

/**
 * One kind of method summary, owned by the rules that use it: what a call to a library API does, in the
 * rule's own terms {@code E} (a cache read of a store, a database load, a pool built). {@link MethodSummaries}
 * applies it to every call in a project method's body and, through calls to other project methods, to their
 * summaries, so a rule sees a project wrapper's call as the library call it wraps. Implementations are
 * stateless and used as identity keys of the memo: keep one instance per analysis ({@code static final}).
 *
 * @param <E> an immutable effect value with {@code equals}
 */
public interface EffectAnalysis<E> {

    /** The effects of one call whose target is not a project method (a library call), in its method's body. */
    List<E> local(MethodCallExpr call, TypeResolver types);

    /**
     * An effect of {@code callee} as seen at {@code call} (say, mapping the callee's key parameter to the
     * caller's argument); the default keeps it as it is.
     */
    default E lift(E effect, MethodCallExpr call, MethodInfo callee) {
        return effect;
    }

    /** Whether {@link #creation} can give effects: only then are a method's {@code new} expressions read. */
    default boolean seesCreations() {
        return false;
    }

    /**
     * The effects of creating an object ({@code new PageCursor(client, request)}) in a method's body: say, a request
     * its constructor keeps for a scan the object runs later. {@code summaries} gives the created class's declaration.
     */
    default List<E> creation(ObjectCreationExpr create, TypeResolver types, MethodSummaries summaries) {
        return List.of();
    }
}
