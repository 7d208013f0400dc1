package dev.dbcheck.entrypoints;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import dev.dbcheck.flow.CallSitesIndex;
import dev.dbcheck.flow.StartupCallers;
import dev.dbcheck.flow.StartupCode;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.model.ProjectType;
import dev.dbcheck.model.SourceTrees;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's calls, backwards: who calls a project method. Built lazily, one method at a time, from the model
 * (which files mention the method's type) and the trees of those files; each answer is kept for the rest of the
 * analysis. Thread-safe: the answers are kept in concurrent maps; two threads that miss the same method or file
 * may both compute it, and either answer (the same) is kept.
 *
 * <p>A call is an edge when the model resolves it (by the receiver's declared type, as summaries do) to the method
 * or to a method it overrides (a call through the interface may run this implementation). Method references
 * ({@code this::load}, {@code Loader::load}, {@code loader::load}) and, for a constructor, {@code new T(..)} are
 * edges too. What is approximate: a call through a supertype counts for every implementation; a receiver the
 * model cannot type (a library method's result, a raw collection's element) is no edge; calls by reflection,
 * by the framework (proxies, events published by name) and from files outside the model are not seen.
 */
final class CallGraph {

    /** A place that calls a method: in {@code caller} (null in an initialiser), and whether it runs only once. */
    record CallSite(MethodInfo caller, Path file, int line, int column, boolean once) {}

    private final ProjectModel model;
    private final MethodSummaries summaries;
    private final SourceTrees trees;
    private final Map<String, List<CallSite>> callers = new ConcurrentHashMap<>();
    private final Map<Path, Set<String>> calledNames = new ConcurrentHashMap<>();

    CallGraph(ProjectModel model, MethodSummaries summaries, SourceTrees trees) {
        this.model = model;
        this.summaries = summaries;
        this.trees = trees;
    }

    /** How many methods' callers have been found. */
    int size() {
        return callers.size();
    }

    /** The places that call {@code method}, in file order. */
    List<CallSite> callersOf(MethodInfo method) {
        List<CallSite> known = callers.get(method.key());
        if (known == null) {
            List<CallSite> found = List.copyOf(find(method));
            known = callers.putIfAbsent(method.key(), found);
            if (known == null) {
                known = found;
            }
        }
        return known;
    }

    private List<CallSite> find(MethodInfo method) {
        Optional<ProjectType> owner = model.type(method.owner());
        if (owner.isEmpty() || owner.get().file() == null) {
            return List.of();
        }
        boolean constructor = MethodInfo.CONSTRUCTOR.equals(method.name());
        Set<String> targets = new HashSet<>();
        targets.add(method.key());
        Set<String> names = new HashSet<>();
        names.add(owner.get().simpleName());
        if (!constructor && !method.isStatic()) {
            for (MethodInfo overridden : model.overridesOf(method)) {
                targets.add(overridden.key());
                model.type(overridden.owner()).ifPresent(t -> names.add(t.simpleName()));
            }
        }
        Set<Path> files = new TreeSet<>();
        files.add(owner.get().file());
        for (String n : names) {
            files.addAll(model.filesMentioning(n));
        }
        String called = constructor ? owner.get().simpleName() : method.name();
        List<CallSite> out = new ArrayList<>();
        for (Path file : files) {
            if (!calls(file, called)) {
                continue;
            }
            CompilationUnit cu = trees.tree(file).orElse(null);
            if (cu == null) {
                continue;
            }
            TypeResolver types = new TypeResolver(cu, model, model.library());
            StartupCode[] startup = new StartupCode[1];
            for (Node site : sites(cu, method, constructor, targets, types)) {
                if (startup[0] == null) {
                    startup[0] = new StartupCode(types, new ValueFlow(types), StartupCallers.withModel(summaries));
                }
                out.add(callSite(site, file, startup[0]));
            }
        }
        return out;
    }

    /** Whether the file writes the name at all (calls, references or creations): a cheap test before resolving. */
    private boolean calls(Path file, String name) {
        Set<String> written = calledNames.get(file);
        if (written == null) {
            CompilationUnit cu = trees.tree(file).orElse(null);
            written = cu == null ? Set.of() : CallSitesIndex.of(cu).writtenNames();
            calledNames.putIfAbsent(file, Set.copyOf(written));
        }
        return written.contains(name);
    }

    private List<Node> sites(CompilationUnit cu, MethodInfo method, boolean constructor, Set<String> targets,
            TypeResolver types) {
        List<Node> out = new ArrayList<>();
        CallSitesIndex index = CallSitesIndex.of(cu);
        if (constructor) {
            for (ObjectCreationExpr o : index.creations()) {
                if (o.getArguments().size() == method.arity() && o.getAnonymousClassBody().isEmpty()
                        && types.resolve(o.getType()).filter(method.owner()::equals).isPresent()) {
                    out.add(o);
                }
            }
            return out;
        }
        for (MethodCallExpr call : index.calls(method.name())) {
            Optional<MethodInfo> target = summaries.target(call, types);
            if (target.isPresent() && targets.contains(target.get().key())) {
                out.add(call);
            }
        }
        for (MethodReferenceExpr ref : index.references(method.name())) {
            if (refersTo(ref, method, types)) {
                out.add(ref);
            }
        }
        return out;
    }

    private boolean refersTo(MethodReferenceExpr ref, MethodInfo method, TypeResolver types) {
        Expression scope = ref.getScope();
        Optional<String> type;
        if (scope instanceof ThisExpr || scope instanceof SuperExpr) {
            type = types.enclosingTypeNames(ref).stream().findFirst();
        } else if (scope instanceof TypeExpr t) {
            type = types.resolve(t.getType());
        } else {
            type = types.typeReferencedBy(scope).or(() -> types.typeOf(scope));
        }
        return type.filter(t -> model.isSubtype(t, method.owner()) || model.isSubtype(method.owner(), t)).isPresent();
    }

    private CallSite callSite(Node site, Path file, StartupCode startup) {
        int line = site.getBegin().map(p -> p.line).orElse(1);
        int column = site.getBegin().map(p -> p.column).orElse(1);
        MethodInfo caller = null;
        Node n = site;
        while (caller == null) {
            Optional<CallableDeclaration> callable = n.findAncestor(CallableDeclaration.class);
            if (callable.isEmpty()) {
                break;
            }
            if (callable.get() instanceof MethodDeclaration || callable.get() instanceof ConstructorDeclaration) {
                caller = summaries.info((CallableDeclaration<?>) callable.get()).orElse(null);
            }
            n = callable.get();
        }
        // A call in a lazy guard, a cache loader or code only start-up code calls runs once, whoever calls its method.
        // main and constructors are not decided here: main is an entry point of its own, and a constructor runs as
        // often as its class is created (the creations are its callers).
        boolean once = caller == null || startup.reason(site).filter(r -> r != StartupCode.Reason.MAIN
                && r != StartupCode.Reason.CONSTRUCTOR).isPresent();
        return new CallSite(caller, file, line, column, once);
    }
}
