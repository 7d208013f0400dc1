package dev.dbcheck.flow;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The calls a piece of code makes, directly and through methods of its own class: {@code loadProduct(id)},
 * {@code this.loadProduct(id)} and {@code this::loadProduct} are followed into their bodies (to a small
 * depth), so a rule sees that a miss branch reaches {@code repository.findById(..)} through a helper. Each
 * reached call carries the chain of call sites that led to it, for questions such as "is any of them inside
 * a synchronized block?" or "does this lock call come before that load?".
 */
public final class CallReach {

    /** How many helper methods deep to follow. */
    public static final int MAX_DEPTH = 3;

    /** A call and the call sites (calls or method references to same-class helpers) on the way to it. */
    public record Reached(MethodCallExpr call, List<Node> via) {

        public Reached {
            via = List.copyOf(via);
        }

        /** The call sites from the analysed code down to the call itself. */
        public List<Node> chain() {
            List<Node> chain = new ArrayList<>(via);
            chain.add(call);
            return chain;
        }

        /** Whether some site of the chain (or the method that holds it) satisfies {@code enclosure}. */
        public boolean anySiteEnclosedBy(Predicate<Node> enclosure) {
            for (Node site : chain()) {
                if (CallReach.enclosedBy(site, enclosure)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether this call runs before {@code other} in program text: their chains are compared at the first
         * site where they differ, which is where both are in the same method.
         */
        public boolean precedes(Reached other) {
            return CallReach.precedes(chain(), other.chain());
        }
    }

    private CallReach() {}

    /** Every call in {@code nodes} and, through same-class helpers, in the methods they call. */
    public static List<Reached> calls(List<? extends Node> nodes) {
        List<Reached> out = new ArrayList<>();
        Set<Node> active = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : nodes) {
            collect(n, new ArrayList<>(), active, out);
        }
        return out;
    }

    private static void collect(Node root, List<Node> via, Set<Node> active, List<Reached> out) {
        for (Node n : root.findAll(Node.class, x -> x instanceof MethodCallExpr || x instanceof MethodReferenceExpr)) {
            if (n instanceof MethodCallExpr call) {
                out.add(new Reached(call, via));
            }
            if (via.size() >= MAX_DEPTH) {
                continue;
            }
            Optional<CallableDeclaration<?>> helper = helperOf(n);
            if (helper.isPresent() && active.add(helper.get())) {
                List<Node> deeper = new ArrayList<>(via);
                deeper.add(n);
                bodyOf(helper.get()).ifPresent(body -> collect(body, deeper, active, out));
                active.remove(helper.get());
            }
        }
    }

    /** The method of the enclosing class(es) that a call or method reference runs, if it is one. */
    static Optional<CallableDeclaration<?>> helperOf(Node site) {
        String name;
        int arity;
        if (site instanceof MethodCallExpr call) {
            if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
                return Optional.empty();
            }
            name = call.getNameAsString();
            arity = call.getArguments().size();
        } else if (site instanceof MethodReferenceExpr ref) {
            Expression scope = ref.getScope();
            if (!(scope instanceof ThisExpr) && !(scope instanceof TypeExpr)) {
                return Optional.empty();
            }
            name = ref.getIdentifier();
            arity = -1;
            if (scope instanceof TypeExpr t) {
                Optional<TypeDeclaration> owner = site.findAncestor(TypeDeclaration.class);
                if (owner.isEmpty() || !owner.get().getNameAsString().equals(t.getType().asString())) {
                    return Optional.empty();
                }
            }
        } else {
            return Optional.empty();
        }
        Node n = site.getParentNode().orElse(null);
        while (n != null) {
            if (n instanceof TypeDeclaration<?> type) {
                Optional<CallableDeclaration<?>> m = declared(type.getMembers(), name, arity);
                if (m.isPresent()) {
                    return m;
                }
            } else if (n instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
                Optional<CallableDeclaration<?>> m = declared(anonymous.getAnonymousClassBody().get(), name, arity);
                if (m.isPresent()) {
                    return m;
                }
            }
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    private static Optional<CallableDeclaration<?>> declared(List<BodyDeclaration<?>> members, String name, int arity) {
        for (BodyDeclaration<?> member : members) {
            if (member instanceof MethodDeclaration m && m.getNameAsString().equals(name)
                    && (arity < 0 || m.getParameters().size() == arity || (!m.getParameters().isEmpty()
                            && m.getParameters().getLast().get().isVarArgs() && arity >= m.getParameters().size() - 1))
                    && m.getBody().isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Optional<Node> bodyOf(CallableDeclaration<?> callable) {
        return callable instanceof MethodDeclaration m ? m.getBody().map(b -> (Node) b) : Optional.empty();
    }

    /** The method, constructor or lambda whose body holds {@code node}. */
    public static Optional<CallableDeclaration<?>> enclosingCallable(Node node) {
        return node.findAncestor(CallableDeclaration.class).map(c -> (CallableDeclaration<?>) c);
    }

    /**
     * Whether {@code node}, or an ancestor up to and including its enclosing method, satisfies
     * {@code enclosure}.
     */
    public static boolean enclosedBy(Node node, Predicate<Node> enclosure) {
        Node n = node;
        while (n != null) {
            if (enclosure.test(n)) {
                return true;
            }
            if (n instanceof CallableDeclaration<?>) {
                return false;
            }
            n = n.getParentNode().orElse(null);
        }
        return false;
    }

    /** A {@code synchronized} block, or a {@code synchronized} method. */
    public static boolean isSynchronized(Node n) {
        return n instanceof SynchronizedStmt || (n instanceof MethodDeclaration m && m.isSynchronized());
    }

    /**
     * Whether {@code n} is a lambda or method reference passed as an argument to a call that
     * {@code receiver} accepts (say, the loader of {@code cache.get(key, loader)}).
     */
    public static boolean isFunctionArgumentOf(Node n, Predicate<MethodCallExpr> receiver) {
        if (!(n instanceof LambdaExpr) && !(n instanceof MethodReferenceExpr)) {
            return false;
        }
        return n.getParentNode().orElse(null) instanceof MethodCallExpr call
                && call.getArguments().stream().anyMatch(a -> a == n) && receiver.test(call);
    }

    /** Compares two chains of call sites at their first difference; false when one contains the other. */
    public static boolean precedes(List<Node> a, List<Node> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (a.get(i) != b.get(i)) {
                Optional<Position> pa = a.get(i).getBegin();
                Optional<Position> pb = b.get(i).getBegin();
                return pa.isPresent() && pb.isPresent() && pa.get().isBefore(pb.get());
            }
        }
        return false;
    }
}
