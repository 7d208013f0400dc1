package dev.dbcheck.config;

import dev.dbcheck.rule.MemoKey;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Application configuration files (Spring Boot, Quarkus, Micronaut) and generic YAML, flattened to
 * {@link ConfigProperty} lists with the position of each key.
 */
public final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * Whether the file is an application configuration file where Spring Boot, Quarkus and Micronaut look:
     * {@code application.properties}, {@code application.yml|yaml}, their profile variants
     * {@code application-<profile>.*}, and Spring Cloud's {@code bootstrap.*} and {@code bootstrap-<profile>.*},
     * anywhere under a resource root (including {@code config/}).
     */
    public static boolean isApplicationConfig(ResourceFile file) {
        String name = file.lowerCaseName();
        return (isProperties(name) || isYaml(name)) && (name.startsWith("application.")
                || name.startsWith("application-") || name.startsWith("bootstrap.") || name.startsWith("bootstrap-"));
    }

    /** The text without a leading byte-order mark, which editors on Windows write and Spring Boot skips. */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
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

    /** The file's keys, or why it cannot be read; parsed once per file for every rule that reads it. */
    private record Parsed(List<ConfigProperty> properties, ConfigSyntaxException error) {}

    private static final MemoKey<Parsed> PARSED = MemoKey.of("configuration properties");

    /**
     * Every key of the file, in file order.
     *
     * @throws ConfigSyntaxException when the file is not valid YAML
     */
    public static List<ConfigProperty> read(ResourceFile file) {
        Parsed parsed = file.memo(PARSED, () -> {
            try {
                return new Parsed(parse(file), null);
            } catch (ConfigSyntaxException e) {
                return new Parsed(List.of(), e);
            }
        });
        if (parsed.error() != null) {
            throw parsed.error();
        }
        return parsed.properties();
    }

    /**
     * Every key of the file, or none when it is not valid YAML: for a rule that only gathers facts from the file and
     * leaves the processing note to the rules that report on configuration ({@link #read(ResourceFile,
     * ResourceContext)}).
     */
    public static List<ConfigProperty> readOrEmpty(ResourceFile file) {
        try {
            return read(file);
        } catch (ConfigSyntaxException e) {
            return List.of();
        }
    }

    /**
     * Every key of an application configuration file, or empty with a processing note saying why the file
     * cannot be read ("Cannot read the configuration file application.yml (tab indentation): ..."), which
     * every rule reading the file gives in the same words, so the engine keeps one.
     */
    public static Optional<List<ConfigProperty>> read(ResourceFile file, ResourceContext context) {
        try {
            return Optional.of(read(file));
        } catch (ConfigSyntaxException e) {
            context.processingError(e.line(), e.column(), UNREADABLE + file.fileName() + " (" + e.cause() + "): "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** How the note of an unreadable configuration file starts; the summary groups notes by what follows. */
    public static final String UNREADABLE = "Cannot read the configuration file ";

    private static List<ConfigProperty> parse(ResourceFile file) {
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
