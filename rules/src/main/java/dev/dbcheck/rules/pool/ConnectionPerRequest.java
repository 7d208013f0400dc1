package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.dbcheck.entrypoints.EntryPoint;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.flow.StartupCode;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags code that opens a physical connection, a non-pooling data source or a whole new pool in a method
 * that runs per operation rather than once at startup.
 */
public final class ConnectionPerRequest implements JavaRule.MethodCalls, JavaRule.ObjectCreations {

    static final MethodMatcher DRIVER_MANAGER = MethodMatcher.staticMethod()
            .onSubtypeOf("java.sql.DriverManager")
            .named("getConnection");

    /** Data sources that open a new physical connection on every getConnection(). */
    static final Set<String> NON_POOLING = Set.of(
            "org.springframework.jdbc.datasource.DriverManagerDataSource",
            "org.springframework.jdbc.datasource.SimpleDriverDataSource");

    /** Pools, by type, with the number of connections each new instance may open (its default maximum). */
    static final Map<String, PoolLibraries.Library> POOLS = Map.ofEntries(
            Map.entry("com.zaxxer.hikari.HikariDataSource", PoolLibraries.Library.HIKARI),
            Map.entry("org.apache.commons.dbcp2.BasicDataSource", PoolLibraries.Library.DBCP2),
            Map.entry("org.apache.commons.dbcp.BasicDataSource", PoolLibraries.Library.DBCP1),
            Map.entry("com.mchange.v2.c3p0.ComboPooledDataSource", PoolLibraries.Library.C3P0),
            Map.entry("org.apache.tomcat.jdbc.pool.DataSource", PoolLibraries.Library.TOMCAT),
            Map.entry("com.alibaba.druid.pool.DruidDataSource", PoolLibraries.Library.DRUID),
            Map.entry("org.vibur.dbcp.ViburDBCPDataSource", PoolLibraries.Library.VIBUR),
            Map.entry("io.r2dbc.pool.ConnectionPool", PoolLibraries.Library.R2DBC),
            Map.entry("redis.clients.jedis.JedisPool", PoolLibraries.Library.COMMONS_POOL2),
            Map.entry("redis.clients.jedis.JedisPooled", PoolLibraries.Library.COMMONS_POOL2));

    private static final RuleMetadata METADATA = RuleMetadata.builder("ConnectionPerRequest")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.WARNING)
            .summary("Connection or pool created for every operation")
            .explanation("""
                    DriverManager.getConnection, Spring's DriverManagerDataSource and SimpleDriverDataSource \
                    open a new physical connection every time: a TCP and TLS handshake and authentication \
                    before the first query, and a server process or thread on the database for each. A pool \
                    created inside a request handler is worse: it opens its own connections and is never \
                    shared. Under load, on scale-out and after an Aurora failover every request connects at \
                    once, a connection storm that exhausts max_connections (1,722 on an Aurora PostgreSQL \
                    db.r7g.large) and slows the database down for everyone. Code that runs once is not reported: \
                    constructors and initialisers, main, @Bean/@Produces/@Provides/@PostConstruct methods, \
                    afterPropertiesSet, overrides in @Configuration classes, init/start methods paired with \
                    close/stop, container callbacks (a JNDI ObjectFactory's getObjectInstance, Hibernate's \
                    Configurable.configure, servlet listeners' and filters' start-up callbacks, Keycloak \
                    provider factories' init/postInit), and the private methods only they call (three calls deep; a template method \
                    that a superclass's @Bean method calls is followed into the superclass's file); cache \
                    loaders, computeIfAbsent and keyed-singleton helpers, the project's own or hutool's \
                    Singleton (once per key); lazily initialised singletons (a null test, a map lookup, a cache \
                    another class holds or an early return while open, that keeps what it builds); and one \
                    connection that only checks settings (an admin's "test connection": isValid, getMetaData or \
                    an empty try-with-resources). The severity follows the request path (the finding's entryPoint evidence and path): \
                    a warning when an HTTP handler, a message listener, a Lambda or gRPC handler reaches the \
                    code (GET /system/dict/type/{type} through DictController.list and DictService.byType), or, \
                    in a project that declares no entry point (a library), its public API; info when only \
                    scheduled jobs reach it (one connection per run of the job), or when no entry point reaches \
                    it at all (code only a framework or reflection calls, or dead code); nothing when only main \
                    or start-up code reaches it.""")
            .fix("""
                    Create one pooled DataSource when the application starts (a @Bean or @Produces method, a \
                    constructor, a field, or a lazily initialised singleton) and borrow connections from it \
                    in each operation; put RDS Proxy or PgBouncer in front of Aurora when many instances \
                    share it.""")
            .badExample("""
                    Order find(long id) throws SQLException {
                        try (Connection c = DriverManager.getConnection(url, user, password);
                             PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE id = ?")) {
                            ps.setLong(1, id);
                            return map(ps.executeQuery());
                        }
                    }""")
            .goodExample("""
                    private final DataSource dataSource; // one HikariDataSource, created at startup

                    Order find(long id) throws SQLException {
                        try (Connection c = dataSource.getConnection();
                             PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE id = ?")) {
                            ps.setLong(1, id);
                            return map(ps.executeQuery());
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        if (DRIVER_MANAGER.matches(call, context.types()) && !StartupCode.of(context).runsOnce(call)
                && !onlyTested(call, context)) {
            report(call.getName(), call, context, "DriverManager.getConnection() in " + StartupCode.enclosingName(call)
                    + " opens a new physical database connection on every call, with a TCP and TLS handshake and "
                    + "authentication each time; " + STORM + " Borrow connections from one pooled DataSource "
                    + "created at startup (a @Bean or a field), behind RDS Proxy or PgBouncer when many instances "
                    + "share the database.", "DriverManager.getConnection() in " + StartupCode.enclosingName(call)
                    + " opens a new database connection");
        }
    }

    @Override
    public void visitObjectCreation(ObjectCreationExpr creation, JavaContext context) {
        String simple = creation.getType().getNameAsString();
        if (!simple.endsWith("DataSource") && !simple.endsWith("Pool") && !simple.endsWith("Pooled")) {
            return;
        }
        Optional<String> type = context.types().resolve(creation.getType());
        if (type.isEmpty() || StartupCode.of(context).runsOnce(creation) || returnedByFactory(creation)) {
            return;
        }
        String where = StartupCode.enclosingName(creation);
        if (NON_POOLING.contains(type.get())) {
            report(creation, creation, context, "new " + simple + "() in " + where + " is not a pool: every "
                    + "getConnection() on it opens a new physical database connection, and this one is created again "
                    + "on every call; " + STORM + " Create one pooled DataSource (HikariCP) at startup and reuse it.",
                    "new " + simple + "() in " + where + " opens a new database connection for every getConnection()");
            return;
        }
        PoolLibraries.Library library = POOLS.get(type.get());
        if (library != null) {
            String server = library.database ? "the database" : "Redis";
            report(creation, creation, context, "new " + simple + "() in " + where + " creates a new connection pool "
                    + "on every call: each pool opens its own connections to " + server + " ("
                    + PoolMaximum.of(creation, library, context).describe() + ") that no other call shares; " + STORM
                    + " Create the pool once at startup (a @Bean, a field or a lazily initialised singleton) and reuse "
                    + "it.", "new " + simple + "() in " + where + " creates a new connection pool to " + server);
        }
    }

    /**
     * Reports at the severity the request path decides: reached from a request entry point (or, in a library, from
     * its public API), a warning with the route; reached only from scheduled jobs, info (one connection per run of
     * a job, not a storm); reached only from {@code main} or start-up code, nothing (it runs once); reached from
     * no entry point the analysis sees, info (nothing shows that it runs per request).
     */
    private static void report(Node from, Node to, JavaContext context, String message, String headline) {
        Reach reach = context.entryPoints().reach(from);
        Details details = reach.addTo(Details.NONE);
        switch (reach.verdict()) {
            case PER_REQUEST, PUBLIC_API -> context.report(from, to, context.defaultSeverity(), message,
                    details.withHeadline(headline + ", " + reach.describe().orElse("per request") + "."));
            case SCHEDULED_ONLY -> context.report(from, to, Severity.INFO, message + " It is reached only from "
                    + "scheduled jobs: one connection per run, not per request.", details.withHeadline(headline
                    + " on each run of " + reach.entryPoint().map(EntryPoint::label).orElse("a scheduled job")
                    + ", not per request."));
            case UNKNOWN -> context.report(from, to, Severity.INFO, message + " No request entry point (HTTP "
                    + "handler, listener) reaches it in this project, so it may not run per request.",
                    details.withHeadline(headline + "; no request entry point reaches it."));
            case ONCE_ONLY -> { }
        }
    }

    /** What a connection that only checks settings does with them: nothing else. */
    private static final Set<String> CHECKS = Set.of("isValid", "isClosed", "getMetaData", "isReadOnly");

    /**
     * One connection that checks that settings work (an admin's "test connection" button): it is only asked
     * {@code isValid}, {@code getMetaData} (and closed), or opened by a try-with-resources whose body is empty or
     * returns a constant (it connected). A connection that runs a statement, or leaves the method, is used.
     */
    private static boolean onlyTested(MethodCallExpr call, JavaContext context) {
        Node parent = call.getParentNode().orElse(null);
        if (parent instanceof MethodCallExpr chained && chained.getScope().filter(s -> s == call).isPresent()) {
            return CHECKS.contains(chained.getNameAsString());
        }
        if (!(parent instanceof VariableDeclarator declarator)) {
            return false;
        }
        java.util.List<Expression> reads = ValueFlow.of(context).reads(ValueFlow.declaredBy(declarator));
        if (reads.isEmpty()) {
            // try (Connection ignored = DriverManager.getConnection(..)) { return true; }: it connected
            return declarator.findAncestor(TryStmt.class).filter(t -> t.getResources().stream()
                    .anyMatch(r -> r.isAncestorOf(declarator)) && t.getTryBlock().getStatements().stream()
                    .allMatch(st -> st instanceof ReturnStmt r && r.getExpression().map(Expression::isLiteralExpr)
                            .orElse(true))).isPresent();
        }
        boolean checked = false;
        for (Expression r : reads) {
            if (!(r.getParentNode().orElse(null) instanceof MethodCallExpr use)
                    || use.getScope().filter(s -> s == r).isEmpty()) {
                return false;
            }
            if (CHECKS.contains(use.getNameAsString())) {
                checked = true;
            } else if (!use.getNameAsString().equals("close")) {
                return false;
            }
        }
        return checked;
    }

    /**
     * A method other files call that builds a data source and returns it is a factory: its callers keep the
     * result (a {@code @Bean} method of another class, say), which one file cannot see. Private methods are
     * judged by their callers instead ({@link StartupCode}), lambdas always run per call.
     */
    private static boolean returnedByFactory(ObjectCreationExpr creation) {
        Optional<Node> owner = creation.findAncestor(n -> n instanceof LambdaExpr || n instanceof MethodDeclaration,
                Node.class);
        if (owner.isEmpty() || !(owner.get() instanceof MethodDeclaration method) || method.isPrivate()) {
            return false;
        }
        if (creation.getParentNode().filter(ReturnStmt.class::isInstance).isPresent()) {
            return true;
        }
        Optional<String> variable = creation.getParentNode().filter(VariableDeclarator.class::isInstance)
                .map(v -> ((VariableDeclarator) v).getNameAsString());
        return variable.isPresent() && method.findAll(ReturnStmt.class).stream()
                .anyMatch(r -> r.getExpression().filter(e -> e instanceof NameExpr n
                        && n.getNameAsString().equals(variable.get())).isPresent());
    }

    private static final String STORM = "under load, on scale-out and after a failover every operation connects at "
            + "once, a connection storm that exhausts the server's connection limit (Aurora's max_connections) " + PoolMessages.CITATION + ".";

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("connection-pool.types").or(Relevance.constantsOf(PoolLibraries.class, PoolKeys.class, PoolInventory.class, PoolMaximum.class, ConnectionPerRequest.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
