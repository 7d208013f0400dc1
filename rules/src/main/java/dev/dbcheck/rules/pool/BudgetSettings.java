package dev.dbcheck.rules.pool;

import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.RuleMetadata.RuleOption;
import dev.dbcheck.rules.pool.AuroraMaxConnections.Engine;
import java.util.Optional;

/**
 * The connection budget's options, declared once ({@link RuleOption}) and parsed once per analysis into the
 * values that {@link ConnectionBudgetExceeded}'s validation and its check share.
 *
 * @param limit the database's connection limit, when the options tell
 * @param replicas the replicas parameter, when set
 * @param budget the share of the limit the service may use
 */
record BudgetSettings(Optional<Limit> limit, Optional<Integer> replicas, double budget) {

    static final RuleOption<String> INSTANCE_CLASS = RuleOption.text("dbInstanceClass",
            "instance classes such as db.r7g.large",
            "The database's instance class, such as `db.r7g.large`.");

    /** Declared with the engines, since {@code AuroraInstanceEndpoint} reads it too. */
    static final RuleOption<Engine> ENGINE = AuroraMaxConnections.DB_ENGINE;

    static final RuleOption<Integer> MAX_CONNECTIONS = RuleOption.wholeNumber("maxConnections", 1,
            "The database's `max_connections`, when the parameter group changes it (or for Aurora Serverless v2).")
            .whenUnset("the class's default");

    static final RuleOption<Integer> REPLICAS = RuleOption.wholeNumber("replicas", 1,
            "Largest number of replicas of the service; otherwise read from Deployment/StatefulSet "
                    + "`spec.replicas`, HPA `spec.maxReplicas` and Helm `values*.yaml`.")
            .whenUnset("from `k8s/`, `helm/`, ...");

    static final RuleOption<Double> BUDGET = RuleOption.fraction("connectionBudget",
            "Share of `max_connections` the service's pools may use.").withDefault(0.8);

    /** The database's connection limit and what it is for. */
    record Limit(int maxConnections, String description) {}

    /** The settings of these options, parsed on first use; wrong values throw, naming the option. */
    static BudgetSettings of(AnalysisOptions options) {
        return options.parsed(BudgetSettings.class, BudgetSettings::parse);
    }

    private static BudgetSettings parse(AnalysisOptions options) {
        return new BudgetSettings(limit(options), options.get(REPLICAS), options.value(BUDGET));
    }

    private static Optional<Limit> limit(AnalysisOptions options) {
        Optional<Engine> engine = options.get(ENGINE);
        Optional<String> instanceClass = options.get(INSTANCE_CLASS);
        Optional<Integer> explicit = options.get(MAX_CONNECTIONS);
        if (engine.isPresent() && instanceClass.isPresent()) {
            // Fails on a class the engine does not offer, even when maxConnections replaces its value.
            int max = AuroraMaxConnections.defaultMaxConnections(engine.get(), instanceClass.get());
            if (explicit.isEmpty()) {
                return Optional.of(new Limit(max, instanceClass.get() + ", " + engine.get().id()));
            }
        }
        if (explicit.isPresent()) {
            String what = instanceClass.map(c -> c + ", ").orElse("") + engine.map(e -> e.id() + ", ").orElse("")
                    + "maxConnections";
            return Optional.of(new Limit(explicit.get(), what));
        }
        if (instanceClass.isPresent() && AuroraMaxConnections.find(instanceClass.get()).isEmpty()) {
            // Fail fast on a class no engine knows; which engine's value applies is asked in the log.
            AuroraMaxConnections.defaultMaxConnections(Engine.POSTGRES, instanceClass.get());
        }
        return Optional.empty();
    }

}
