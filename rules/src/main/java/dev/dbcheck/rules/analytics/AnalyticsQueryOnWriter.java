package dev.dbcheck.rules.analytics;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.MemoKey;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.sql.JavaSqlSites;
import dev.dbcheck.sql.MyBatisMapper;
import dev.dbcheck.xml.XmlTree;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;

/**
 * An aggregate query over a whole table ({@link Aggregates}) that runs on the writer of a project that configures a
 * reader ({@link Readers}): the guide's "Run analytics queries against Aurora read replicas, not the writer". Without
 * a reader nothing is reported: the advice presumes replicas exist, and adding one is an infrastructure decision.
 *
 * <p>The SQL is read where the destructive-SQL rules read it ({@link JavaSqlSites}: JDBC and Spring JDBC strings,
 * {@code @Query}, MyBatis {@code @Select}, JPA native queries; MyBatis mapper XML {@code <select>} through
 * {@link MyBatisMapper}). A query is routed to the reader, and not reported, when {@link Routing} says so: a
 * data-source switch naming any data source but the writer ({@code @DS("slave")}, a project's
 * {@code @DataSource(DataSourceType.SLAVE)}; an unknown SpEL switch counts as routed), a read-only transaction where
 * read-only transactions are routed, or a template qualified or named for a reader. A mapper XML statement is routed
 * by a switch on its mapper interface or method, or when a caller in a switched or read-only scope calls it.
 *
 * <p>Facts: the reader endpoint serves connections from the replicas (from the writer when the cluster has none),
 * AUR-UG {@code Aurora.Overview.Endpoints.md} (domain-facts.md section 7). dynamic-datasource: the default data source
 * is {@code master} ({@code spring.datasource.dynamic.primary}), names split on {@code _} form groups
 * ({@code slave_1}, {@code slave_2} are group {@code slave}), {@code @DS} on the method wins over the class
 * (baomidou/dynamic-datasource README). ShardingSphere read/write splitting routes reads by itself.
 */
public final class AnalyticsQueryOnWriter implements JavaRule.MethodCalls, JavaRule.Annotations,
        JavaRule.StringLiterals, JavaRule.TextBlocks, JavaRule.ClassDeclarations, ResourceRule, ProjectRule {

    public static final String ID = "AnalyticsQueryOnWriter";

    private static final RuleMetadata METADATA = RuleMetadata.builder(ID)
            .family(Family.AURORA_ANALYTICS)
            .severity(Severity.INFO)
            .summary("Aggregate query over a whole table runs on the writer although the project has a reader")
            .explanation("""
                    A GROUP BY, a window function, or a COUNT, SUM, AVG, MIN or MAX without a key in its WHERE \
                    reads every row of its table (or of a date range), however the table is indexed. On the \
                    writer such a query competes with the transactional workload for CPU, memory and I/O: as the \
                    table grows, a dashboard or a report slows every write of the application. Aurora replicas \
                    share the writer's storage and usually lag it by well under a second, so analytical reads \
                    belong there. Reported only when the project configures a reader: an Aurora reader endpoint \
                    (.cluster-ro-) in a JDBC URL, a reader data source of a dynamic or routing data source \
                    (dynamic-datasource's spring.datasource.dynamic.datasource.slave, a pool's slave, read, \
                    reader or replica data source), or read-only transactions routed to a replica (an \
                    AbstractRoutingDataSource keyed on isCurrentTransactionReadOnly(), the AWS JDBC Wrapper's \
                    readWriteSplitting plugin); without one the advice presumes replicas that do not exist yet, \
                    and nothing is reported. A query is on the writer unless a data-source switch (@DS("slave"), \
                    @DataSource(DataSourceType.SLAVE)) on its method or class names another data source, its \
                    read-only transaction is routed to the reader, or it goes through a template qualified or \
                    named for the reader. A query keyed by an id (count(*) where user_id = ?) reads one entity's \
                    rows and is not reported.""")
            .fix("""
                    Send the query to the reader: annotate the method or service with the reader's data source \
                    (@DS("slave")), run it through a JdbcTemplate on the reader's DataSource (the .cluster-ro- \
                    endpoint), or mark it @Transactional(readOnly = true) where read-only transactions are routed \
                    to the replicas. Monitor replica lag (AuroraReplicaLag) and alert when it exceeds what the \
                    report can tolerate. Keep on the writer only what must read its own writes.""")
            .badExample("""
                    // The reader: spring.datasource.dynamic.datasource.slave.url
                    static final String READER_URL =
                            "jdbc:mysql://shop.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com:3306/shop";

                    JdbcTemplate jdbc;

                    public List<Map<String, Object>> revenueByDay() {
                        return jdbc.queryForList(
                                "SELECT order_date, SUM(total) FROM orders GROUP BY order_date");
                    }""")
            .goodExample("""
                    // The reader: spring.datasource.dynamic.datasource.slave.url
                    static final String READER_URL =
                            "jdbc:mysql://shop.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com:3306/shop";

                    JdbcTemplate jdbc;

                    @DS("slave")
                    public List<Map<String, Object>> revenueByDay() {
                        return jdbc.queryForList(
                                "SELECT order_date, SUM(total) FROM orders GROUP BY order_date");
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    // ---- facts -----------------------------------------------------------------------------------------

    /**
     * An aggregate query.
     *
     * @param runs what runs it ("queryForList() runs ", "MyBatis <select id=\"count\"> runs ")
     * @param namespace for a mapper statement, its mapper interface; "" otherwise
     * @param method for a mapper statement, its id; "" otherwise
     * @param route the route's steps from the entry point ({@link Reach#routeText()})
     */
    record Query(String aggregate, String table, String sql, String runs, String switchTo, boolean readOnly,
            String receiver, String namespace, String method, String entryPoint, String route, int endLine,
            int endColumn) {}

    /** A switch or read-only transaction on a mapper interface (method "") or one of its methods. */
    record MapperRoute(String type, String method, String switchTo, boolean readOnly) {}

    /** A call to a project interface's method from a switched or read-only scope. */
    record RoutedCall(String type, String method, String switchTo, boolean readOnly) {}

    // ---- Java ------------------------------------------------------------------------------------------

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        sites(call, context);
        if (call.getNameAsString().equals("isCurrentTransactionReadOnly")
                && call.findAncestor(MethodDeclaration.class).filter(m -> m.getNameAsString()
                        .equals("determineCurrentLookupKey")).isPresent()) {
            String type = call.findAncestor(ClassOrInterfaceDeclaration.class)
                    .map(ClassOrInterfaceDeclaration::getNameAsString).orElse("a routing data source");
            context.addFact(call, new Readers.Reader(type + " (read-only transactions)", "",
                    Readers.Kind.READ_ONLY_ROUTING));
            return;
        }
        if (call.getScope().isEmpty() || !context.memo(SWITCHES, () -> Routing.anySwitch(context))) {
            return;
        }
        Routing.Route route = Routing.at(call, context);
        if (route.switchTo().isEmpty() && !route.readOnly()) {
            return;
        }
        context.types().typeOf(call.getScope().get()).filter(t -> context.model().contains(t)).ifPresent(t ->
                context.addFact(call, new RoutedCall(t, call.getNameAsString(), route.switchTo(), route.readOnly())));
    }

    /** Whether the file holds a data-source switch or a read-only transaction at all: most files hold neither. */
    private static final MemoKey<Boolean> SWITCHES = MemoKey.of("data-source switches in the file");

    @Override
    public void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        sites(annotation, context);
    }

    private void sites(Node node, JavaContext context) {
        for (JavaSqlSites.Site site : JavaSqlSites.at(node, context)) {
            Optional<Aggregates.Found> found = Aggregates.of(site.text());
            if (found.isEmpty()) {
                continue;
            }
            Routing.Route route = Routing.at(node, context);
            Reach reach = context.entryPoints().reach(node);
            var end = site.literal().getEnd().orElseThrow();
            // A query on a mapper or repository interface's method: callers in a switched scope route it too.
            Optional<MethodDeclaration> method = node.findAncestor(MethodDeclaration.class);
            Optional<ClassOrInterfaceDeclaration> owner = method.flatMap(m -> m.findAncestor(
                    ClassOrInterfaceDeclaration.class)).filter(ClassOrInterfaceDeclaration::isInterface);
            String namespace = owner.flatMap(ClassOrInterfaceDeclaration::getFullyQualifiedName).orElse("");
            String id = namespace.isEmpty() ? "" : method.get().getNameAsString();
            context.addFact(site.literal(), new Query(found.get().aggregate(), found.get().table(),
                    statement(site.text(), found.get().offset()), site.runs(), route.switchTo(), route.readOnly(),
                    route.receiver(), namespace, id, reach.entryPoint().map(e -> e.label()).orElse(""), reach.routeText(),
                    end.line, end.column));
        }
    }

    @Override
    public void visitStringLiteral(StringLiteralExpr literal, JavaContext context) {
        literal(literal, context);
    }

    @Override
    public void visitTextBlock(TextBlockLiteralExpr block, JavaContext context) {
        literal(block, context);
    }

    private void literal(LiteralStringValueExpr literal, JavaContext context) {
        String value = literal.getValue();
        if (value.contains(".rds.amazonaws.com") || value.contains("readWriteSplitting")) {
            Readers.fromUrl(value, "").ifPresent(r -> context.addFact(literal, r));
        }
    }

    @Override
    public void visitClassDeclaration(ClassOrInterfaceDeclaration type, JavaContext context) {
        if (!type.isInterface()) {
            return;
        }
        String name = type.getFullyQualifiedName().orElse(type.getNameAsString());
        Routing.Route own = Routing.of(type.getAnnotations(), context);
        if (!own.switchTo().isEmpty() || own.readOnly()) {
            context.addFact(type, new MapperRoute(name, "", own.switchTo(), own.readOnly()));
        }
        for (MethodDeclaration m : type.getMethods()) {
            Routing.Route r = Routing.of(m.getAnnotations(), context);
            if (!r.switchTo().isEmpty() || r.readOnly()) {
                context.addFact(m, new MapperRoute(name, m.getNameAsString(), r.switchTo(), r.readOnly()));
            }
        }
    }

    // ---- configuration and mapper XML -------------------------------------------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file) || file.lowerCaseName().endsWith(".xml");
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        if (ConfigFiles.isApplicationConfig(file)) {
            List<ConfigProperty> properties = ConfigFiles.read(file, context).orElse(List.of());
            for (Object o : Readers.fromConfig(properties)) {
                if (o instanceof Readers.Found f) {
                    context.addFact(f.line(), f.column(), f.reader());
                } else if (o instanceof Readers.Primary p) {
                    context.addFact(1, 1, p);
                }
            }
            return;
        }
        if (!file.text().contains("<mapper") || !file.text().contains("<select")) {
            return;
        }
        XmlTree.Element root;
        try {
            root = XmlTree.parse(file.text());
        } catch (XMLStreamException | RuntimeException e) {
            return; // the destructive-SQL rules note an unreadable mapper
        }
        if (!MyBatisMapper.isMapper(root)) {
            return;
        }
        String namespace = root.attribute("namespace").orElse("");
        for (MyBatisMapper.Statement s : MyBatisMapper.statements(root, Set.of("select"))) {
            if (s.problem().isPresent()) {
                continue;
            }
            String text = s.sql().text();
            Optional<Aggregates.Found> found = Aggregates.of(text);
            if (found.isEmpty()) {
                continue;
            }
            int[] at = s.sql().position(firstNonBlank(text, found.get().offset()));
            String line = at[0] - 1 < file.lines().size() ? file.lines().get(at[0] - 1) : "";
            context.addFact(at[0], at[1], new Query(found.get().aggregate(), found.get().table(),
                    statement(text, found.get().offset()), "MyBatis <select id=\"" + s.id() + "\"> runs ", "",
                    false, "", namespace, s.id(), "", "", at[0], Math.max(at[1], line.length())));
        }
    }

    private static int firstNonBlank(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The statement at {@code offset}, on one line, as far as its end or the next statement. */
    private static String statement(String text, int offset) {
        String rest = text.substring(Math.min(offset, text.length())).strip();
        int semicolon = rest.indexOf(';');
        return (semicolon < 0 ? rest : rest.substring(0, semicolon)).replaceAll("\\s+", " ").strip();
    }

    // ---- the decision ----------------------------------------------------------------------------------

    @Override
    public void finish(ProjectContext context) {
        List<Fact.Typed<Readers.Reader>> readers = mine(context, Readers.Reader.class);
        if (readers.isEmpty() || readers.stream().anyMatch(r -> r.value().kind() == Readers.Kind.AUTOMATIC)) {
            return; // no reader to send queries to, or every read already goes to one
        }
        Set<String> primaries = mine(context, Readers.Primary.class).stream()
                .map(p -> p.value().name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> readerSources = readers.stream().map(r -> r.value().dataSource().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        boolean readOnlyRouted = readers.stream().anyMatch(r -> r.value().kind() == Readers.Kind.READ_ONLY_ROUTING);
        Decision decision = new Decision(primaries, readerSources, readOnlyRouted);
        List<Fact.Typed<MapperRoute>> mapperRoutes = mine(context, MapperRoute.class);
        List<Fact.Typed<RoutedCall>> calls = mine(context, RoutedCall.class);
        Fact.Typed<Readers.Reader> reader = readers.stream()
                .filter(r -> r.value().kind() != Readers.Kind.READ_ONLY_ROUTING).findFirst().orElse(readers.get(0));
        String readerName = reader.value().name();
        String readerAt = reader.file().getFileName() + ":" + reader.line();
        Set<String> seen = new HashSet<>();
        for (Fact.Typed<Query> f : mine(context, Query.class)) {
            Query q = f.value();
            if (!seen.add(f.file() + ":" + f.line() + ":" + f.column())
                    || decision.routed(q.switchTo(), q.readOnly(), q.receiver())
                    || !q.namespace().isEmpty() && mapperRouted(q, mapperRoutes, calls, decision)) {
                continue;
            }
            report(context, f, q, readerName, readerAt);
        }
    }

    /** Whether a mapper statement's interface, method or a caller routes it away from the writer. */
    private static boolean mapperRouted(Query q, List<Fact.Typed<MapperRoute>> routes, List<Fact.Typed<RoutedCall>> calls,
            Decision decision) {
        for (Fact.Typed<MapperRoute> r : routes) {
            MapperRoute m = r.value();
            if (m.type().equals(q.namespace()) && (m.method().isEmpty() || m.method().equals(q.method()))
                    && decision.routed(m.switchTo(), m.readOnly(), "")) {
                return true;
            }
        }
        for (Fact.Typed<RoutedCall> c : calls) {
            RoutedCall call = c.value();
            if (call.type().equals(q.namespace()) && call.method().equals(q.method())
                    && decision.routed(call.switchTo(), call.readOnly(), "")) {
                return true;
            }
        }
        return false;
    }

    /** What the project's readers make of a route. */
    private record Decision(Set<String> primaries, Set<String> readerSources, boolean readOnlyRouted) {

        boolean routed(String switchTo, boolean readOnly, String receiver) {
            if (!switchTo.isEmpty()) {
                return !writer(switchTo); // a reader, another database, or a SpEL choice: not the writer
            }
            if (primaries.stream().anyMatch(p -> Readers.READER_NAME.matcher(p).matches())) {
                return true; // the default data source is a reader
            }
            if (readOnly && readOnlyRouted) {
                return true;
            }
            String r = receiver.toLowerCase(Locale.ROOT);
            return !receiver.isEmpty() && (Readers.READER_RECEIVER.matcher(receiver).matches()
                    || readerSources.stream().anyMatch(r::contains));
        }

        private boolean writer(String dataSource) {
            String d = dataSource.toLowerCase(Locale.ROOT);
            String group = d.contains("_") ? d.substring(0, d.indexOf('_')) : d;
            return primaries.contains(d) || primaries.contains(group)
                    || primaries.isEmpty() && Readers.WRITER_NAME.matcher(d).matches();
        }
    }

    private void report(ProjectContext context, Fact.Typed<Query> f, Query q, String readerName, String readerAt) {
        String over = q.aggregate().equals("GROUP BY") || q.aggregate().equals("window function")
                ? "a " + q.aggregate() : q.aggregate() + "()";
        // The statement itself when it is short and plain; otherwise what it is.
        String query = q.sql().length() <= 160 && !q.sql().contains("--") && !q.sql().contains("/*")
                ? "\"" + q.sql() + "\", " + over : (over.startsWith("a ") ? over : "a " + over) + " query";
        String message = q.runs() + query + " over table " + q.table() + " with no key in its WHERE, on the "
                + "writer, although the project configures a reader (" + readerName + " at " + readerAt + "): an "
                + "analytical query on the writer competes with the transactional workload for CPU, memory and I/O, "
                + "and slows every write as the table grows " + METADATA.family().cite()
                + ". Send it to the reader (a data-source switch such as @DS(\"slave\"), a template on the reader's "
                + "DataSource, or a read-only transaction routed to the replicas) and alert on replica lag.";
        String subject = "A " + q.aggregate() + " query over table " + q.table() + " runs on the writer";
        Details details = Headline.details(
                        subject + " while the project has a reader (" + readerName + "); send it to the reader.",
                        subject + " while the project has a reader; send it to the reader.",
                        "An aggregate query over a whole table runs on the writer while the project has a reader.")
                .withEvidence("reader", readerName)
                .withEvidence("aggregate", q.aggregate())
                .withEvidence("table", q.table());
        if (!q.entryPoint().isEmpty()) {
            details = details.withEvidence("entryPoint", q.entryPoint()).withPath(Reach.steps(q.route()));
        }
        context.report(f.file(), f.line(), f.column(), q.endLine(), q.endColumn(), METADATA.defaultSeverity(),
                message, details);
    }

    private <R extends Record> List<Fact.Typed<R>> mine(ProjectContext context, Class<R> type) {
        return context.facts(type).stream().filter(f -> f.fact().ruleId().equals(id())).toList();
    }

    /**
     * SQL sites, data-source switches (a caller's {@code @DS("slave")} routes a mapper statement), reader URLs and
     * read-only routing data sources. Not {@code readOnly} itself: {@code @Transactional(readOnly = true)} is in most
     * service files of some applications; a read-only caller is seen when its file is analysed for another reason,
     * which service files calling mappers usually are.
     */
    private static final Relevance RELEVANCE = JavaSqlSites.relevance()
            .or(Relevance.fragments("@DS(", "@DataSource(", "@Slave", "@Master", "isCurrentTransactionReadOnly",
                    ".rds.amazonaws.com", "readWriteSplitting"));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
