package dev.dbcheck.rule;

/**
 * A rule about the suppressions themselves (PMD's {@code UnnecessaryPmdSuppressionRule} is the model). The engine
 * runs it once, after every Java, resource and project rule has run and the suppressions have been applied, so
 * it sees which suppression excused what. Its findings are never suppressed: a suppression of the suppression
 * checks would make them pointless; they can only be disabled.
 */
public interface SuppressionRule extends Rule {

    void check(SuppressionContext context);
}
