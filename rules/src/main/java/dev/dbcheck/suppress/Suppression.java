package dev.dbcheck.suppress;

import java.util.List;
import java.util.Objects;

/**
 * One suppression written in a source file: an {@code @SuppressWarnings("dbcheck:RuleId")} annotation or a
 * {@code dbcheck:ignore RuleId: reason} comment, with the region of the file it covers.
 *
 * @param kind how it was written
 * @param ruleIds the rule ids it names, as written; empty means every rule ({@code "dbcheck"})
 * @param line 1-based line of the suppression itself (where unused and reason-less suppressions are reported)
 * @param column 1-based column of the suppression itself
 * @param scope the positions it covers: a finding that begins inside is suppressed
 * @param justification the reason given, or null when there is none
 */
public record Suppression(Kind kind, List<String> ruleIds, int line, int column, Scope scope, String justification) {

    /** How a suppression was written. */
    public enum Kind {
        /** {@code @SuppressWarnings} on a Java declaration. */
        ANNOTATION,
        /** A {@code dbcheck:ignore} comment in Java, SQL, YAML or properties. */
        COMMENT
    }

    /** An inclusive region of a file, 1-based; columns run to {@link Integer#MAX_VALUE} for whole lines. */
    public record Scope(int beginLine, int beginColumn, int endLine, int endColumn) {

        /** Whole lines {@code from} to {@code to}. */
        public static Scope lines(int from, int to) {
            return new Scope(from, 1, to, Integer.MAX_VALUE);
        }

        public boolean contains(int line, int column) {
            if (line < beginLine || line > endLine) {
                return false;
            }
            return (line != beginLine || column >= beginColumn) && (line != endLine || column <= endColumn);
        }
    }

    public Suppression {
        Objects.requireNonNull(kind, "kind");
        ruleIds = List.copyOf(ruleIds);
        Objects.requireNonNull(scope, "scope");
        justification = justification == null || justification.isBlank() ? null : justification.strip();
    }

    /** True for {@code "dbcheck"} / a comment naming no rule: every rule is suppressed. */
    public boolean coversAllRules() {
        return ruleIds.isEmpty();
    }

    /** How the suppression reads in messages: {@code DynamoDbScan} or {@code every rule}. */
    public String describeRules() {
        return coversAllRules() ? "every rule" : String.join(", ", ruleIds);
    }
}
