package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.Profiles;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
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

/** Flags a pool maximum above {@code maxPoolSize} connections per instance, in code and in configuration files. */
public final class OversizedConnectionPool implements JavaRule.MethodCalls, ResourceRule {

    static final RuleMetadata.RuleOption<Integer> MAX_POOL_SIZE = RuleMetadata.RuleOption.wholeNumber("maxPoolSize",
            1, "Largest connection-pool maximum per instance before `OversizedConnectionPool` warns.").withDefault(50);

    private static final RuleMetadata METADATA = RuleMetadata.builder("OversizedConnectionPool")
            .family(Family.CONNECTION_POOL)
            .severity(Severity.WARNING)
            .summary("Connection pool maximum is larger than one instance needs")
            .explanation("""
                    Every instance of a service opens its pool's maximum number of connections under load, \
                    and the database sees the pool size times the number of replicas. Aurora's \
                    max_connections is a function of instance memory: about 1,000 on Aurora MySQL and 1,722 \
                    on Aurora PostgreSQL for a db.r7g.large. A pool of 100 on 20 pods is already 2,000 \
                    connections: new connections are refused, each idle connection holds server memory, and \
                    a failover makes every pod reconnect at once. A large pool rarely adds throughput: the \
                    database runs only as many queries at a time as it has cores. The rule reads database \
                    pools in code and in configuration, including any key under spring.datasource whose last \
                    part is a pool maximum (max-active, max-total, maximum-pool-size, max-pool-size, in any \
                    relaxed form), so the data sources of dynamic-datasource and Druid count too. Redis pools \
                    (Jedis, Lettuce, Redisson, Spring Data Redis) are not read: their connections go to Redis, \
                    whose limits differ from the database's, and Redisson's own default (64) is above the \
                    threshold Configuration for a profile that does not run in production \
                    (application-dev.yml, a document activated on the test profile; see productionProfiles) is \
                    reported at info, naming the profile.""")
            .fix("""
                    Size the pool to the work one instance does in parallel (HikariCP suggests about twice \
                    the database's cores, shared by all clients), keep the total across replicas below the \
                    database's max_connections, and put RDS Proxy or PgBouncer in front of Aurora when many \
                    instances share it. The threshold is the maxPoolSize parameter (default 50).""")
            .badExample("""
                    @Bean
                    DataSource dataSource(DatabaseSettings settings) {
                        HikariConfig config = new HikariConfig();
                        config.setJdbcUrl(settings.url());
                        config.setMaximumPoolSize(200);
                        return new HikariDataSource(config);
                    }""")
            .goodExample("""
                    @Bean
                    DataSource dataSource(DatabaseSettings settings) {
                        HikariConfig config = new HikariConfig();
                        config.setJdbcUrl(settings.url());
                        config.setMaximumPoolSize(10);
                        return new HikariDataSource(config);
                    }""")
            // The database options are the connection budget's: when they say which database, messages quote it.
            .options(MAX_POOL_SIZE, BudgetSettings.INSTANCE_CLASS, BudgetSettings.ENGINE,
                    BudgetSettings.MAX_CONNECTIONS, Profiles.PRODUCTION_PROFILES)
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void validate(AnalysisOptions options) {
        JavaRule.MethodCalls.super.validate(options);
        BudgetSettings.of(options);
    }

    static int threshold(AnalysisOptions options) {
        return options.parsed(MAX_POOL_SIZE, o -> o.value(MAX_POOL_SIZE));
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        Optional<PoolLibraries.SizeSetter> setter = PoolLibraries.setterOf(call, context.types());
        if (setter.isEmpty() || !setter.get().checkedForSize()) {
            return;
        }
        Optional<Long> value = context.constants().longValue(call.getArgument(0));
        int max = threshold(context.options());
        if (value.isEmpty() || setter.get().unlimited().test(value.get()) || value.get() <= max) {
            return;
        }
        String what = call.getNameAsString() + "(" + PoolMessages.number(value.get()) + ") on "
                + setter.get().library().displayName;
        context.report(call.getName(), call, message(what, value.get(), max, context.options()));
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
        int max = threshold(context.options());
        Set<Long> reported = new HashSet<>();
        for (ConfigProperty p : properties.get()) {
            Optional<PoolKeys.SizeKey> key = PoolKeys.sizeKeyOf(p);
            if (key.isEmpty() || !key.get().checkedForSize()) {
                continue;
            }
            OptionalLong value = p.longValue();
            if (value.isEmpty() || key.get().unlimited().test(value.getAsLong()) || value.getAsLong() <= max
                    || !reported.add(((long) p.line() << 32) | p.column())) {
                continue; // a YAML alias repeats the key it points to: one finding where it is written
            }
            context.report(p.line(), p.column(), p.endLine(), p.endColumn(),
                    PoolMessages.severity(p.profile(), METADATA.defaultSeverity(), context.options()),
                    message(PoolMessages.describe(p), value.getAsLong(), max, context.options())
                            + PoolMessages.profileNote(p.profile(), context.options()));
        }
    }

    private static String message(String what, long size, int max, AnalysisOptions options) {
        // The database the build names, when it names one; otherwise AWS's figures for a common class.
        String limit = BudgetSettings.of(options).limit()
                .map(l -> "the database's max_connections of " + PoolMessages.number(l.maxConnections()) + " ("
                        + l.description() + ")")
                .orElse("Aurora's max_connections (1,000 on Aurora MySQL, 1,722 on Aurora PostgreSQL for a "
                        + "db.r7g.large)");
        return what + " lets each instance open up to " + PoolMessages.number(size) + " connections, more than "
                + "the " + max + " per instance this build allows (maxPoolSize); multiplied by every replica, pools "
                + "this size exhaust " + limit + " when the service scales out or reconnects after a failover "
                + PoolMessages.CITATION + ". Size the pool to the work one instance does in parallel, and put "
                + "RDS Proxy or PgBouncer in front of Aurora when many instances share it.";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.typeTables("connection-pool.types").or(Relevance.constantsOf(PoolLibraries.class, PoolKeys.class, PoolInventory.class, PoolMaximum.class, OversizedConnectionPool.class));

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
