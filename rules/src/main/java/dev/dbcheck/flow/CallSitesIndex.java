package dev.dbcheck.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The method calls, method references and object creations of one tree, each kind in pre-order (the order of
 * {@code findAll}), the calls and references by name: what {@code entrypoints/CallGraph} asks of a file for every
 * method whose callers it looks for, and {@link StartupCode} of a type for a method's own callers, without a walk
 * of the tree per method. The engine builds it in the walk that readies a
 * parsed tree for sharing and keeps it with the tree ({@link #KEY}); a tree without one is walked here.
 */
public final class CallSitesIndex {

    /** Set on a tree before it is shared between threads, never changed after. */
    public static final DataKey<CallSitesIndex> KEY = new DataKey<>() {};

    private final Map<String, List<MethodCallExpr>> calls = new HashMap<>();
    private final Map<String, List<MethodReferenceExpr>> references = new HashMap<>();
    private final List<ObjectCreationExpr> creations = new ArrayList<>();

    /** Takes one node of a tree; the nodes come in pre-order. */
    public void add(Node node) {
        if (node instanceof MethodCallExpr c) {
            calls.computeIfAbsent(c.getNameAsString(), k -> new ArrayList<>(2)).add(c);
        } else if (node instanceof MethodReferenceExpr r) {
            references.computeIfAbsent(r.getIdentifier(), k -> new ArrayList<>(2)).add(r);
        } else if (node instanceof ObjectCreationExpr o) {
            creations.add(o);
        }
    }

    /** The tree's index: the one kept with it, or one made by a walk now. */
    public static CallSitesIndex of(CompilationUnit cu) {
        if (cu.containsData(KEY)) {
            return cu.getData(KEY);
        }
        CallSitesIndex index = new CallSitesIndex();
        cu.walk(index::add);
        return index;
    }

    /** The names the tree calls, refers to as methods, or creates (by the created type's simple name). */
    public Set<String> writtenNames() {
        Set<String> out = new HashSet<>(calls.keySet());
        out.addAll(references.keySet());
        for (ObjectCreationExpr o : creations) {
            out.add(o.getType().getNameAsString());
        }
        return out;
    }

    public List<MethodCallExpr> calls(String name) {
        return calls.getOrDefault(name, List.of());
    }

    public List<MethodReferenceExpr> references(String name) {
        return references.getOrDefault(name, List.of());
    }

    public List<ObjectCreationExpr> creations() {
        return creations;
    }

    /**
     * The calls named {@code name} inside {@code scope} (a type, say), in pre-order, as
     * {@code scope.findAll(MethodCallExpr.class)} would list them: from the index kept with the tree, or, for a
     * tree without one, by a walk of {@code scope}.
     */
    static List<MethodCallExpr> callsWithin(Node scope, String name) {
        Optional<CompilationUnit> cu = scope.findCompilationUnit();
        if (cu.isEmpty() || !cu.get().containsData(KEY)) {
            return scope.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(name));
        }
        return within(cu.get().getData(KEY).calls(name), scope);
    }

    /** The method references named {@code name} inside {@code scope}, in pre-order (as {@link #callsWithin}). */
    static List<MethodReferenceExpr> referencesWithin(Node scope, String name) {
        Optional<CompilationUnit> cu = scope.findCompilationUnit();
        if (cu.isEmpty() || !cu.get().containsData(KEY)) {
            return scope.findAll(MethodReferenceExpr.class, r -> r.getIdentifier().equals(name));
        }
        return within(cu.get().getData(KEY).references(name), scope);
    }

    private static <T extends Node> List<T> within(List<T> nodes, Node scope) {
        List<T> out = new ArrayList<>();
        for (T node : nodes) {
            for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
                if (n == scope) {
                    out.add(node);
                    break;
                }
            }
        }
        return out;
    }
}
