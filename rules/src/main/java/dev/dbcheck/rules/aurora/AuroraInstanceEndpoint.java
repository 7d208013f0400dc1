package dev.dbcheck.rules.aurora;

import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigSyntaxException;
import dev.dbcheck.config.Profiles;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleMetadata.RuleOption;
import dev.dbcheck.rules.pool.AuroraMaxConnections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JDBC URL that names an Aurora instance endpoint instead of the cluster (writer) or reader endpoint.
 *
 * <p>RDS instance endpoints look exactly like Aurora instance endpoints, so a URL is flagged only when the
 * project is known to use Aurora: the {@code dbEngine} option is {@code aurora-*}, a cluster endpoint
 * ({@code .cluster-}, {@code .cluster-ro-}, {@code .cluster-custom-}) with the same {@code {id}} appears
 * anywhere in the project, or the URL itself goes through the AWS Advanced JDBC Wrapper
 * ({@code jdbc:aws-wrapper:}). With {@code dbEngine} set to {@code postgres} or {@code mysql} nothing is
 * flagged. Each file records the endpoints it mentions as facts; the decision is made once all are read.
 *
 * <p>Facts: endpoint shapes and "the cluster endpoint always points to the current primary" are from AUR-UG
 * {@code doc_source/Aurora.Overview.Endpoints.md} (domain-facts.md section 7), which also says the IP
 * behind the cluster endpoint changes on failover.
 */
public final class AuroraInstanceEndpoint implements JavaRule.StringLiterals, JavaRule.TextBlocks,
        ResourceRule, ProjectRule {

    static final RuleOption<AuroraMaxConnections.Engine> ENGINE = AuroraMaxConnections.DB_ENGINE;
    static final String ENDPOINT = "endpoint";

    private static final RuleMetadata METADATA = RuleMetadata.builder("AuroraInstanceEndpoint")
            .family(Family.AURORA_FAILOVER)
            .severity(Severity.WARNING)
            .summary("JDBC URL names an Aurora instance endpoint instead of the cluster endpoint")
            .explanation("""
                    An Aurora instance endpoint ({instance}.{id}.{region}.rds.amazonaws.com) always points to \
                    that one instance. Aurora fails over in under 30 seconds by promoting a replica, and the \
                    cluster endpoint ({cluster}.cluster-{id}...) follows the new writer; an instance endpoint \
                    does not. After a failover the application keeps talking to the old writer, now a reader \
                    that rejects every write or an instance that is gone, until someone changes the \
                    configuration and redeploys: the fast failover the guide counts on becomes an outage. \
                    RDS instance endpoints look the same, so the rule flags a URL only when the project is \
                    known to use Aurora: the dbEngine parameter is aurora-postgresql or aurora-mysql, a \
                    cluster endpoint with the same {id} appears in the project, or the URL uses the AWS \
                    Advanced JDBC Wrapper (jdbc:aws-wrapper:).""")
            .fix("""
                    Connect writers to the cluster endpoint ({cluster}.cluster-{id}.{region}.rds.amazonaws.com) \
                    and readers to the reader endpoint ({cluster}.cluster-ro-{id}...), or to a custom endpoint \
                    (cluster-custom-) for a chosen group of instances. Keep the JVM's DNS cache short \
                    (see DnsCacheTtlForever) so that the endpoint's new address is seen.""")
            .badExample("""
                    spring:
                      datasource:
                        url: jdbc:postgresql://orders-instance-1.c9akciq32.eu-west-1.rds.amazonaws.com:5432/orders
                      # the same cluster's reader endpoint is used elsewhere in the project:
                      reporting:
                        url: jdbc:postgresql://orders.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com:5432/orders""")
            .goodExample("""
                    spring:
                      datasource:
                        url: jdbc:postgresql://orders.cluster-c9akciq32.eu-west-1.rds.amazonaws.com:5432/orders
                      reporting:
                        url: jdbc:postgresql://orders.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com:5432/orders""")
            .options(ENGINE, Profiles.PRODUCTION_PROFILES)
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    // ---- Java literals ------------------------------------------------------------------------------

    @Override
    public void visitStringLiteral(StringLiteralExpr literal, JavaContext context) {
        visit(literal, context);
    }

    @Override
    public void visitTextBlock(TextBlockLiteralExpr block, JavaContext context) {
        visit(block, context);
    }

    private void visit(LiteralStringValueExpr node, JavaContext context) {
        String value = node.getValue();
        if (!value.contains(".rds.amazonaws.com")) {
            return;
        }
        var end = node.getEnd().orElseThrow();
        for (RdsEndpoints.Mention m : RdsEndpoints.find(value)) {
            context.addFact(ENDPOINT, node, data(m, end.line, end.column));
        }
    }

    // ---- configuration, manifests, Helm values ----------------------------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        String name = file.lowerCaseName();
        return ConfigFiles.isProperties(name) || ConfigFiles.isYaml(name);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        if (!file.text().contains(".rds.amazonaws.com")) {
            return;
        }
        List<String> lines = file.lines();
        Map<Integer, String> profiles = profilesByLine(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue; // a commented-out URL is not used
            }
            for (RdsEndpoints.Mention m : RdsEndpoints.find(line)) {
                int from = m.inJdbcUrl() ? line.indexOf(m.url()) : m.start();
                int to = m.inJdbcUrl() ? from + m.url().length() : m.end();
                Map<String, String> data = data(m, i + 1, to);
                data.put("profile", profiles.getOrDefault(i + 1, ""));
                context.addFact(ENDPOINT, i + 1, from + 1, data);
            }
        }
    }

    /**
     * The profile of each line of a Spring configuration file that holds a key ({@code application-dev.yml}, a
     * document activated on a profile); empty for other files and for a file that cannot be read.
     */
    private static Map<Integer, String> profilesByLine(ResourceFile file) {
        Map<Integer, String> out = new HashMap<>();
        if (!ConfigFiles.isApplicationConfig(file)) {
            return out;
        }
        try {
            ConfigFiles.read(file).forEach(p -> out.put(p.line(), p.profile()));
        } catch (ConfigSyntaxException e) {
            String profile = ConfigFiles.fileProfile(file.fileName());
            for (int i = 1; i <= file.lines().size(); i++) {
                out.put(i, profile);
            }
        }
        return out;
    }

    private static Map<String, String> data(RdsEndpoints.Mention m, int endLine, int endColumn) {
        Map<String, String> data = new HashMap<>();
        data.put("host", m.host());
        data.put("kind", m.kind().name());
        data.put("id", m.id());
        data.put("url", m.url());
        data.put("wrapper", Boolean.toString(m.awsWrapper()));
        data.put("endLine", Integer.toString(endLine));
        data.put("endColumn", Integer.toString(endColumn));
        return data;
    }

    // ---- the decision -------------------------------------------------------------------------------

    @Override
    public void finish(ProjectContext context) {
        Optional<AuroraMaxConnections.Engine> engine = context.options().get(ENGINE);
        boolean engineIsAurora = engine.filter(AuroraMaxConnections.Engine::aurora).isPresent();
        if (engine.isPresent() && !engineIsAurora) {
            return; // the user says the database is RDS, whose instance endpoints are the way to connect
        }
        List<Fact> endpoints = context.facts().stream()
                .filter(f -> f.ruleId().equals(id()) && f.kind().equals(ENDPOINT)).toList();
        for (Fact f : endpoints) {
            Map<String, String> d = f.data();
            if (!d.get("kind").equals(RdsEndpoints.Kind.INSTANCE.name()) || d.get("url").isEmpty()) {
                continue;
            }
            // The evidence closest to the URL: a cluster endpoint in the same file first.
            Optional<Fact> cluster = endpoints.stream()
                    .filter(c -> c.data().get("id").equals(d.get("id"))
                            && RdsEndpoints.Kind.valueOf(c.data().get("kind")).isClusterEndpoint())
                    .min(Comparator.comparing(c -> !c.file().equals(f.file())));
            String why;
            if (engineIsAurora) {
                why = "dbEngine is " + engine.get().id();
            } else if (Boolean.parseBoolean(d.get("wrapper"))) {
                why = "the URL uses the AWS Advanced JDBC Wrapper, which is for Aurora";
            } else if (cluster.isPresent()) {
                why = "the project also names the cluster endpoint " + cluster.get().data().get("host") + " at "
                        + cluster.get().file().getFileName() + ":" + cluster.get().line();
            } else {
                continue;
            }
            String instance = d.get("host");
            String clusterHost = cluster.map(c -> c.data().get("host").replaceFirst("(?i)\\.cluster-(ro-|custom-)?",
                    ".cluster-")).orElse("{cluster}.cluster-" + d.get("id") + instance.substring(
                            instance.indexOf('.', instance.indexOf('.') + 1)));
            String message = "The JDBC URL names the Aurora instance endpoint " + instance + " (" + why + "): after "
                    + "a failover the writer is another instance, and the application keeps connecting to this one, "
                    + "now a reader that rejects writes or gone, until it is redeployed "
                    + METADATA.family().cite() + ". Connect to the cluster endpoint " + clusterHost
                    + " for writes, or to its reader endpoint (.cluster-ro-) for reads.";
            String end = ": after a failover it is a reader or gone and the app still connects to it; use the cluster "
                    + "endpoint.";
            String profile = d.getOrDefault("profile", "");
            boolean production = Profiles.isProduction(profile, context.options());
            Details details = Headline.details(
                            "The JDBC URL names the Aurora instance endpoint " + instance + end,
                            "The JDBC URL names the endpoint of Aurora instance " + instance.substring(0,
                                    instance.indexOf('.') < 0 ? instance.length() : instance.indexOf('.')) + end,
                            "The JDBC URL names an Aurora instance endpoint" + end);
            if (!profile.isEmpty()) {
                details = details.withEvidence("profile", profile).withEvidence("production", production ? "yes" : "no");
            }
            context.report(f.file(), f.line(), f.column(), Integer.parseInt(d.get("endLine")),
                    Integer.parseInt(d.get("endColumn")), production ? METADATA.defaultSeverity() : Severity.INFO,
                    message + (production ? "" : " Reported at info: " + Profiles.notProduction(profile,
                            context.options()) + "."), details);
        }
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.fragments(".rds.amazonaws.com");

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
