package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.config.ConfigFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Lambda handler that opens database connections to an RDS or Aurora endpoint that is not an RDS Proxy
 * endpoint, when the project names no proxy ({@link LambdaFacts}: a {@code .proxy-} host in its code,
 * configuration or templates, or an {@code AWS::RDS::DBProxy} resource). Reported at the handler class, with the
 * function's concurrency (reserved, or the regional default of 1,000, assumed) as the number of environments that
 * each hold their own connections. A handler whose endpoint the project does not name (an environment variable
 * set outside it) is not reported.
 */
public final class LambdaWithoutRdsProxy implements JavaRule.ClassDeclarations, ResourceRule, ProjectRule {

    private static final RuleMetadata METADATA = RuleMetadata.builder("LambdaWithoutRdsProxy")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.WARNING)
            .summary("Lambda function connects to RDS or Aurora without RDS Proxy")
            .explanation("""
                    Every concurrent Lambda execution environment is its own JVM with its own connections (a \
                    pool in a static field or the handler's constructor is one pool per environment), and a \
                    function without reserved concurrency scales to the account's regional limit, 1,000 by \
                    default. At a burst the database receives concurrency times the connections of one \
                    environment, and idle environments keep theirs open until Lambda reclaims them: Aurora's \
                    max_connections is a function of the instance size, and past it every client of the \
                    database is refused. RDS Proxy pools and multiplexes those connections; AWS recommends it \
                    for Lambda functions that use a relational database. Reported at a Lambda handler class \
                    (RequestHandler, RequestStreamHandler, or a handleRequest(.., Context) method) that opens \
                    connections (getConnection, a DataSource or HikariConfig) when the project names an RDS or \
                    Aurora endpoint (in the handler, the configuration or a SAM/CloudFormation or Serverless \
                    template) and no RDS Proxy (a .proxy- endpoint or an AWS::RDS::DBProxy resource).""")
            .fix("""
                    Create an RDS Proxy for the database and connect the function to the proxy endpoint \
                    (NAME.proxy-ID.REGION.rds.amazonaws.com), keep one small pool (1-2 connections) per \
                    environment, and reserve the function's concurrency so that concurrency times pool size \
                    stays within the proxy's share of max_connections.""")
            .badExample("""
                    public class OrdersFunction implements RequestHandler<Map<String, String>, String> {
                        private static final String URL =
                                "jdbc:postgresql://orders.cluster-abc123.eu-west-1.rds.amazonaws.com/orders";
                        public String handleRequest(Map<String, String> input, Context context) {
                            try (Connection c = DriverManager.getConnection(URL, user, password)) {
                                return "ok";
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }""")
            .goodExample("""
                    public class OrdersFunction implements RequestHandler<Map<String, String>, String> {
                        private static final String URL =
                                "jdbc:postgresql://orders-proxy.proxy-abc123.eu-west-1.rds.amazonaws.com/orders";
                        public String handleRequest(Map<String, String> input, Context context) {
                            try (Connection c = DriverManager.getConnection(URL, user, password)) {
                                return "ok";
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitClassDeclaration(ClassOrInterfaceDeclaration type, JavaContext context) {
        LambdaFacts.record(type, context);
    }

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file) || LambdaFacts.isTemplate(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        LambdaFacts.record(file, context);
    }

    @Override
    public void finish(ProjectContext context) {
        List<Fact.Typed<LambdaFacts.LambdaHandler>> handlers = mine(context, LambdaFacts.LambdaHandler.class);
        if (handlers.isEmpty()) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        boolean proxy = !mine(context, LambdaFacts.ProxyDeclared.class).isEmpty();
        for (Fact.Typed<LambdaFacts.DatabaseEndpoint> e : mine(context, LambdaFacts.DatabaseEndpoint.class)) {
            proxy |= e.value().kind().equals("proxy");
            hosts.add(e.value().host());
        }
        for (Fact.Typed<LambdaFacts.LambdaHandler> h : handlers) {
            for (String host : h.value().hosts().isEmpty() ? new String[0] : h.value().hosts().split(",")) {
                proxy |= host.endsWith("=proxy");
            }
        }
        if (proxy) {
            return;
        }
        LambdaFacts.LambdaConcurrency concurrency = LambdaFacts.concurrency(mine(context,
                LambdaFacts.LambdaConcurrency.class).stream().map(Fact.Typed::value).toList(), true).orElseThrow();
        for (Fact.Typed<LambdaFacts.LambdaHandler> h : handlers) {
            if (!h.value().connects()) {
                continue;
            }
            List<String> named = new ArrayList<>();
            if (!h.value().hosts().isEmpty()) {
                for (String host : h.value().hosts().split(",")) {
                    named.add(host.substring(0, host.indexOf('=')));
                }
            }
            named.addAll(hosts);
            if (named.isEmpty()) {
                continue;
            }
            String host = named.get(0);
            String count = PoolMessages.number(concurrency.count());
            String message = h.value().type() + " is a Lambda handler that opens database connections to " + host
                    + ", not through RDS Proxy: every concurrent execution environment holds its own connections, "
                    + "and up to " + count + " environments can run at once (" + concurrency.source() + "), so a "
                    + "burst can exhaust the database's max_connections for every client " + PoolMessages.CITATION
                    + ". Connect through an RDS Proxy endpoint (NAME.proxy-ID.REGION.rds.amazonaws.com) with one "
                    + "small pool per environment, and reserve the function's concurrency.";
            String headline = h.value().type() + " connects to " + host + " from up to " + count
                    + " Lambda environments without RDS Proxy; connect through a proxy endpoint";
            Details details = Details.headline(headline)
                    .withEvidence("endpoint", host)
                    .withEvidence("concurrency", Long.toString(concurrency.count()))
                    .withEvidence("concurrencySource", concurrency.source().startsWith("the regional default")
                            ? "assumed" : "reserved")
                    .withEvidence("entryPoint", "Lambda handler");
            context.report(h.file(), h.line(), h.column(), h.value().endLine(), h.value().endColumn(),
                    METADATA.defaultSeverity(), message, details);
        }
    }

    private <R extends Record> List<Fact.Typed<R>> mine(ProjectContext context, Class<R> type) {
        return context.facts(type).stream().filter(f -> f.fact().ruleId().equals(id())).toList();
    }

    private static final Relevance RELEVANCE = Relevance.constantsOf(LambdaFacts.class);

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
