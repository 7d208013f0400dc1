package dev.dbcheck.types;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Matches calls by the declared type of their receiver and the method name, never by the name alone.
 * Rules keep their matchers as {@code static final} constants, one per API shape, which reads as a table:
 *
 * <pre>
 * static final MethodMatcher SCAN = MethodMatcher.instanceMethod()
 *         .onSubtypeOf("software.amazon.awssdk.services.dynamodb.DynamoDbClient")
 *         .named("scan", "scanPaginator");
 * </pre>
 *
 * <p>Matchers are immutable and thread-safe.
 */
public final class MethodMatcher {

    private final boolean isStatic;
    private final Set<String> owners;
    private final Set<String> names;
    private final IntPredicate arity;
    private final Set<String> evidenceArgumentTypes;

    private MethodMatcher(boolean isStatic, Set<String> owners, Set<String> names, IntPredicate arity,
            Set<String> evidenceArgumentTypes) {
        this.isStatic = isStatic;
        this.owners = owners;
        this.names = names;
        this.arity = arity;
        this.evidenceArgumentTypes = evidenceArgumentTypes;
    }

    /** Calls on an instance whose declared type is one of the owners (or a known subtype). */
    public static MethodMatcher instanceMethod() {
        return new MethodMatcher(false, Set.of(), Set.of(), n -> true, Set.of());
    }

    /** Static calls {@code Owner.m(..)}, or {@code m(..)} statically imported from the owner. */
    public static MethodMatcher staticMethod() {
        return new MethodMatcher(true, Set.of(), Set.of(), n -> true, Set.of());
    }

    public MethodMatcher onSubtypeOf(String... types) {
        return new MethodMatcher(isStatic, Set.of(types), names, arity, evidenceArgumentTypes);
    }

    public MethodMatcher named(String... methodNames) {
        return new MethodMatcher(isStatic, owners, Set.of(methodNames), arity, evidenceArgumentTypes);
    }

    public MethodMatcher withArgumentCount(int count) {
        return new MethodMatcher(isStatic, owners, names, n -> n == count, evidenceArgumentTypes);
    }

    public MethodMatcher withArgumentCount(IntPredicate count) {
        return new MethodMatcher(isStatic, owners, names, count, evidenceArgumentTypes);
    }

    /**
     * When the receiver's type cannot be resolved at all (a getter of another file, say), still match if an
     * argument's type is one of these unambiguous, package-qualified types (a DynamoDB {@code ScanRequest}).
     * A receiver resolved to any other type never matches.
     */
    public MethodMatcher orUnresolvedReceiverWithArgumentOf(String... types) {
        return new MethodMatcher(isStatic, owners, names, arity, Set.of(types));
    }

    public Set<String> names() {
        return names;
    }

    /** The receiver types and evidence argument types this matcher names (for the relevance filter). */
    public Set<String> owners() {
        Set<String> all = new java.util.HashSet<>(owners);
        all.addAll(evidenceArgumentTypes);
        return all;
    }

    public boolean matches(MethodCallExpr call, TypeResolver types) {
        if (!names.contains(call.getNameAsString()) || !arity.test(call.getArguments().size())) {
            return false;
        }
        return isStatic ? matchesStatic(call, types) : matchesInstance(call, types);
    }

    /** The owner type the call resolved to, for messages; empty when it does not match. */
    public Optional<String> matchedOwner(MethodCallExpr call, TypeResolver types) {
        if (!matches(call, types)) {
            return Optional.empty();
        }
        return call.getScope().flatMap(types::typeOf);
    }

    private boolean matchesInstance(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        Expression scope = call.getScope().get();
        if (types.typeReferencedBy(scope).isPresent()) {
            return false;
        }
        Optional<String> receiver = types.typeOf(scope);
        if (receiver.isPresent()) {
            return types.isSubtypeOfAny(receiver.get(), owners);
        }
        if (evidenceArgumentTypes.isEmpty()) {
            return false;
        }
        for (Expression argument : call.getArguments()) {
            Optional<String> t = types.typeOf(argument);
            if (t.isPresent() && evidenceArgumentTypes.contains(t.get())) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesStatic(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return types.staticImportOwner(call.getNameAsString()).filter(owners::contains).isPresent();
        }
        return types.typeReferencedBy(call.getScope().get()).filter(owners::contains).isPresent();
    }
}
