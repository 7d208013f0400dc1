package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.Profiles;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Flags a pool whose maximum means "no limit" (a negative DBCP2/commons-pool2 maxTotal, say). */
public final class UnboundedConnectionPool implements JavaRule.MethodCalls, ResourceRule {

    private static final RuleMetadata METADATA = RuleMetadata.builder("UnboundedConnectionPool")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.ERROR)
            .summary("Connection pool has no maximum")
            .explanation("""
                    DBCP2, commons-pool2, Jedis and Spring Boot's Redis pools take a negative maximum as "no \
                    limit" (DBCP 1.x any value of zero or less). That includes the pool configuration of \
                    JedisPool, JedisSentinelPool and JedisCluster and the one Lettuce's \
                    LettucePoolingClientConfiguration takes; Redisson and HikariCP have no such value. Such a pool never makes a caller wait: when \
                    traffic rises or the database slows down, every waiting request opens one more \
                    connection, until the server refuses new ones (Aurora at max_connections, about 1,722 on \
                    an Aurora PostgreSQL db.r7g.large). At that point every service that shares the \
                    database fails, not just this one, and a failover turns the backlog into a connection \
                    storm Configuration for a profile that does not run in production \
                    (application-dev.yml, a document activated on the test profile; see productionProfiles) is \
                    reported at info, naming the profile.""")
            .fix("""
                    Set a finite maximum sized to the work one instance does in parallel, with a bounded \
                    wait for a free connection so callers fail fast, and keep the total across replicas \
                    below the server's connection limit (RDS Proxy or PgBouncer when many instances share it).""")
            .badExample("""
                    BasicDataSource dataSource = new BasicDataSource();
                    dataSource.setUrl(url);
                    dataSource.setMaxTotal(-1);""")
            .goodExample("""
                    BasicDataSource dataSource = new BasicDataSource();
                    dataSource.setUrl(url);
                    dataSource.setMaxTotal(20);
                    dataSource.setMaxWait(Duration.ofSeconds(2));""")
            .options(Profiles.PRODUCTION_PROFILES)
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        Optional<PoolLibraries.SizeSetter> setter = PoolLibraries.setterOf(call, context.types());
        if (setter.isEmpty()) {
            return;
        }
        Optional<Long> value = context.constants().longValue(call.getArgument(0));
        if (value.isPresent() && setter.get().unlimited().test(value.get())) {
            // The receiver's own type when known (JedisPoolConfig rather than GenericObjectPoolConfig).
            String owner = call.getScope().flatMap(context.types()::typeOf)
                    .map(t -> t.substring(t.lastIndexOf('.') + 1)).orElse(setter.get().owner());
            String what = call.getNameAsString() + "(" + value.get() + ") on " + owner;
            context.report(call.getName(), call, message(what, setter.get().library()));
        }
    }

    @Override
    public boolean appliesTo(ResourceFile file) {
        return ConfigFiles.isApplicationConfig(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        Optional<List<ConfigProperty>> properties = PoolMessages.read(file, context);
        if (properties.isEmpty()) {
            return;
        }
        Set<Long> reported = new HashSet<>(); // a YAML alias repeats the key it points to
        for (ConfigProperty p : properties.get()) {
            Optional<PoolKeys.SizeKey> key = PoolKeys.sizeKeyOf(p);
            if (key.isEmpty()) {
                continue;
            }
            OptionalLong value = p.longValue();
            if (value.isPresent() && key.get().unlimited().test(value.getAsLong())
                    && reported.add(((long) p.line() << 32) | p.column())) {
                context.report(p.line(), p.column(), p.endLine(), p.endColumn(),
                        PoolMessages.severity(p.profile(), METADATA.defaultSeverity(), context.options()),
                        message(PoolMessages.describe(p), key.get().library())
                                + PoolMessages.profileNote(p.profile(), context.options()));
            }
        }
    }

    private static String message(String what, PoolLibraries.Library library) {
        String limit = library.database
                ? "until Aurora refuses new ones at max_connections and every service on the database fails"
                : "until the Redis server refuses new ones at its maxclients limit and every client of it fails";
        return what + " removes the pool's limit: when traffic rises or the server slows down, every waiting "
                + "request opens another connection " + limit + " " + PoolMessages.CITATION + ". Set a "
                + "finite maximum sized to the work one instance does in parallel, with a bounded wait for a "
                + "free connection.";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("connection-pool.types").or(Relevance.constantsOf(PoolLibraries.class, PoolKeys.class, PoolInventory.class, PoolMaximum.class, UnboundedConnectionPool.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
