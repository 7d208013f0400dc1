package dev.dbcheck.config;

import dev.dbcheck.rule.ResourceFile;
import java.util.List;
import java.util.Locale;

/**
 * Application configuration files (Spring Boot, Quarkus, Micronaut) and generic YAML, flattened to
 * {@link ConfigProperty} lists with the position of each key.
 */
public final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * Whether the file is an application configuration file: {@code application.properties},
     * {@code application.yml|yaml} and their profile variants {@code application-<profile>.*}, anywhere under
     * a resource root (including {@code config/}).
     */
    public static boolean isApplicationConfig(ResourceFile file) {
        String name = file.lowerCaseName();
        return name.startsWith("application") && (isProperties(name) || isYaml(name))
                && (name.startsWith("application.") || name.startsWith("application-"));
    }

    public static boolean isYaml(String lowerCaseName) {
        return lowerCaseName.endsWith(".yml") || lowerCaseName.endsWith(".yaml");
    }

    public static boolean isProperties(String lowerCaseName) {
        return lowerCaseName.endsWith(".properties");
    }

    /** The profile a file name declares ({@code application-prod.yml} declares {@code prod}), or "". */
    public static String fileProfile(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? fileName : fileName.substring(0, dot);
        int dash = base.indexOf('-');
        return dash < 0 ? "" : base.substring(dash + 1);
    }

    /**
     * Every key of the file, in file order.
     *
     * @throws ConfigSyntaxException when the file is not valid YAML
     */
    public static List<ConfigProperty> read(ResourceFile file) {
        String name = file.lowerCaseName();
        String profile = fileProfile(file.fileName());
        if (isProperties(name)) {
            return PropertiesParser.parse(file.text(), profile);
        }
        return YamlParser.parse(file.text(), profile);
    }

    /** Every key of YAML text (any file, profile ""), document by document. */
    public static List<ConfigProperty> readYaml(String text) {
        return YamlParser.parse(text, "");
    }

    /** Every key of properties text (profile ""). */
    public static List<ConfigProperty> readProperties(String text) {
        return PropertiesParser.parse(text, "");
    }
}
