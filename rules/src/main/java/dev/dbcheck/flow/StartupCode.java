package dev.dbcheck.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.rule.MemoKey;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Start-up code: whether a node runs once (per process, or once per key) rather than for every operation.
 *
 * <p>Entry points that run once: constructors, instance, static and field initialisers, {@code main},
 * dependency-injection factories and hooks ({@code @Bean}, {@code @Produces}, {@code @Provides},
 * {@code @PostConstruct}, {@code afterPropertiesSet}), the overrides of a {@code @Configuration} class
 * (configurer callbacks, template methods of its superclass's {@code @Bean} methods) and every method of a
 * Guice module, a
 * lifecycle {@code init}/{@code initialise}/{@code initialize}/{@code start} method whose class also has a
 * {@code close}/{@code destroy}/{@code stop}/{@code shutdown} (with or without settings: {@code initialise(settings)}),
 * and container callbacks declared by a library
 * interface the class implements ({@link StartupMethods}: a JNDI {@code ObjectFactory}'s
 * {@code getObjectInstance}, Hibernate's {@code Configurable.configure}, a servlet listener's or filter's
 * start-up callback, a Keycloak provider factory's {@code init}/{@code postInit}). Code that runs once per key: loaders
 * ({@code computeIfAbsent}, Guava {@code CacheLoader.from}/{@code CacheBuilder...build(loader)}/
 * {@code cache.get(key, loader)}, Caffeine {@code build(loader)}/{@code get(key, loader)}, anonymous
 * {@code CacheLoader}s, a named class whose every instance is handed to a loader ({@code CacheLoader.from(new
 * PoolFactory())}), {@code Suppliers.memoize}, hutool's {@code Singleton.get(key, supplier)}; also under a cast,
 * {@code (Supplier<Pool>) () -> ..}), and a keyed-singleton helper of this file or, with the summaries, of another
 * project class ({@code PoolRegistry.get(key, () -> new Pool())}) that only calls its factory argument from such
 * code. A lambda or anonymous class handed to a call in a lazy guard ({@code executor.submit(..)}) runs once. Lazy guards, wherever they sit (also in anonymous classes and double-checked
 * under {@code synchronized}, {@link LazyGuards}): the branch taken when a field, a map lookup on a field, a
 * cache another class holds, or a local read from one (also through a weak reference) is null, and the code after an early {@code return} while it is set (open), provided that code sets it.
 * A method is start-up code when all its callers are ({@link StartupCallers}: the file's own calls of a private
 * method and, through the project model, the calls of a non-public override in its superclasses' files). Lambdas and anonymous classes otherwise run when called: per call.
 *
 * <p>One instance per file ({@link #of(JavaContext)}); each method's verdict is computed once.
 */
public final class StartupCode {

    /** Why a node runs once. */
    public enum Reason {
        INITIALISER, CONSTRUCTOR, MAIN, CONTAINER_FACTORY, CONFIGURATION_CLASS, LIFECYCLE, LOADER, LAZY_GUARD,
        CALLED_FROM_STARTUP
    }

    private static final Set<String> CACHE_BUILDERS = Set.of("com.google.common.cache.CacheBuilder",
            "com.github.benmanes.caffeine.cache.Caffeine");
    private static final Set<String> CACHES = Set.of("com.google.common.cache.Cache",
            "com.github.benmanes.caffeine.cache.Cache", "com.github.benmanes.caffeine.cache.AsyncCache");
    private static final Set<String> LOADER_TYPES = Set.of("com.google.common.cache.CacheLoader",
            "com.github.benmanes.caffeine.cache.CacheLoader", "com.github.benmanes.caffeine.cache.AsyncCacheLoader");

    /**
     * Library keyed-singleton helpers: hutool's {@code Singleton.get(key, supplier)} runs the supplier once per key
     * and keeps what it made (dromara/hutool: hutool-core/src/main/java/cn/hutool/core/lang/Singleton.java).
     */
    private static final String KEYED_SINGLETONS = "cn.hutool.core.lang.Singleton";

    /** Calls that run a functional argument: a keyed-singleton helper calls its factory with one of these. */
    private static final Set<String> INVOCATIONS = Set.of("get", "apply", "call", "getObject", "create");


    /** Callers and keyed-singleton helpers are followed this many levels deep. */
    private static final int MAX_DEPTH = 3;

    private final TypeResolver types;
    private final ValueFlow flow;
    private final StartupCallers callers;
    private final MethodSummaries summaries;
    private final LazyGuards guards;
    private final Map<MethodDeclaration, Optional<Reason>> methods = new IdentityHashMap<>();
    private final Map<CompilationUnit, StartupCode> otherFiles;

    /** Within one file, or with {@code callers} that stay in it. */
    public StartupCode(TypeResolver types, ValueFlow flow, StartupCallers callers) {
        this(types, flow, callers, MethodSummaries.none());
    }

    /**
     * With the project model: a caller that {@code callers} finds in another file (a superclass's call of a template
     * method) is judged in its own file, with that file's imports, by an analysis of that file
     * ({@code summaries} gives its resolver): a subclass never changes what a name means in its superclass. So is a
     * keyed-singleton helper of another project class ({@code PoolRegistry.get(key, () -> new Pool())}).
     */
    public StartupCode(TypeResolver types, ValueFlow flow, StartupCallers callers, MethodSummaries summaries) {
        this(types, flow, callers, summaries, new IdentityHashMap<>());
    }

    private StartupCode(TypeResolver types, ValueFlow flow, StartupCallers callers, MethodSummaries summaries,
            Map<CompilationUnit, StartupCode> otherFiles) {
        this.types = types;
        this.flow = flow;
        this.callers = callers;
        this.summaries = summaries;
        this.otherFiles = otherFiles;
        this.guards = new LazyGuards(types, flow);
    }

    private static final MemoKey<StartupCode> KEY = MemoKey.of("start-up code");

    /** The file's start-up analysis, on the file's shared {@link ValueFlow}, with callers from the project model. */
    public static StartupCode of(JavaContext context) {
        return context.memo(KEY, () -> new StartupCode(context.types(), ValueFlow.of(context),
                StartupCallers.withModel(context.summaries()), context.summaries()));
    }

    /** The analysis of the file that holds {@code node}: this one, or one on that file's resolver (shared). */
    private StartupCode judgeOf(Node node) {
        Optional<CompilationUnit> cu = node.findCompilationUnit();
        if (cu.isEmpty() || cu.get() == types.compilationUnit()) {
            return this;
        }
        return otherFiles.computeIfAbsent(cu.get(), c -> {
            TypeResolver theirs = summaries.types(c);
            return new StartupCode(theirs, new ValueFlow(theirs), callers, summaries, otherFiles);
        });
    }

    /** Whether {@code node} runs once (per process or per key) rather than once per operation. */
    public boolean runsOnce(Node node) {
        return reason(node).isPresent();
    }

    /** Why {@code node} runs once, or empty when it runs per operation (or nothing shows that it does not). */
    public Optional<Reason> reason(Node node) {
        return reason(node, 0, new HashSet<>());
    }

    /** The name of the method (or constructor) enclosing the node, for messages; "an initialiser" otherwise. */
    public static String enclosingName(Node node) {
        Optional<CallableDeclaration> callable = node.findAncestor(CallableDeclaration.class);
        return callable.map(c -> c.getNameAsString() + "()").orElse("an initialiser");
    }

    private Optional<Reason> reason(Node node, int depth, Set<Node> visiting) {
        if (node instanceof LambdaExpr || node instanceof MethodReferenceExpr) {
            return functionRunsOnce((Expression) node, depth, visiting);
        }
        Node child = node;
        Node p = node.getParentNode().orElse(null);
        while (p != null) {
            if (p instanceof LambdaExpr || p instanceof MethodReferenceExpr) {
                return functionRunsOnce((Expression) p, depth, visiting);
            }
            if (p instanceof ObjectCreationExpr create && create.getAnonymousClassBody().isPresent()
                    && child instanceof BodyDeclaration<?>) {
                return anonymousRunsOnce(create, depth, visiting);
            }
            if (p instanceof IfStmt ifStmt && guards.lazyBranch(ifStmt, child)) {
                return Optional.of(Reason.LAZY_GUARD);
            }
            if (p instanceof NodeWithStatements<?> block && child instanceof Statement s && guards.afterEarlyReturn(block, s)) {
                return Optional.of(Reason.LAZY_GUARD);
            }
            if (p instanceof ConstructorDeclaration) {
                return Optional.of(Reason.CONSTRUCTOR);
            }
            if (p instanceof InitializerDeclaration || p instanceof FieldDeclaration
                    || p instanceof EnumConstantDeclaration) {
                return Optional.of(Reason.INITIALISER);
            }
            if (p instanceof MethodDeclaration method) {
                if (method.getParentNode().orElse(null) instanceof ObjectCreationExpr anonymous) {
                    // A method of an anonymous class runs when called, unless the class is a cache loader.
                    return anonymousRunsOnce(anonymous, depth, visiting);
                }
                return methodReason(method, depth, visiting);
            }
            if (p instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
            child = p;
            p = p.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    // ---- methods -----------------------------------------------------------------------------------------

    private Optional<Reason> methodReason(MethodDeclaration method, int depth, Set<Node> visiting) {
        Optional<Reason> known = methods.get(method);
        if (known != null) {
            return known;
        }
        Optional<Reason> own = StartupMethods.entryPoint(method);
        if (own.isPresent()) {
            methods.put(method, own);
            return own;
        }
        if (namedLoader(method)) {
            methods.put(method, Optional.of(Reason.LOADER));
            return Optional.of(Reason.LOADER);
        }
        if (depth >= MAX_DEPTH || !visiting.add(method)) {
            return Optional.empty(); // not memoised: the answer depends on where the search started
        }
        Optional<List<Node>> calls = callers.of(method);
        boolean once = calls.isPresent() && !calls.get().isEmpty();
        for (Node call : calls.orElse(List.of())) {
            if (once && judgeOf(call).reason(call, depth + 1, visiting).isEmpty()) {
                once = false;
            }
        }
        visiting.remove(method);
        Optional<Reason> result = once ? Optional.of(Reason.CALLED_FROM_STARTUP) : Optional.empty();
        if (depth == 0) {
            methods.put(method, result);
        }
        return result;
    }

    // ---- loaders -----------------------------------------------------------------------------------------

    /** A lambda or method reference runs once (per key) when it is a loader, and per call otherwise. */
    private Optional<Reason> functionRunsOnce(Expression function, int depth, Set<Node> visiting) {
        Expression argument = Arguments.asPassed(function);
        Node parent = argument.getParentNode().orElse(null);
        if (parent instanceof MethodCallExpr call && call.getArguments().contains(argument)) {
            int index = call.getArguments().indexOf(argument);
            if (isLoaderArgument(call, index) || helperCallsOnlyOnce(call, index, depth, visiting)) {
                return Optional.of(Reason.LOADER);
            }
            return inLazyGuard(call, depth, visiting);
        }
        // CacheLoader<K, V> loader = k -> ...; CacheBuilder.newBuilder().build(loader)
        if (parent instanceof VariableDeclarator declarator && declarator.getInitializer().filter(i -> i == function)
                .isPresent()) {
            List<Expression> reads = flow.reads(ValueFlow.declaredBy(declarator));
            boolean allLoaders = !reads.isEmpty() && reads.stream().allMatch(r -> r.getParentNode()
                    .filter(c -> c instanceof MethodCallExpr m && m.getArguments().contains(r)
                            && isLoaderArgument(m, m.getArguments().indexOf(r))).isPresent());
            return allLoaders ? Optional.of(Reason.LOADER) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The type a static call names ({@code Singleton.get}), or the owner of a statically imported method. */
    private Optional<String> staticOwner(MethodCallExpr call) {
        return call.getScope().isPresent() ? types.typeReferencedBy(call.getScope().get())
                : types.staticImportOwner(call.getNameAsString());
    }

    /**
     * A function handed to a call that sits in a lazy guard ({@code if (pool == null) pool = executor.submit(() ->
     * new Pool()).get();}) runs when that call runs: once. A function the guard stores instead runs whenever its
     * holder is called.
     */
    private Optional<Reason> inLazyGuard(MethodCallExpr call, int depth, Set<Node> visiting) {
        if (depth >= MAX_DEPTH || !visiting.add(call)) {
            return Optional.empty();
        }
        Optional<Reason> r = reason(call, depth + 1, visiting).filter(x -> x == Reason.LAZY_GUARD);
        visiting.remove(call);
        return r;
    }

    /** An anonymous class's methods run once when it is a cache loader, or handed to a call in a lazy guard. */
    private Optional<Reason> anonymousRunsOnce(ObjectCreationExpr anonymous, int depth, Set<Node> visiting) {
        if (isOfType(anonymous, LOADER_TYPES)) {
            return Optional.of(Reason.LOADER);
        }
        Expression argument = Arguments.asPassed(anonymous);
        Node parent = argument.getParentNode().orElse(null);
        return parent instanceof MethodCallExpr call && call.getArguments().contains(argument)
                ? inLazyGuard(call, depth, visiting) : Optional.empty();
    }

    /**
     * A named class's {@code apply}/{@code load}/{@code call}/{@code get} whose every instance in its file is handed
     * to a loader ({@code CacheLoader.from(new PoolFactory())}) runs once per key.
     */
    private boolean namedLoader(MethodDeclaration method) {
        if (!NAMED_LOADER_METHODS.contains(method.getNameAsString()) || method.isStatic()
                || !(method.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration type)) {
            return false;
        }
        List<ObjectCreationExpr> creations = method.findCompilationUnit().map(cu -> cu.findAll(ObjectCreationExpr.class,
                o -> o.getAnonymousClassBody().isEmpty() && o.getType().getNameAsString().equals(type.getNameAsString())))
                .orElse(List.of());
        return !creations.isEmpty() && creations.stream().allMatch(o -> o.getParentNode().orElse(null)
                instanceof MethodCallExpr call && call.getArguments().contains(o)
                && isLoaderArgument(call, call.getArguments().indexOf(o)));
    }

    private static final Set<String> NAMED_LOADER_METHODS = Set.of("apply", "load", "call", "get");

    /** {@code computeIfAbsent(k, f)}, {@code CacheLoader.from(f)}, {@code build(f)}, {@code get(k, f)}, {@code memoize(f)}. */
    private boolean isLoaderArgument(MethodCallExpr call, int index) {
        String name = call.getNameAsString();
        int args = call.getArguments().size();
        Optional<Expression> scope = call.getScope();
        switch (name) {
            case "computeIfAbsent":
                return index == 1 && args == 2; // Map's API: the mapping function runs once per absent key
            case "from":
                return args == 1 && scope.flatMap(types::typeReferencedBy)
                        .filter(t -> t.equals("com.google.common.cache.CacheLoader")).isPresent();
            case "build":
            case "buildAsync":
                return args == 1 && scope.flatMap(types::typeOf)
                        .filter(t -> types.isSubtypeOfAny(t, CACHE_BUILDERS)).isPresent();
            case "get":
                return index == 1 && args == 2 && (scope.flatMap(types::typeOf)
                        .filter(t -> types.isSubtypeOfAny(t, CACHES)).isPresent()
                        || staticOwner(call).filter(KEYED_SINGLETONS::equals).isPresent());
            case "memoize":
                return args == 1 && scope.flatMap(types::typeReferencedBy)
                        .filter(t -> t.equals("com.google.common.base.Suppliers")).isPresent();
            default:
                return false;
        }
    }

    /**
     * A keyed-singleton helper of this file, {@code once(key, () -> new Pool())}: the factory parameter is
     * only ever run from code that runs once per key (a loader, a lazy guard), or handed to a loader itself.
     */
    private boolean helperCallsOnlyOnce(MethodCallExpr call, int index, int depth, Set<Node> visiting) {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (call.getScope().filter(s -> !(s instanceof ThisExpr)).isPresent()) {
            return otherFileHelperCallsOnlyOnce(call, index, depth);
        }
        Optional<TypeDeclaration<?>> owner = call.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        List<MethodDeclaration> candidates = owner.map(t -> t.getMethodsByName(call.getNameAsString())).orElse(List.of())
                .stream().filter(m -> m.getParameters().size() == call.getArguments().size() && m.getBody().isPresent())
                .toList();
        if (candidates.size() != 1 || !visiting.add(call)) {
            return false;
        }
        boolean once = factoryRunsOnce(candidates.get(0), index, depth, visiting);
        visiting.remove(call);
        return once;
    }

    /** Whether a helper's factory parameter is only run from code that runs once per key, or handed to a loader. */
    private boolean factoryRunsOnce(MethodDeclaration helper, int index, int depth, Set<Node> visiting) {
        Parameter factory = helper.getParameter(index);
        List<Expression> reads = flow.reads(ValueFlow.declaredBy(factory));
        boolean once = !reads.isEmpty();
        for (Expression read : reads) {
            Node parent = read.getParentNode().orElse(null);
            boolean handedToLoader = parent instanceof MethodCallExpr m && m.getArguments().contains(read)
                    && isLoaderArgument(m, m.getArguments().indexOf(read));
            boolean runOnce = parent instanceof MethodCallExpr m && m.getScope().filter(s -> s == read).isPresent()
                    && INVOCATIONS.contains(m.getNameAsString()) && reasonBelowMethod(m, depth + 1, visiting);
            once &= handedToLoader || runOnce;
        }
        return once;
    }

    /**
     * A keyed-singleton helper of another project class ({@code PoolRegistry.get(key, () -> new Pool())}), read in
     * its own file with that file's names: the same test as for a helper of this file.
     */
    private boolean otherFileHelperCallsOnlyOnce(MethodCallExpr call, int index, int depth) {
        Optional<MethodInfo> target = summaries.target(call, types);
        Optional<com.github.javaparser.ast.body.CallableDeclaration<?>> declaration = target.filter(MethodInfo::hasBody)
                .flatMap(summaries::declaration);
        if (declaration.isEmpty() || !(declaration.get() instanceof MethodDeclaration helper)
                || helper.getParameters().size() <= index) {
            return false;
        }
        return judgeOf(helper).factoryRunsOnce(helper, index, depth + 1, new HashSet<>());
    }

    /** Like {@link #reason} but without counting the enclosing method itself as start-up code. */
    private boolean reasonBelowMethod(Node node, int depth, Set<Node> visiting) {
        Optional<Reason> r = reason(node, depth, visiting);
        return r.filter(x -> x == Reason.LOADER || x == Reason.LAZY_GUARD).isPresent();
    }

    private boolean isOfType(ObjectCreationExpr create, Set<String> targets) {
        return types.resolve(create.getType()).filter(t -> types.isSubtypeOfAny(t, targets) || targets.contains(t))
                .isPresent();
    }
}
