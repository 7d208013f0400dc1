package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a name occurs under a node (a method, a lambda): its uses ({@link NameExpr}) and its local declarations
 * ({@link VariableDeclarationExpr}), from one walk. {@link MissBranch} asks it which statements can test a
 * variable, for every call of a method in turn, instead of walking the rest of the method per call: the last
 * index is kept per thread (weakly: a collection only costs a walk again).
 */
final class NameOccurrences {

    private static final ThreadLocal<WeakReference<NameOccurrences>> LAST = new ThreadLocal<>();

    private final Node root;
    private final Map<String, List<Node>> byName = new HashMap<>();

    private NameOccurrences(Node root) {
        this.root = root;
        root.walk(n -> {
            if (n instanceof NameExpr e) {
                add(e.getNameAsString(), e);
            } else if (n instanceof VariableDeclarationExpr v) {
                for (VariableDeclarator d : v.getVariables()) {
                    add(d.getNameAsString(), v);
                }
            }
        });
    }

    /** The occurrences in the method or lambda around {@code from} (where {@link MissBranch} stops looking). */
    static NameOccurrences in(Node from) {
        Node root = from;
        while (!(root instanceof CallableDeclaration) && !(root instanceof LambdaExpr)
                && root.getParentNode().isPresent()) {
            root = root.getParentNode().get();
        }
        return of(root);
    }

    private static NameOccurrences of(Node root) {
        WeakReference<NameOccurrences> ref = LAST.get();
        NameOccurrences last = ref == null ? null : ref.get();
        if (last != null && last.root == root) {
            return last;
        }
        NameOccurrences made = new NameOccurrences(root);
        LAST.set(new WeakReference<>(made));
        return made;
    }

    private void add(String name, Node node) {
        byName.computeIfAbsent(name, k -> new ArrayList<>(2)).add(node);
    }

    /** Every node that holds a use or a local declaration of {@code name}, the occurrences themselves included. */
    Set<Node> containing(String name) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node occurrence : byName.getOrDefault(name, List.of())) {
            Node n = occurrence;
            while (n != null && out.add(n)) {
                n = n.getParentNode().orElse(null);
            }
        }
        return out;
    }
}
