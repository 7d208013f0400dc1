package dev.dbcheck.rules.pool;

import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.ConfigSyntaxException;
import dev.dbcheck.finding.Family;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Pieces shared by the connection-pool rules: reading configuration files, formatting numbers and keys. */
final class PoolMessages {

    static final String CITATION = Family.CONNECTION_POOL.cite();

    private PoolMessages() {}

    /** The keys of an application configuration file, or empty (with a processing error) when it is malformed. */
    static Optional<List<ConfigProperty>> read(ResourceFile file, ResourceContext context) {
        try {
            return Optional.of(ConfigFiles.read(file));
        } catch (ConfigSyntaxException e) {
            context.processingError(e.line(), e.column(), "Cannot read " + file.fileName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code key: value}, with the profile it applies to: {@code spring.datasource.hikari.maximum-pool-size: 80 (profile prod)}. */
    static String describe(ConfigProperty p) {
        return p.key() + ": " + p.value().trim() + (p.profile().isEmpty() ? "" : " (profile " + p.profile() + ")");
    }

    /** 3,600 */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
