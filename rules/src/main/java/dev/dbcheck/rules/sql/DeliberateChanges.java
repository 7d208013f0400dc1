package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.RuleMetadata.RuleOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of the {@code backfillsAndReseeds} option of both destructive-SQL rules: at which severity
 * a migration's backfill or reseed is reported ({@code off}, {@code info}, {@code warning}).
 */
final class DeliberateChanges {

    /** The accepted values; {@code off} reports nothing. */
    enum Level {
        OFF(null),
        INFO(Severity.INFO),
        WARNING(Severity.WARNING);

        private final Severity severity;

        Level(Severity severity) {
            this.severity = severity;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final RuleOption<Level> OPTION = RuleOption.oneOf("backfillsAndReseeds", levels(),
            "Severity of a migration's backfill (an UPDATE of columns added, or a table created, earlier in the "
                    + "same migration) and reseed (a DELETE followed by INSERTs into the same table). Runtime code "
                    + "and other migration statements keep the rule's severity.")
            .withDefault(Level.INFO);

    private DeliberateChanges() {}

    /**
     * The severity to report backfills and reseeds at, or empty for {@code off}.
     *
     * @throws IllegalArgumentException naming the option and its accepted values
     */
    static Optional<Severity> severity(AnalysisOptions options) {
        return Optional.ofNullable(options.value(OPTION).severity);
    }

    private static Map<String, Level> levels() {
        Map<String, Level> byId = new LinkedHashMap<>();
        for (Level level : Level.values()) {
            byId.put(level.toString(), level);
        }
        return byId;
    }
}
