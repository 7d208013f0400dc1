package dev.dbcheck.model;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Summaries of project methods: what calling one does, in the terms of an {@link EffectAnalysis}. A method's
 * summary is the effects of the library calls in its body plus, for each call to another project method, that
 * method's summary lifted to the call, followed to {@link #MAX_DEPTH} methods deep (a wrapper of a wrapper of
 * a wrapper); a fourth level is not followed. Recursion terminates because each level has a smaller budget.
 *
 * <p>Thread-safe: summaries are memoised per (analysis, method, budget) in a concurrent map; a value does not
 * depend on which thread or caller computed it first, so results are deterministic. Other files' trees come
 * from {@link SourceTrees}.
 */
public final class MethodSummaries {

    /** How many project methods deep a call is followed: the caller's callee, its callee, and one more. */
    public static final int MAX_DEPTH = 3;

    private final ProjectModel model;
    private final SourceTrees trees;
    /** The files where an analysis can have effects; null for an analysis that can have them anywhere. */
    private final Function<EffectAnalysis<?>, Set<Path>> effectScope;
    private final Map<Key, List<?>> memo = new ConcurrentHashMap<>();
    private final Map<Object, Object> values = new ConcurrentHashMap<>();

    private record Key(EffectAnalysis<?> analysis, String method, int budget) {}

    public MethodSummaries(ProjectModel model, SourceTrees trees) {
        this(model, trees, analysis -> null);
    }

    /**
     * @param effectScope for an analysis, the files whose methods can have its effects (the files that can reach
     *     what its library effects need), or null when any file can: elsewhere its summaries are empty, and the
     *     files' trees are not read for them
     */
    public MethodSummaries(ProjectModel model, SourceTrees trees, Function<EffectAnalysis<?>, Set<Path>> effectScope) {
        this.model = model;
        this.trees = trees;
        this.effectScope = effectScope;
    }

    public static MethodSummaries none() {
        return new MethodSummaries(ProjectModel.empty(), SourceTrees.NONE);
    }

    public ProjectModel model() {
        return model;
    }

    // ---- call targets ------------------------------------------------------------------------------

    /**
     * The project method a call runs, as declared: on a receiver of a project type (its own or an inherited
     * method), or without a receiver through the enclosing classes and their project superclasses; empty for
     * library calls, unresolved receivers and calls the model cannot pin down.
     */
    public Optional<MethodInfo> target(MethodCallExpr call, TypeResolver types) {
        String name = call.getNameAsString();
        if (!model.declaresMethodNamed(name)) {
            return Optional.empty();
        }
        int arity = call.getArguments().size();
        if (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr) {
            for (String type : types.enclosingTypeNames(call)) {
                Optional<MethodInfo> m = model.method(type, name, arity);
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        }
        if (call.getScope().get() instanceof SuperExpr) {
            for (String type : types.enclosingTypeNames(call)) {
                for (String sup : model.directSupertypes(type)) {
                    Optional<MethodInfo> m = model.method(sup, name, arity);
                    if (m.isPresent()) {
                        return m;
                    }
                }
            }
            return Optional.empty();
        }
        Optional<String> owner = types.typeReferencedBy(call.getScope().get());
        if (owner.isEmpty()) {
            owner = types.typeOf(call.getScope().get());
        }
        return owner.filter(model::contains).flatMap(o -> model.method(o, name, arity));
    }

    /**
     * The library types a receiverless call reaches through the enclosing classes' library supertypes
     * ({@code getById(id)} in a subclass of MyBatis-Plus {@code ServiceImpl}), when no project type declares
     * the method: the types to match the call against, nearest first.
     */
    public List<String> inheritedLibraryOwners(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
            return List.of();
        }
        if (target(call, types).isPresent()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String type : types.enclosingTypeNames(call)) {
            out.addAll(model.librarySupertypes(type));
        }
        return out;
    }

    // ---- summaries ---------------------------------------------------------------------------------

    /** The effects of calling {@code method}, followed {@link #MAX_DEPTH} methods deep. */
    public <E> List<E> summary(MethodInfo method, EffectAnalysis<E> analysis) {
        return summary(method, analysis, MAX_DEPTH);
    }

    /**
     * The effects of a call as the caller sees them: the library call's own effects, or the summary of the
     * project method it runs, lifted to this call.
     */
    public <E> List<E> effectsOf(MethodCallExpr call, TypeResolver types, EffectAnalysis<E> analysis) {
        return callEffects(call, types, analysis, MAX_DEPTH);
    }

    /** The effects of creating an object, as the caller sees them ({@link EffectAnalysis#creation}). */
    public <E> List<E> effectsOf(ObjectCreationExpr create, TypeResolver types, EffectAnalysis<E> analysis) {
        return analysis.seesCreations() ? analysis.creation(create, types, this) : List.of();
    }

    /**
     * Whether methods of {@code file} can have effects of {@code analysis} at all (the file can reach what its
     * library effects need); when not, their summaries are empty and the file's tree is not read for them.
     */
    public boolean mayHaveEffects(EffectAnalysis<?> analysis, Path file) {
        Set<Path> scope = effectScope.apply(analysis);
        return scope == null || scope.contains(file);
    }

    /**
     * Whether a call can have effects of {@code analysis} other than its own library effect
     * ({@link EffectAnalysis#local}). When no file of the project can have them, every project method's summary is
     * empty, so a call's effects ({@link #effectsOf}) are its library effect or nothing: a rule that has found no
     * library effect at a call need not resolve the call's target at all (on most projects, no file can scan
     * DynamoDB through a wrapper, and resolving every call's target was a twentieth of a cold run).
     */
    private boolean mayHaveEffectsBeyondLocal(EffectAnalysis<?> analysis) {
        Set<Path> scope = effectScope.apply(analysis);
        return scope == null || !scope.isEmpty();
    }

    /**
     * The effects a call has through the project method it runs (a wrapper), for a rule that tests the call's own
     * library effect itself: empty for a call that runs no project method, and, without resolving its target,
     * when no project method can have the effects at all ({@link #mayHaveEffectsBeyondLocal}).
     */
    public <E> List<E> wrapperEffects(MethodCallExpr call, TypeResolver types, EffectAnalysis<E> analysis) {
        if (!mayHaveEffectsBeyondLocal(analysis) || target(call, types).isEmpty()) {
            return List.of();
        }
        return effectsOf(call, types, analysis);
    }

    /**
     * A value computed once per analysis under {@code key} (an analysis's own record, with what it depends on),
     * shared by every file and thread, like the summaries.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object known = values.get(key);
        if (known != null) {
            return (T) known;
        }
        T computed = compute.get();
        Object raced = values.putIfAbsent(key, computed);
        return raced == null ? computed : (T) raced;
    }

    /**
     * A library call: its own effects. A project method with a body: its summary. An abstract project method
     * (an interface, not a {@code java.*} one: {@link #isPlatformType}): the summaries of its project
     * implementations, or, when the project has none (a Spring
     * Data repository, a MyBatis mapper, a client generated at run time), the call's own effects as the
     * analysis reads them from the receiver's type.
     */
    private <E> List<E> callEffects(MethodCallExpr call, TypeResolver types, EffectAnalysis<E> analysis, int budget) {
        Optional<MethodInfo> target = target(call, types);
        if (target.isEmpty()) {
            return analysis.local(call, types);
        }
        if (budget <= 0) {
            return List.of();
        }
        Set<E> out = new LinkedHashSet<>();
        if (target.get().hasBody()) {
            for (E e : summary(target.get(), analysis, budget)) {
                out.add(analysis.lift(e, call, target.get()));
            }
            return List.copyOf(out);
        }
        if (isPlatformType(target.get().owner())) {
            return analysis.local(call, types);
        }
        for (MethodInfo implementation : model.overridersOf(target.get())) {
            for (E e : summary(implementation, analysis, budget)) {
                out.add(analysis.lift(e, call, implementation));
            }
        }
        return out.isEmpty() ? analysis.local(call, types) : List.copyOf(out);
    }

    /**
     * Whether a type is of the Java platform ({@code java.*}). Only the JDK can declare one (the JVM refuses
     * {@code java.*} classes from any other class loader), so in any project but the JDK's own sources such a type
     * is a library type, and a call through one of its abstract methods is a library call. The model keeps to
     * that in the JDK's sources too: a call through {@code Runnable.run()} or {@code AutoCloseable.close()} is
     * not followed into the project's thousands of implementations.
     */
    public static boolean isPlatformType(String qualifiedName) {
        return qualifiedName.startsWith("java.");
    }

    @SuppressWarnings("unchecked")
    private <E> List<E> summary(MethodInfo method, EffectAnalysis<E> analysis, int budget) {
        if (budget <= 0) {
            return List.of();
        }
        Key key = new Key(analysis, method.key(), budget);
        List<?> known = memo.get(key);
        if (known != null) {
            return (List<E>) known;
        }
        List<E> computed = compute(method, analysis, budget);
        List<?> raced = memo.putIfAbsent(key, computed);
        return raced == null ? computed : (List<E>) raced;
    }

    private <E> List<E> compute(MethodInfo method, EffectAnalysis<E> analysis, int budget) {
        Optional<ProjectType> owner = model.type(method.owner());
        if (owner.isEmpty() || owner.get().file() == null || !method.hasBody()
                || !mayHaveEffects(analysis, owner.get().file())) {
            return List.of();
        }
        Optional<CompilationUnit> cu = trees.tree(owner.get().file());
        if (cu.isEmpty()) {
            return List.of();
        }
        Optional<CallableDeclaration<?>> declaration = declaration(cu.get(), method);
        if (declaration.isEmpty()) {
            return List.of();
        }
        TypeResolver types = resolverFor(cu.get());
        Set<E> effects = new LinkedHashSet<>();
        for (MethodCallExpr call : declaration.get().findAll(MethodCallExpr.class)) {
            effects.addAll(callEffects(call, types, analysis, budget - 1));
        }
        if (analysis.seesCreations()) {
            for (ObjectCreationExpr create : declaration.get().findAll(ObjectCreationExpr.class)) {
                effects.addAll(analysis.creation(create, types, this));
            }
        }
        return List.copyOf(effects);
    }

    /**
     * Resolvers are single-threaded and the file's own may be in use on another thread, so each thread keeps
     * its own for the few files it is summarising (their memo makes the methods of one file cheap together).
     */
    private final ThreadLocal<Map<CompilationUnit, TypeResolver>> resolvers =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    /**
     * A resolver for another file's tree (one this object handed out), for the thread that asks: the names in a
     * declaration mean what that file's imports say, never what the caller's file says.
     */
    public TypeResolver types(CompilationUnit cu) {
        return resolverFor(cu);
    }

    private TypeResolver resolverFor(CompilationUnit cu) {
        Map<CompilationUnit, TypeResolver> mine = resolvers.get();
        TypeResolver r = mine.get(cu);
        if (r == null) {
            if (mine.size() >= 8) {
                mine.clear();
            }
            r = new TypeResolver(cu, model, model.library());
            mine.put(cu, r);
        }
        return r;
    }

    /** The declaration of a model method in its file's tree (by owner, name, arity and line). */
    public Optional<CallableDeclaration<?>> declaration(MethodInfo method) {
        return model.type(method.owner()).map(ProjectType::file).flatMap(trees::tree)
                .flatMap(cu -> declaration(cu, method));
    }

    private static Optional<CallableDeclaration<?>> declaration(CompilationUnit cu, MethodInfo method) {
        // Member types only, as the model has them: no walk of method bodies.
        java.util.ArrayDeque<TypeDeclaration<?>> work = new java.util.ArrayDeque<>(cu.getTypes());
        while (!work.isEmpty()) {
            TypeDeclaration<?> type = work.poll();
            boolean owner = type.getFullyQualifiedName().map(method.owner()::equals).orElse(false);
            for (BodyDeclaration<?> member : type.getMembers()) {
                if (owner && member instanceof CallableDeclaration<?> c && matches(c, method)) {
                    return Optional.of(c);
                }
                if (member instanceof TypeDeclaration<?> nested && method.owner().startsWith(
                        type.getFullyQualifiedName().orElse("") + ".")) {
                    work.add(nested);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(CallableDeclaration<?> c, MethodInfo method) {
        String name = c instanceof ConstructorDeclaration ? MethodInfo.CONSTRUCTOR : c.getNameAsString();
        return name.equals(method.name()) && c.getParameters().size() == method.arity()
                && c.getBegin().map(p -> p.line == method.line()).orElse(false)
                && (c instanceof MethodDeclaration || c instanceof ConstructorDeclaration);
    }

    /** The model entry for a declaration of this file, if the model has it. */
    public Optional<MethodInfo> info(CallableDeclaration<?> declaration) {
        Node parent = declaration.getParentNode().orElse(null);
        if (!(parent instanceof TypeDeclaration<?> type) || type.getFullyQualifiedName().isEmpty()) {
            return Optional.empty();
        }
        String name = declaration instanceof ConstructorDeclaration ? MethodInfo.CONSTRUCTOR
                : declaration.getNameAsString();
        int line = declaration.getBegin().map(p -> p.line).orElse(-1);
        return model.type(type.getFullyQualifiedName().get()).flatMap(t -> t.methods().stream()
                .filter(m -> m.name().equals(name) && m.line() == line
                        && m.arity() == declaration.getParameters().size())
                .findFirst());
    }
}
