package dev.dbcheck.config;

import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.RuleMetadata.RuleOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which configuration runs in production. A file or document for a profile ({@code application-dev.yml}, a
 * document with {@code spring.config.activate.on-profile: dev}, a Quarkus {@code %dev.} key) is production only
 * when its profile is one of {@link #PRODUCTION_PROFILES}; a file without a profile always is. Rules that read
 * configuration report what they find elsewhere at info, naming the profile.
 */
public final class Profiles {

    /**
     * Declared once and listed by every rule that reads configuration; as any rule option it is a plugin parameter
     * ({@code -Ddbcheck.productionProfiles=prod,live}), validated before the analysis starts.
     */
    public static final RuleOption<List<String>> PRODUCTION_PROFILES = RuleOption.names("productionProfiles",
            "comma-separated profile names (letters, digits, '.', '-', '_'), such as prod,live",
            "Spring, Quarkus or Micronaut profiles that run in production. A configuration file or document for "
                    + "another profile (`application-dev.yml`, a `---` document with "
                    + "`spring.config.activate.on-profile: test`, `%dev.` keys) is reported at info, naming the profile.")
            .withDefault(List.of("prod", "production", "prd", "live"));

    private Profiles() {}

    /** The profile a document activates on ({@code spring.config.activate.on-profile}, or legacy {@code spring.profiles}). */
    static Optional<String> ofDocument(List<ConfigProperty> document) {
        List<String> names = new ArrayList<>();
        for (ConfigProperty p : document) {
            String k = p.canonicalKey();
            int bracket = k.indexOf('[');
            String base = bracket < 0 ? k : k.substring(0, bracket);
            if ((base.equals("spring.config.activate.onprofile") || base.equals("spring.profiles"))
                    && (bracket < 0 || k.endsWith("]")) && p.value() != null && !p.value().isBlank()) {
                names.add(p.value().trim());
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(",", names));
    }

    /** The production profiles of this analysis (the option's value, or its default). */
    public static List<String> production(AnalysisOptions options) {
        return options.parsed(Profiles.class, o -> o.value(PRODUCTION_PROFILES));
    }

    /**
     * Whether configuration for {@code profile} runs in production: no profile, or a profile expression
     * ({@code prod}, {@code prod | cloud}, {@code dev,test}, {@code !dev}) that a production profile makes
     * true: one of its names is a production profile, or it excludes ({@code !}) a profile that is not one.
     */
    public static boolean isProduction(String profile, AnalysisOptions options) {
        if (profile == null || profile.isBlank()) {
            return true;
        }
        List<String> production = production(options);
        for (String term : profile.split("[,|&()\\s]+")) {
            boolean negated = term.startsWith("!");
            String name = term.replace("!", "").trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            boolean isProduction = production.stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(name));
            if (negated != isProduction) {
                return true;
            }
        }
        return false;
    }

    /**
     * "profile dev, not a production profile (productionProfiles: prod, production, prd, live)"; several profiles
     * joined with ", " make "profiles dev, test, not production profiles (...)".
     */
    public static String notProduction(String profile, AnalysisOptions options) {
        boolean several = profile.contains(", ");
        return (several ? "profiles " : "profile ") + profile + (several ? ", not production profiles"
                : ", not a production profile") + " (productionProfiles: " + String.join(", ", production(options))
                + ")";
    }
}
