package dev.dbcheck.rule;

/**
 * A dbcheck rule. Rules are stateless and shared by all analysis threads: everything per file lives in the
 * context the engine hands them. A rule is a {@link JavaRule}, a {@link ResourceRule}, or both.
 */
public interface Rule {

    RuleMetadata metadata();

    default String id() {
        return metadata().id();
    }

    /**
     * Checks this rule's options before any file is read, so wrong configuration fails fast. By default each
     * option the metadata declares is parsed; a rule whose options depend on each other adds its checks.
     *
     * @throws IllegalArgumentException naming the parameter and the accepted values
     */
    default void validate(AnalysisOptions options) {
        for (RuleMetadata.RuleOption<?> option : metadata().options()) {
            options.get(option);
        }
    }
}
