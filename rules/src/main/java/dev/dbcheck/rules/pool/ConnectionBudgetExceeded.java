package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.Profiles;
import dev.dbcheck.config.Replicas;
import dev.dbcheck.finding.Details;
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
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.pool.PoolInventory.PoolFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The guide's arithmetic done for the user: the service's database pools ({@link PoolInventory}) times its
 * replicas ({@link Replicas}, or the replicas option), against the database's {@code max_connections} times
 * {@code connectionBudget} ({@link BudgetSettings}). Files only record facts; the decision is in {@link #finish}.
 */
public final class ConnectionBudgetExceeded implements JavaRule.MethodCalls, JavaRule.ObjectCreations,
        JavaRule.ClassDeclarations, ResourceRule, ProjectRule {

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
                    project. Redis pools (Jedis, Lettuce, Redisson, Spring Data Redis) are not counted: \
                    their connections go to Redis, not to the database The budget counts the pools of \
                    production's configuration (no profile, or a profile in productionProfiles); when only another \
                    profile's pools exceed it, the finding is at info and names the profile.""")
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
            .options(BudgetSettings.INSTANCE_CLASS, BudgetSettings.ENGINE, BudgetSettings.MAX_CONNECTIONS,
                    BudgetSettings.REPLICAS, BudgetSettings.BUDGET, Profiles.PRODUCTION_PROFILES)
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void validate(AnalysisOptions options) {
        BudgetSettings.of(options);
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        PoolInventory.record(call, context);
    }

    @Override
    public void visitObjectCreation(ObjectCreationExpr creation, JavaContext context) {
        PoolInventory.record(creation, context);
    }

    @Override
    public void visitClassDeclaration(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration type,
            JavaContext context) {
        LambdaFacts.record(type, context);
    }

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file) || Replicas.mayDeclare(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        if (ConfigFiles.isApplicationConfig(file)) {
            PoolInventory.record(file, context);
        } else if (LambdaFacts.isTemplate(file)) {
            LambdaFacts.record(file, context);
        } else {
            Replicas.read(file).forEach(r -> context.addFact(r.line(), r.column(), r));
        }
    }

    @Override
    public void finish(ProjectContext context) {
        List<Fact.Typed<PoolFact>> facts = context.facts(PoolFact.class);
        // Production's pools decide; the other profiles' worst case is told at info when it alone is over budget.
        List<Fact.Typed<PoolFact>> pools = PoolInventory.pools(facts.stream()
                .filter(f -> Profiles.isProduction(f.value().profile(), context.options())).toList());
        List<Fact.Typed<PoolFact>> anyProfile = PoolInventory.pools(facts);
        if (anyProfile.isEmpty()) {
            return;
        }
        BudgetSettings settings = BudgetSettings.of(context.options());
        Optional<Replicas.Count> manifests = Replicas.largest(
                context.facts(Replicas.Count.class).stream().map(Fact.Typed::value).toList(), Replicas.Count::count);
        // Lambda: every concurrent execution environment holds its own pools; concurrency is the replica count.
        boolean lambda = context.facts(LambdaFacts.LambdaHandler.class).stream()
                .anyMatch(f -> f.fact().ruleId().equals(id()));
        Optional<LambdaFacts.LambdaConcurrency> concurrency = LambdaFacts.concurrency(context
                .facts(LambdaFacts.LambdaConcurrency.class).stream().filter(f -> f.fact().ruleId().equals(id()))
                .map(Fact.Typed::value).toList(), lambda);
        Optional<Replicas.Count> replicaFile = manifests.isEmpty() && concurrency.isPresent()
                ? Optional.of(new Replicas.Count(concurrency.get().count(), concurrency.get().source(), 1, 1))
                : manifests;
        List<String> missing = new ArrayList<>();
        if (settings.limit().isEmpty()) {
            missing.add("the database's max_connections (set dbInstanceClass and dbEngine, or maxConnections)");
        }
        if (settings.replicas().isEmpty() && replicaFile.isEmpty()) {
            missing.add("the number of replicas (set replicas, or keep the Kubernetes manifests or Helm values "
                    + "in the project)");
        }
        if (!missing.isEmpty()) {
            context.log().accept(id() + " did not check the connection budget of " + anyProfile.size() + " pool"
                    + (anyProfile.size() == 1 ? "" : "s") + ": it needs " + String.join(" and ", missing) + ".");
            return;
        }
        long replicas = settings.replicas().map(Integer::longValue).orElseGet(() -> replicaFile.get().count());
        String replicaSource = settings.replicas().isPresent() ? "the replicas parameter" : replicaFile.get().source();
        BudgetSettings.Limit limit = settings.limit().get();
        long allowed = (long) Math.floor(limit.maxConnections() * settings.budget());
        long perReplica = pools.stream().mapToLong(p -> p.value().size()).sum();
        long total = perReplica * replicas;
        if (total > allowed) {
            report(context, pools, perReplica, replicas, replicaSource, total, allowed, limit, settings.budget(), "");
            return;
        }
        long perReplicaAnyProfile = anyProfile.stream().mapToLong(p -> p.value().size()).sum();
        if (perReplicaAnyProfile * replicas > allowed) {
            List<String> profiles = anyProfile.stream().map(p -> p.value().profile())
                    .filter(p -> !Profiles.isProduction(p, context.options())).distinct().toList();
            report(context, anyProfile, perReplicaAnyProfile, replicas, replicaSource,
                    perReplicaAnyProfile * replicas, allowed, limit, settings.budget(),
                    " Reported at info: " + Profiles.notProduction(String.join(", ", profiles), context.options())
                            + ".");
        }
    }

    private static void report(ProjectContext context, List<Fact.Typed<PoolFact>> pools, long perReplica,
            long replicas, String replicaSource, long total, long allowed, BudgetSettings.Limit limit, double share,
            String profileNote) {
        Fact.Typed<PoolFact> largest = pools.stream().max(Comparator.comparingLong(p -> p.value().size()))
                .orElseThrow();
        String connections = pools.size() == 1
                ? PoolMessages.number(perReplica) + " connections"
                : PoolMessages.number(perReplica) + " connections (" + PoolMessages.number(largest.value().size())
                        + " here + " + String.join(" + ", pools.stream().filter(p -> p != largest)
                                .map(p -> PoolMessages.number(p.value().size()) + " from " + p.value().describe() + " at "
                                        + p.file().getFileName() + ":" + p.line())
                                .toList()) + ")";
        long fitting = allowed / replicas;
        String message = largest.value().describe() + ": " + connections + " x " + PoolMessages.number(replicas)
                + " replicas = " + PoolMessages.number(total) + " > " + percent(share) + " of "
                + PoolMessages.number(limit.maxConnections()) + " (" + limit.description() + "); "
                + "replicas from " + replicaSource + ". Every replica can fill its pools at once, at peak or when all "
                + "pods reconnect after a failover, and Aurora then refuses new connections for every client of the "
                + "database " + PoolMessages.CITATION + ". Put RDS Proxy or PgBouncer between the service "
                + "and Aurora, or keep the pools at " + (fitting < 1 ? "less than one connection"
                        : PoolMessages.number(fitting) + " connection" + (fitting == 1 ? "" : "s"))
                + " per replica in total." + profileNote;
        context.report(largest.file(), largest.line(), largest.column(), largest.value().endLine(),
                largest.value().endColumn(), profileNote.isEmpty() ? METADATA.defaultSeverity() : Severity.INFO,
                message, Details.NONE);
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%d", (long) p)
                : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("connection-pool.types").or(Relevance.constantsOf(PoolLibraries.class, PoolKeys.class, PoolInventory.class, PoolMaximum.class, ConnectionBudgetExceeded.class, LambdaFacts.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
