package dev.dbcheck.entrypoints;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.entrypoints.CallGraph.CallSite;
import dev.dbcheck.entrypoints.EntryPoint.Kind;
import dev.dbcheck.entrypoints.Reach.Route;
import dev.dbcheck.entrypoints.Reach.Verdict;
import dev.dbcheck.finding.Details;
import dev.dbcheck.flow.Arguments;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.model.ProjectType;
import dev.dbcheck.model.SourceTrees;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The project's entry points and the request path: for a method that holds a finding, whether and how it is
 * reached from an HTTP handler, a message listener, a Lambda or gRPC handler (per request), a scheduled job,
 * {@code main} or start-up code (not per request). Rules ask through {@code JavaContext.entryPoints()}:
 *
 * <pre>{@code
 * Reach reach = context.entryPoints().reach(call);
 * if (reach.verdict().perRequest()) {
 *     context.report(call, Severity.WARNING, message, reach.addTo(details)); // entryPoint=GET /orders/{id}, path
 * }
 * }</pre>
 *
 * <p>One instance per analysis, shared by every rule and file; nothing is computed until a rule asks, and each
 * method's answer is kept ({@link CallGraph} keeps each method's callers). The search goes backwards from the
 * method through its callers, breadth first (so the route shown is a shortest one), up to {@link #MAX_CALLS}
 * calls and {@link #MAX_FILES} files away (within the files the relevance filter keeps for the model), and stops
 * at entry points ({@link EntryPointKinds}), at calls that run once (a lazy guard, a cache loader, an initialiser,
 * a constructor nothing in the project creates: the container does, once) and at methods nobody calls. A project
 * with no entry point at all (no file writes one: {@code projectDeclaresEntryPoints}, a text test of every
 * file) is a library: its public methods that nothing calls are its entry points ({@link Kind#PUBLIC_API}).
 *
 * <p>Thread-safe without a lock (files are analysed in parallel, and a search reads other files' trees): answers
 * are kept in concurrent maps, here and in {@link CallGraph}; two threads that ask about the same method at once may
 * both search, and either answer (the same) is kept.
 */
public final class EntryPoints {

    /** How many calls back from a method the search follows. */
    public static final int MAX_CALLS = 8;

    /**
     * How many files away (a call from another file is one step): the relevance filter keeps every file that reaches
     * a relevant one through {@code ProjectModel.DEPENDENCY_DEPTH} + 1 mentions, so the callers the search reads
     * are there whether the filter is on or off.
     */
    public static final int MAX_FILES = 4;

    /** Methods looked at per question, at most: a bound on a search through a widely called helper. */
    private static final int MAX_METHODS = 400;

    private final ProjectModel model;
    private final MethodSummaries summaries;
    private final SourceTrees trees;
    private final BooleanSupplier declaresEntryPoints;
    private final CallGraph graph;
    private final Map<String, Reach> known = new ConcurrentHashMap<>();
    private volatile Boolean application;
    private final AtomicLong nanos = new AtomicLong();

    /**
     * @param declaresEntryPoints whether some file of the project (not only of the model) declares an entry point;
     *     asked once, only when a search finds no entry point
     */
    public EntryPoints(MethodSummaries summaries, SourceTrees trees, BooleanSupplier declaresEntryPoints) {
        this.model = summaries.model();
        this.summaries = summaries;
        this.trees = trees;
        this.declaresEntryPoints = declaresEntryPoints;
        this.graph = new CallGraph(model, summaries, trees);
    }

    /** No project: every method is {@link Verdict#UNKNOWN}. */
    public static EntryPoints none() {
        return new EntryPoints(MethodSummaries.none(), SourceTrees.NONE, () -> true);
    }

    /**
     * How the code at {@code node} is reached: the reach of the method (or constructor) that holds it, through
     * lambdas and anonymous classes to the declared method around them. Code outside any method (an initialiser)
     * runs once.
     */
    public Reach reach(Node node) {
        Node n = node;
        boolean function = false;
        while (true) {
            Optional<Node> holder = n.findAncestor(x -> x instanceof CallableDeclaration<?> || x instanceof LambdaExpr,
                    Node.class);
            if (holder.isEmpty()) {
                return Reach.UNKNOWN;
            }
            n = holder.get();
            Optional<MethodInfo> info = n instanceof MethodDeclaration || n instanceof ConstructorDeclaration
                    ? summaries.info((CallableDeclaration<?>) n) : Optional.empty();
            if (info.isPresent()) {
                return function ? escaped(reach(info.get())) : reach(info.get());
            }
            // A lambda or a method of an anonymous class runs when whoever holds it calls it; a lambda handed to a
            // call that runs it before returning (a template's callback, forEach) runs with its creator.
            function |= !runsBeforeReturning(n);
        }
    }

    /** Calls that run the function they are given before they return: the function runs with the caller. */
    private static final Set<String> RUN_NOW = Set.of("forEach", "ifPresent", "ifPresentOrElse", "computeIfAbsent",
            "computeIfPresent", "compute", "merge", "removeIf", "replaceAll", "doInTransaction", "runInTransaction");

    /**
     * Template methods that run their callback before they return, on the templates that do so: Spring's Redis,
     * JDBC and transaction templates. An {@code Executor}'s {@code execute} runs it later, on another thread.
     */
    private static final Set<String> TEMPLATE_RUN_NOW = Set.of("execute", "executePipelined",
            "executeWithStickyConnection");
    private static final Set<String> CALLBACK_TEMPLATES = Set.of("org.springframework.data.redis.core.RedisOperations",
            "org.springframework.jdbc.core.JdbcOperations", "org.springframework.transaction.support.TransactionOperations",
            "org.springframework.transaction.support.TransactionTemplate");
    /** The callbacks those templates take. */
    private static final Set<String> CALLBACKS = Set.of("org.springframework.data.redis.core.RedisCallback",
            "org.springframework.data.redis.core.SessionCallback", "org.springframework.jdbc.core.ConnectionCallback",
            "org.springframework.jdbc.core.StatementCallback",
            "org.springframework.transaction.support.TransactionCallback");

    /** A lambda passed (perhaps cast) straight to a call that runs it before returning. */
    private boolean runsBeforeReturning(Node function) {
        if (!(function instanceof LambdaExpr lambda)) {
            return false;
        }
        Expression argument = Arguments.asPassed(lambda);
        Optional<MethodCallExpr> call = argument.getParentNode().filter(MethodCallExpr.class::isInstance)
                .map(MethodCallExpr.class::cast).filter(c -> c.getArguments().stream().anyMatch(a -> a == argument));
        if (call.isEmpty()) {
            return false;
        }
        String name = call.get().getNameAsString();
        if (RUN_NOW.contains(name)) {
            return true;
        }
        if (!TEMPLATE_RUN_NOW.contains(name) || call.get().getScope().isEmpty()) {
            return false;
        }
        Optional<CompilationUnit> cu = call.get().findCompilationUnit();
        if (cu.isEmpty()) {
            return false;
        }
        TypeResolver types = summaries.types(cu.get());
        Optional<String> receiver = types.typeOf(call.get().getScope().get());
        if (receiver.isPresent()) {
            return types.isSubtypeOfAny(receiver.get(), CALLBACK_TEMPLATES);
        }
        // A receiver the analysis cannot type (optional.get().execute(..)): the lambda's cast says it is a
        // template's callback.
        return argument instanceof CastExpr cast && types.resolve(cast.getType()).filter(CALLBACKS::contains)
                .isPresent();
    }

    /**
     * The reach of a lambda or anonymous class: the method that creates it when that runs per request (the function
     * runs within the request, or later, per request too); otherwise nothing is known of when it runs (a function
     * a {@code @Bean} method returns runs whenever its holder calls it), which in a library is its public API.
     */
    private Reach escaped(Reach creator) {
        if (creator.verdict().perRequest()) {
            return creator;
        }
        return isApplication() ? new Reach(Verdict.UNKNOWN, List.of()) : new Reach(Verdict.PUBLIC_API, List.of());
    }

    /** How {@code method} is reached from the project's entry points. */
    public Reach reach(MethodInfo method) {
        Reach r = known.get(method.key());
        if (r == null) {
            long start = System.nanoTime();
            Reach computed = search(method);
            nanos.addAndGet(System.nanoTime() - start);
            r = known.putIfAbsent(method.key(), computed);
            if (r == null) {
                r = computed;
            }
        }
        return r;
    }

    /** Whether the project declares an entry point (an application) or none (a library: its public API is). */
    public boolean isApplication() {
        Boolean known = application;
        if (known == null) {
            known = declaresEntryPoints.getAsBoolean(); // the same answer whichever thread asks first
            application = known;
        }
        return known;
    }

    /**
     * What the analysis cost, for the debug log: how many methods were asked about, their callers, the time; empty
     * when no rule asked.
     */
    public Optional<String> stats() {
        return known.isEmpty() ? Optional.empty() : Optional.of(known.size() + " methods asked about, the callers of "
                + graph.size() + " methods found, " + nanos.get() / 1_000_000 + " ms");
    }

    /** The entry point {@code method} itself is, if it is one. */
    public Optional<Kind> kindOf(MethodInfo method) {
        return EntryPointKinds.kindOf(method, model);
    }

    // ---- the search ----------------------------------------------------------------------------------------

    /** A method on the way, with the calls from it down to the method asked about. */
    private record Visit(MethodInfo method, List<Details.Step> steps, List<String> methods, int calls, int files) {}

    private Reach search(MethodInfo target) {
        List<Route> routes = new ArrayList<>();
        List<Visit> publicRoots = new ArrayList<>();
        boolean openEnd = false;
        Set<String> seen = new HashSet<>();
        seen.add(target.key());
        ArrayDeque<Visit> work = new ArrayDeque<>();
        work.add(new Visit(target, List.of(), List.of(display(target)), 0, 0));
        while (!work.isEmpty()) {
            Visit v = work.poll();
            Optional<Kind> kind = EntryPointKinds.kindOf(v.method(), model);
            if (kind.isPresent()) {
                routes.add(route(kind.get(), v));
                continue;
            }
            List<CallSite> sites = graph.callersOf(v.method());
            if (sites.isEmpty()) {
                if (MethodInfo.CONSTRUCTOR.equals(v.method().name())) {
                    routes.add(route(Kind.STARTUP, v)); // nothing in the project creates it: the container does
                } else {
                    openEnd = true;
                    if (isPublicApi(v.method())) {
                        publicRoots.add(v);
                    }
                }
                continue;
            }
            for (CallSite site : sites) {
                Details.Step step = new Details.Step(site.file(), site.line(), site.column(),
                        (site.caller() == null ? "an initialiser" : display(site.caller())) + " calls "
                                + display(v.method()));
                if (site.once() || site.caller() == null) {
                    routes.add(new Route(startup(site), prepend(step, v.steps()), v.methods()));
                    continue;
                }
                if (!seen.add(site.caller().key())) {
                    continue;
                }
                int files = v.files() + (site.file().equals(fileOf(v.method())) ? 0 : 1);
                if (v.calls() + 1 > MAX_CALLS || files > MAX_FILES || seen.size() > MAX_METHODS) {
                    openEnd = true;
                    continue;
                }
                work.add(new Visit(site.caller(), prepend(step, v.steps()), prepend(display(site.caller()), v.methods()),
                        v.calls() + 1, files));
            }
        }
        if (routes.stream().noneMatch(r -> r.entryPoint().kind().perRequest()) && !publicRoots.isEmpty()
                && !isApplication()) {
            for (Visit root : publicRoots) {
                routes.add(route(Kind.PUBLIC_API, root));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.entryPoint().kind().ordinal()));
        return new Reach(verdict(routes, openEnd), routes);
    }

    private static Verdict verdict(List<Route> routes, boolean openEnd) {
        if (routes.stream().anyMatch(r -> r.entryPoint().kind().perRequest() && r.entryPoint().kind() != Kind.PUBLIC_API)) {
            return Verdict.PER_REQUEST;
        }
        if (routes.stream().anyMatch(r -> r.entryPoint().kind() == Kind.PUBLIC_API)) {
            return Verdict.PUBLIC_API;
        }
        if (openEnd || routes.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        return routes.stream().anyMatch(r -> r.entryPoint().kind() == Kind.SCHEDULED) ? Verdict.SCHEDULED_ONLY
                : Verdict.ONCE_ONLY;
    }

    /** A method a library's user may call: any but a private one (a package's classes are its API to that package). */
    private static boolean isPublicApi(MethodInfo method) {
        return !method.modifiers().contains("private");
    }

    private Route route(Kind kind, Visit v) {
        MethodInfo m = v.method();
        CallableDeclaration<?> declaration = kind == Kind.PUBLIC_API || kind == Kind.MAIN ? null
                : summaries.declaration(m).orElse(null);
        String label = EntryPointKinds.label(kind, m, declaration);
        Path file = fileOf(m);
        EntryPoint entry = new EntryPoint(kind, label, m, file, m.line());
        Details.Step first = new Details.Step(file, m.line(), 1, label + " in " + display(m));
        return new Route(entry, prepend(first, v.steps()), v.methods());
    }

    private EntryPoint startup(CallSite site) {
        return new EntryPoint(Kind.STARTUP, "start-up", site.caller(), site.file(), site.line());
    }

    private Path fileOf(MethodInfo m) {
        return model.type(m.owner()).map(ProjectType::file).orElse(null);
    }

    /** {@code DictController.list}, the type named without its package (nested types with their outer ones). */
    private String display(MethodInfo m) {
        String owner = model.type(m.owner()).map(t -> t.packageName().isEmpty() ? t.name()
                : t.name().substring(t.packageName().length() + 1)).orElse(m.owner());
        return owner + "." + (MethodInfo.CONSTRUCTOR.equals(m.name()) ? "new" : m.name());
    }

    private static <T> List<T> prepend(T first, List<T> rest) {
        List<T> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
