package dev.dbcheck.rules.pool;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.ConfigSyntaxException;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.pool.AuroraMaxConnections.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The guide's arithmetic done for the user: the service's pools (configured maximum, or the library's
 * default) times its replicas, against the database's {@code max_connections} times {@code connectionBudget}.
 *
 * <p>Per file it records facts: pool sizes from code and configuration, replica counts from Kubernetes
 * manifests and Helm values. After every file it adds them up.
 */
public final class ConnectionBudgetExceeded implements JavaRule, ResourceRule, ProjectRule {

    static final String INSTANCE_CLASS = "dbInstanceClass";
    static final String ENGINE = "dbEngine";
    static final String MAX_CONNECTIONS = "maxConnections";
    static final String REPLICAS = "replicas";
    static final String BUDGET = "connectionBudget";
    static final double DEFAULT_BUDGET = 0.8;

    static final String POOL = "pool";
    static final String REPLICA = "replicas";

    /** Pools created in code: their default maximum applies unless a size setter is called on them. */
    static final Map<String, PoolLibraries.Library> CONSTRUCTED_POOLS = Map.of(
            "com.zaxxer.hikari.HikariConfig", PoolLibraries.Library.HIKARI,
            "com.zaxxer.hikari.HikariDataSource", PoolLibraries.Library.HIKARI,
            "org.apache.commons.dbcp2.BasicDataSource", PoolLibraries.Library.DBCP2,
            "org.apache.commons.dbcp.BasicDataSource", PoolLibraries.Library.DBCP1,
            "com.mchange.v2.c3p0.ComboPooledDataSource", PoolLibraries.Library.C3P0,
            "org.apache.tomcat.jdbc.pool.PoolProperties", PoolLibraries.Library.TOMCAT,
            "org.apache.tomcat.jdbc.pool.DataSource", PoolLibraries.Library.TOMCAT,
            "com.alibaba.druid.pool.DruidDataSource", PoolLibraries.Library.DRUID,
            "org.vibur.dbcp.ViburDBCPDataSource", PoolLibraries.Library.VIBUR);

    /** Binding a pool from configuration: its size is counted from the configuration file instead. */
    private static final Set<String> CONFIGURATION_PROPERTIES = Set.of(
            "org.springframework.boot.context.properties.ConfigurationProperties");

    /** Workload kinds whose {@code spec.replicas} counts, and the autoscaler whose {@code spec.maxReplicas} does. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet", "Rollout");
    private static final String AUTOSCALER = "HorizontalPodAutoscaler";

    private static final RuleMetadata METADATA = RuleMetadata.builder("ConnectionBudgetExceeded")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.ERROR)
            .summary("Connection pools times replicas exceed the database's max_connections")
            .explanation("""
                    Each replica of the service can fill its pools, at peak traffic or when every pod \
                    reconnects after a failover, so the database must accept the sum of the pool maximums \
                    times the number of replicas (the autoscaler's maximum in the worst case). Aurora's \
                    max_connections is fixed by the instance class: 1,722 on an Aurora PostgreSQL \
                    db.r7g.large and 1,000 on Aurora MySQL, less than the guide's "~2,000". The guide's \
                    example of 10 connections on 300 pods needs 3,000. Past the limit Aurora refuses new \
                    connections for every client, including the other services and the operators who try \
                    to fix it. The check uses the pools' configured maximums, or the library defaults \
                    (HikariCP 10, DBCP2 8, c3p0 15, Tomcat 100, Agroal 20, R2DBC 10) when unset, and \
                    replicas from the replicas parameter or the Kubernetes manifests and Helm values in the \
                    project.""")
            .fix("""
                    Put RDS Proxy or PgBouncer between the service and Aurora so that many client \
                    connections share few database connections, or make the pools smaller so that pools \
                    times replicas stay under connectionBudget (default 80%, the guide's alert threshold) of \
                    max_connections, or move to a larger instance class.""")
            .badExample("""
                    spring:
                      datasource:
                        url: jdbc:postgresql://orders.cluster-abc.eu-west-1.rds.amazonaws.com/orders
                        hikari:
                          maximum-pool-size: 12  # x 300 pods in the HPA = 3,600 > 80% of 1,722 on a db.r7g.large""")
            .goodExample("""
                    spring:
                      datasource:
                        # through RDS Proxy, which multiplexes the pods onto few database connections
                        url: jdbc:postgresql://orders-proxy.proxy-abc.eu-west-1.rds.amazonaws.com/orders
                        hikari:
                          maximum-pool-size: 4""")
            .options(
                    new RuleMetadata.RuleOption(INSTANCE_CLASS, "Database instance class, e.g. db.r7g.large", ""),
                    new RuleMetadata.RuleOption(ENGINE,
                            "Database engine: aurora-postgresql, aurora-mysql, postgres or mysql", ""),
                    new RuleMetadata.RuleOption(MAX_CONNECTIONS,
                            "The database's max_connections, when it is not the instance class's default", ""),
                    new RuleMetadata.RuleOption(REPLICAS,
                            "Largest number of replicas of the service (overrides Kubernetes and Helm files)", ""),
                    new RuleMetadata.RuleOption(BUDGET, "Share of max_connections the service may use",
                            String.valueOf(DEFAULT_BUDGET)))
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    // ---- options ------------------------------------------------------------------------------------

    /** The database's connection limit and what it is for, when the options tell. */
    record Limit(int maxConnections, String description) {}

    @Override
    public void validate(AnalysisOptions options) {
        limit(options);
        replicasOption(options);
        budget(options);
    }

    static Optional<Limit> limit(AnalysisOptions options) {
        Optional<Engine> engine = options.get(ENGINE).map(Engine::of);
        Optional<String> instanceClass = options.get(INSTANCE_CLASS);
        Optional<Integer> explicit = options.getInt(MAX_CONNECTIONS);
        if (explicit.isPresent()) {
            if (explicit.get() < 1) {
                throw new IllegalArgumentException("Parameter '" + MAX_CONNECTIONS
                        + "' must be a whole number of connections of at least 1, got '" + explicit.get() + "'");
            }
            String what = instanceClass.map(c -> c + ", ").orElse("") + engine.map(e -> e.id() + ", ").orElse("")
                    + "maxConnections";
            if (engine.isPresent() && instanceClass.isPresent()) {
                AuroraMaxConnections.defaultMaxConnections(engine.get(), instanceClass.get());
            }
            return Optional.of(new Limit(explicit.get(), what));
        }
        if (instanceClass.isPresent() && engine.isPresent()) {
            int max = AuroraMaxConnections.defaultMaxConnections(engine.get(), instanceClass.get());
            return Optional.of(new Limit(max, instanceClass.get() + ", " + engine.get().id()));
        }
        if (instanceClass.isPresent()) {
            // Fail fast on a class no engine knows; which engine's value applies is asked in the log.
            if (AuroraMaxConnections.find(instanceClass.get()).isEmpty()) {
                AuroraMaxConnections.defaultMaxConnections(Engine.POSTGRES, instanceClass.get());
            }
        }
        return Optional.empty();
    }

    static Optional<Integer> replicasOption(AnalysisOptions options) {
        Optional<Integer> replicas = options.getInt(REPLICAS);
        if (replicas.isPresent() && replicas.get() < 1) {
            throw new IllegalArgumentException("Parameter '" + REPLICAS + "' must be a whole number of at least 1, got '"
                    + replicas.get() + "'");
        }
        return replicas;
    }

    static double budget(AnalysisOptions options) {
        double budget = options.getDouble(BUDGET).orElse(DEFAULT_BUDGET);
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("Parameter '" + BUDGET
                    + "' must be a fraction of max_connections above 0 and at most 1 (e.g. 0.8), got '" + budget + "'");
        }
        return budget;
    }

    // ---- pools in code ------------------------------------------------------------------------------

    @Override
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class, ObjectCreationExpr.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        if (node instanceof MethodCallExpr call) {
            Optional<PoolLibraries.SizeSetter> setter = PoolLibraries.setterOf(call, context.types());
            if (setter.isEmpty() || !setter.get().library().database) {
                return;
            }
            Optional<Long> size = context.constants().longValue(call.getArgument(0));
            if (size.isPresent() && !setter.get().unlimited().test(size.get())) {
                Position end = call.getEnd().orElse(call.getName().getBegin().orElseThrow());
                context.addFact(POOL, call.getName(), poolData(setter.get().library(), size.get(), false,
                        call.getNameAsString() + "(" + size.get() + ")", "", end.line, end.column));
            }
            return;
        }
        ObjectCreationExpr creation = (ObjectCreationExpr) node;
        String simple = creation.getType().getNameAsString();
        if (!simple.endsWith("DataSource") && !simple.endsWith("Config") && !simple.endsWith("Properties")) {
            return;
        }
        Optional<String> type = context.types().resolve(creation.getType());
        PoolLibraries.Library library = type.map(CONSTRUCTED_POOLS::get).orElse(null);
        if (library == null || !creation.getArguments().isEmpty() || boundFromConfiguration(creation, context)
                || sizeSetOnTarget(creation, context)) {
            return;
        }
        Position end = creation.getEnd().orElse(creation.getBegin().orElseThrow());
        context.addFact(POOL, creation, poolData(library, library.defaultMax, true, "new " + simple + "()", "",
                end.line, end.column));
    }

    /** A {@code @ConfigurationProperties} factory method: the pool's size comes from the configuration file. */
    private static boolean boundFromConfiguration(Node node, JavaContext context) {
        return node.findAncestor(MethodDeclaration.class).map(m -> m.getAnnotations().stream()
                .anyMatch(a -> context.types().resolveName(a.getNameAsString())
                        .map(CONFIGURATION_PROPERTIES::contains)
                        .orElse(a.getNameAsString().equals("ConfigurationProperties"))))
                .orElse(false);
    }

    /** Whether a size setter is called on the variable or field the new pool is stored in. */
    @SuppressWarnings("rawtypes")
    private static boolean sizeSetOnTarget(ObjectCreationExpr creation, JavaContext context) {
        String target = null;
        Optional<Node> parent = creation.getParentNode();
        if (parent.isPresent() && parent.get() instanceof VariableDeclarator v) {
            target = v.getNameAsString();
        } else if (parent.isPresent() && parent.get() instanceof AssignExpr a) {
            Expression t = a.getTarget();
            target = t instanceof NameExpr n ? n.getNameAsString()
                    : t instanceof FieldAccessExpr f ? f.getNameAsString() : null;
        }
        if (target == null) {
            return false;
        }
        boolean field = parent.get().getParentNode().filter(FieldDeclaration.class::isInstance).isPresent()
                || parent.get() instanceof AssignExpr;
        Node scope = field ? creation.findAncestor(TypeDeclaration.class).map(t -> (Node) t).orElse(creation)
                : creation.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
                        .map(c -> (Node) c).orElse(creation.findAncestor(TypeDeclaration.class)
                                .map(t -> (Node) t).orElse(creation));
        String name = target;
        return !scope.findAll(MethodCallExpr.class, c -> PoolLibraries.SETTER_NAMES.contains(c.getNameAsString())
                && c.getScope().filter(s -> s instanceof NameExpr n && n.getNameAsString().equals(name)
                        || s instanceof FieldAccessExpr f && f.getNameAsString().equals(name)).isPresent())
                .isEmpty();
    }

    private static Map<String, String> poolData(PoolLibraries.Library library, long size, boolean isDefault,
            String label, String group, int endLine, int endColumn) {
        Map<String, String> data = new HashMap<>();
        data.put("library", library.name());
        data.put("size", Long.toString(size));
        data.put("default", Boolean.toString(isDefault));
        data.put("label", label);
        data.put("group", group);
        data.put("endLine", Integer.toString(endLine));
        data.put("endColumn", Integer.toString(endColumn));
        return data;
    }

    // ---- configuration, Kubernetes manifests and Helm values --------------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file) || ConfigFiles.isYaml(file.lowerCaseName());
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        if (ConfigFiles.isApplicationConfig(file)) {
            PoolMessages.read(file, context).ifPresent(properties -> recordConfigPools(properties, context));
            return;
        }
        String text = file.text();
        boolean helmValues = file.lowerCaseName().startsWith("values");
        if (!helmValues && !(text.contains("kind:") && text.contains("eplicas"))) {
            return;
        }
        List<ConfigProperty> keys;
        try {
            keys = ConfigFiles.readYaml(text);
        } catch (ConfigSyntaxException e) {
            return; // A Helm template or other non-YAML text: not a manifest this rule can read.
        }
        if (helmValues) {
            recordHelmReplicas(keys, file, context);
        } else {
            recordManifestReplicas(keys, file, context);
        }
    }

    private static void recordConfigPools(List<ConfigProperty> properties, ResourceContext context) {
        Map<String, PoolLibraries.Library> springType = new HashMap<>();
        for (ConfigProperty p : properties) {
            if (p.canonicalKey().equals("spring.datasource.type")) {
                PoolLibraries.springDataSourceType(p.value()).ifPresent(l -> springType.put(p.profile(), l));
            }
        }
        for (ConfigProperty p : properties) {
            Optional<PoolLibraries.SizeKey> size = PoolLibraries.sizeKeyOf(p);
            if (size.isPresent() && size.get().library().database) {
                OptionalLong value = p.longValue();
                if (value.isPresent() && !size.get().unlimited().test(value.getAsLong())) {
                    context.addFact(POOL, p.line(), p.column(), poolData(size.get().library(), value.getAsLong(),
                            false, PoolMessages.describe(p), PoolLibraries.group(p, size.get().groupSegments()),
                            p.endLine(), p.endColumn()));
                }
                continue;
            }
            Optional<PoolLibraries.PresenceKey> presence = PoolLibraries.presenceKeyOf(p);
            if (presence.isPresent()) {
                PoolLibraries.Library library = presence.get().pattern().startsWith("spring.datasource.")
                        ? springType.getOrDefault(p.profile(), springType.getOrDefault("", presence.get().library()))
                        : presence.get().library();
                context.addFact(POOL, p.line(), p.column(), poolData(library, library.defaultMax, true,
                        p.key() + (p.profile().isEmpty() ? "" : " (profile " + p.profile() + ")"),
                        PoolLibraries.group(p, presence.get().groupSegments()), p.endLine(), p.endColumn()));
            }
        }
    }

    private static void recordManifestReplicas(List<ConfigProperty> keys, ResourceFile file, ResourceContext context) {
        Map<Integer, List<ConfigProperty>> documents = new LinkedHashMap<>();
        for (ConfigProperty p : keys) {
            documents.computeIfAbsent(p.document(), d -> new ArrayList<>()).add(p);
        }
        for (List<ConfigProperty> doc : documents.values()) {
            String kind = value(doc, "kind").orElse("");
            String name = value(doc, "metadata.name").orElse("");
            String countKey = WORKLOADS.contains(kind) ? "spec.replicas"
                    : kind.equals(AUTOSCALER) ? "spec.maxReplicas" : null;
            if (countKey == null) {
                continue;
            }
            for (ConfigProperty p : doc) {
                if (p.key().equals(countKey) && p.longValue().isPresent() && p.longValue().getAsLong() > 0) {
                    recordReplicas(p, kind + (name.isEmpty() ? "" : " " + name) + " " + countKey, file, context);
                }
            }
        }
    }

    private static void recordHelmReplicas(List<ConfigProperty> keys, ResourceFile file, ResourceContext context) {
        boolean autoscalingDisabled = keys.stream().anyMatch(p -> p.key().equals("autoscaling.enabled")
                && "false".equalsIgnoreCase(String.valueOf(p.value()).trim()));
        for (ConfigProperty p : keys) {
            boolean count = p.key().equals("replicaCount")
                    || p.key().equals("autoscaling.maxReplicas") && !autoscalingDisabled;
            if (count && p.longValue().isPresent() && p.longValue().getAsLong() > 0) {
                recordReplicas(p, "Helm value " + p.key(), file, context);
            }
        }
    }

    private static void recordReplicas(ConfigProperty p, String label, ResourceFile file, ResourceContext context) {
        Map<String, String> data = new HashMap<>();
        data.put("count", Long.toString(p.longValue().getAsLong()));
        data.put("label", label + " in " + where(file) + ":" + p.line());
        context.addFact(REPLICA, p.line(), p.column(), data);
    }

    /** The file as {@code <root folder>/<path under it>}: {@code k8s/hpa.yaml}, {@code config/helm/values.yaml}. */
    private static String where(ResourceFile file) {
        Path root = file.path();
        for (int i = file.relativePath().split("/").length; i > 0 && root != null; i--) {
            root = root.getParent();
        }
        return root == null || root.getFileName() == null ? file.relativePath()
                : root.getFileName() + "/" + file.relativePath();
    }

    private static Optional<String> value(List<ConfigProperty> doc, String key) {
        return doc.stream().filter(p -> p.key().equals(key) && p.value() != null).map(p -> p.value().trim())
                .findFirst();
    }

    // ---- the budget ---------------------------------------------------------------------------------

    /** One pool of the service: the fact with its worst-case size. */
    private record Pool(Fact fact, long size) {
        PoolLibraries.Library library() {
            return PoolLibraries.Library.valueOf(fact.data().get("library"));
        }

        String describe() {
            boolean isDefault = Boolean.parseBoolean(fact.data().get("default"));
            String label = fact.data().get("label");
            return isDefault ? label + " (" + library().displayName + " default of " + size + ")"
                    : label + " (" + library().displayName + ")";
        }
    }

    @Override
    public void finish(ProjectContext context) {
        List<Pool> pools = pools(context.facts());
        if (pools.isEmpty()) {
            return;
        }
        AnalysisOptions options = context.options();
        Optional<Limit> limit = limit(options);
        Optional<Integer> replicasOption = replicasOption(options);
        Optional<Fact> replicaFact = context.facts().stream()
                .filter(f -> f.ruleId().equals(id()) && f.kind().equals(REPLICA))
                .max(Comparator.comparingLong(f -> Long.parseLong(f.data().get("count"))));
        List<String> missing = new ArrayList<>();
        if (limit.isEmpty()) {
            missing.add("the database's max_connections (set dbInstanceClass and dbEngine, or maxConnections)");
        }
        if (replicasOption.isEmpty() && replicaFact.isEmpty()) {
            missing.add("the number of replicas (set replicas, or keep the Kubernetes manifests or Helm values "
                    + "in the project)");
        }
        if (!missing.isEmpty()) {
            context.log().accept(id() + " did not check the connection budget of " + pools.size() + " pool"
                    + (pools.size() == 1 ? "" : "s") + ": it needs " + String.join(" and ", missing) + ".");
            return;
        }
        long replicas = replicasOption.map(Integer::longValue)
                .orElseGet(() -> Long.parseLong(replicaFact.get().data().get("count")));
        String replicaSource = replicasOption.isPresent() ? "the replicas parameter"
                : replicaFact.get().data().get("label");
        double share = budget(options);
        long allowed = (long) Math.floor(limit.get().maxConnections() * share);
        long perReplica = pools.stream().mapToLong(Pool::size).sum();
        long total = perReplica * replicas;
        if (total <= allowed) {
            return;
        }
        Pool largest = pools.stream().max(Comparator.comparingLong(Pool::size)).orElseThrow();
        String connections = pools.size() == 1
                ? PoolMessages.number(perReplica) + " connections"
                : PoolMessages.number(perReplica) + " connections (" + largest.size() + " here + "
                        + String.join(" + ", pools.stream().filter(p -> p != largest)
                                .map(p -> p.size() + " from " + p.describe() + " at " + p.fact().file().getFileName()
                                        + ":" + p.fact().line())
                                .toList()) + ")";
        long fitting = allowed / replicas;
        String message = largest.describe() + ": " + connections + " x " + PoolMessages.number(replicas)
                + " replicas = " + PoolMessages.number(total) + " > " + percent(share) + " of "
                + PoolMessages.number(limit.get().maxConnections()) + " (" + limit.get().description() + "); "
                + "replicas from " + replicaSource + ". Every replica can fill its pools at once, at peak or when all "
                + "pods reconnect after a failover, and Aurora then refuses new connections for every client of the "
                + "database (guide: " + PoolMessages.SECTION + "). Put RDS Proxy or PgBouncer between the service "
                + "and Aurora, or keep the pools at " + (fitting < 1 ? "less than one connection"
                        : PoolMessages.number(fitting) + " connection" + (fitting == 1 ? "" : "s"))
                + " per replica in total.";
        Fact f = largest.fact();
        context.report(f.file(), f.line(), f.column(), Integer.parseInt(f.data().get("endLine")),
                Integer.parseInt(f.data().get("endColumn")), message);
    }

    /**
     * The service's pools: every pool built in code, and one per configured data source with its worst case
     * over profiles (the largest configured maximum, or the default when no file sets one).
     */
    private List<Pool> pools(List<Fact> facts) {
        List<Fact> poolFacts = facts.stream().filter(f -> f.ruleId().equals(id()) && f.kind().equals(POOL)).toList();
        boolean codeDefinesDataSource = poolFacts.stream().anyMatch(f -> f.data().get("group").isEmpty());
        List<Pool> pools = new ArrayList<>();
        Map<String, List<Fact>> groups = new LinkedHashMap<>();
        for (Fact f : poolFacts) {
            String group = f.data().get("group");
            if (group.isEmpty()) {
                pools.add(new Pool(f, Long.parseLong(f.data().get("size"))));
            } else {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<String, List<Fact>> e : groups.entrySet()) {
            List<Fact> explicit = e.getValue().stream().filter(f -> !Boolean.parseBoolean(f.data().get("default")))
                    .toList();
            // Spring Boot backs off its own DataSource when the code defines one.
            if (explicit.isEmpty() && codeDefinesDataSource && e.getKey().equals("spring.datasource")) {
                continue;
            }
            List<Fact> candidates = explicit.isEmpty() ? e.getValue() : explicit;
            Fact worst = candidates.stream().max(Comparator.comparingLong(f -> Long.parseLong(f.data().get("size"))))
                    .orElseThrow();
            pools.add(new Pool(worst, Long.parseLong(worst.data().get("size"))));
        }
        return pools;
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%d", (long) p)
                : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
