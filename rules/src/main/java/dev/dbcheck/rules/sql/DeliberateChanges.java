package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.RuleMetadata;
import java.util.Locale;
import java.util.Optional;

/**
 * The one declaration of the {@code backfillsAndReseeds} option of both destructive-SQL rules: at which severity
 * a migration's backfill or reseed is reported ({@code off}, {@code info}, {@code warning}).
 */
final class DeliberateChanges {

    static final String NAME = "backfillsAndReseeds";
    static final String DEFAULT = "info";

    static final RuleMetadata.RuleOption OPTION = new RuleMetadata.RuleOption(NAME, "Severity of a backfill (an "
            + "UPDATE of columns added or a table created earlier in the same migration) and of a reseed (a "
            + "DELETE followed by INSERTs into the same table in the same migration): off, info or warning",
            DEFAULT);

    private DeliberateChanges() {}

    /**
     * The severity to report backfills and reseeds at, or empty for {@code off}.
     *
     * @throws IllegalArgumentException naming the option and its accepted values
     */
    static Optional<Severity> severity(AnalysisOptions options) {
        String value = options.get(NAME).orElse(DEFAULT).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "off" -> Optional.empty();
            case "info" -> Optional.of(Severity.INFO);
            case "warning" -> Optional.of(Severity.WARNING);
            default -> throw new IllegalArgumentException("Parameter '" + NAME + "' must be off, info or warning, got '"
                    + options.get(NAME).orElse("") + "'");
        };
    }
}
