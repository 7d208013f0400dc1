package dev.dbcheck.rules.pool;

import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.Profiles;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Pieces shared by the connection-pool rules: reading configuration files, formatting numbers and keys. */
final class PoolMessages {

    static final String CITATION = Family.CONNECTION_POOL.cite();

    private PoolMessages() {}

    /** The keys of an application configuration file, or empty (with a processing note) when it is malformed. */
    static Optional<List<ConfigProperty>> read(ResourceFile file, ResourceContext context) {
        return ConfigFiles.read(file, context);
    }

    /**
     * {@code key: value}, with what a placeholder's default depends on and the profile it applies to:
     * {@code spring.datasource.hikari.maximum-pool-size: ${DB_POOL_MAX:80} (80 unless DB_POOL_MAX is set, profile prod)}.
     */
    static String describe(ConfigProperty p) {
        List<String> notes = new ArrayList<>();
        if (!p.overriddenBy().isEmpty() && p.longValue().isPresent()) {
            notes.add(number(p.longValue().getAsLong()) + " unless " + String.join(" or ", p.overriddenBy())
                    + " is set");
        }
        if (!p.profile().isEmpty()) {
            notes.add("profile " + p.profile());
        }
        return p.key() + ": " + p.value().trim() + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
    }

    /**
     * The severity of a finding from configuration for {@code profile}: the rule's own in production (a file without
     * a profile, or a production profile), info elsewhere.
     */
    static Severity severity(String profile, Severity production, AnalysisOptions options) {
        return Profiles.isProduction(profile, options) ? production : Severity.INFO;
    }

    /** What a message adds for configuration that is not production's: empty, or " It is for profile dev, ...". */
    static String profileNote(String profile, AnalysisOptions options) {
        return Profiles.isProduction(profile, options) ? ""
                : " Reported at info: " + Profiles.notProduction(profile, options) + ".";
    }

    /** 3,600 */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
