package dev.dbcheck.rules.aurora;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.config.ConfigSyntaxException;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Headline;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.types.MethodMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's DNS cache set to keep addresses forever or for more than 60 seconds: in code
 * ({@code Security.setProperty("networkaddress.cache.ttl", ..)}, {@code System.setProperty("sun.net.inetaddr.ttl",
 * ..)}), in a {@code java.security} override under the resources, and as {@code -Dsun.net.inetaddr.ttl=..} in
 * the {@code JAVA_TOOL_OPTIONS}, {@code JAVA_OPTS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS} of
 * Kubernetes manifests and Helm values. {@code .mvn/jvm.config} configures Maven's own JVM, not the service,
 * and is never read.
 *
 * <p>Facts (domain-facts.md section 9): {@code networkaddress.cache.ttl} is a security property in seconds,
 * {@code -1} caching forever; the legacy system property {@code sun.net.inetaddr.ttl} is read when it is unset
 * (OpenJDK {@code sun.net.InetAddressCachePolicy}, read in the JDK 18 copy at SerenityOS/serenity
 * {@code Ports/jdk}: {@code Security.getProperty("networkaddress.cache.ttl")}, then
 * {@code System.getProperty("sun.net.inetaddr.ttl")}, default 30 s without a security manager; so a {@code -D}
 * of {@code networkaddress.cache.ttl} is not read, and only {@code sun.net.inetaddr.ttl} counts on a command
 * line).
 * AWS's RDS documentation asks for a JVM TTL of no more than 60 s, because failover changes the endpoint's DNS
 * record; the AWS SDK for Java developer guides recommend 5 s ("Set the JVM TTL for DNS name lookups").
 */
public final class DnsCacheTtlForever implements JavaRule.MethodCalls, ResourceRule {

    /** AWS's RDS documentation: no more than this many seconds. */
    static final long MAX_TTL_SECONDS = 60;

    static final String SECURITY_PROPERTY = "networkaddress.cache.ttl";
    static final String SYSTEM_PROPERTY = "sun.net.inetaddr.ttl";

    static final MethodMatcher SECURITY_SET = MethodMatcher.staticMethod().onSubtypeOf("java.security.Security")
            .named("setProperty").withArgumentCount(2);
    static final MethodMatcher SYSTEM_SET = MethodMatcher.staticMethod().onSubtypeOf("java.lang.System")
            .named("setProperty").withArgumentCount(2);

    /** Environment variables the JVM (or the usual start scripts) read options from, in relaxed form. */
    static final Set<String> JVM_OPTION_VARIABLES = Set.of("javatooloptions", "javaopts", "jdkjavaoptions",
            "javaoptions");

    private static final Pattern FLAG = Pattern.compile("-D" + Pattern.quote(SYSTEM_PROPERTY) + "=(-?\\d+)");

    private static final RuleMetadata METADATA = RuleMetadata.builder("DnsCacheTtlForever")
            .family(Family.AURORA_FAILOVER)
            .severity(Severity.WARNING)
            .summary("JVM caches DNS lookups forever or for longer than 60 seconds")
            .explanation("""
                    Aurora fails over by pointing the cluster endpoint's DNS name at the new writer; its \
                    records have a TTL of about 5 seconds. A JVM that caches the address forever \
                    (networkaddress.cache.ttl=-1, the default when a security manager is installed) or for \
                    minutes keeps opening connections to the old writer, now a reader that rejects writes or \
                    an instance that is gone, long after the failover completed: the guide's failover in \
                    under 30 seconds becomes an outage that lasts until the pods restart. AWS's RDS \
                    documentation asks for a JVM DNS TTL of no more than 60 seconds, and the AWS SDK for Java \
                    documentation recommends 5.""")
            .fix("""
                    Set networkaddress.cache.ttl to 5 (at most 60): Security.setProperty("networkaddress.cache.ttl", \
                    "5") before the first lookup, or in a java.security override, or -Dsun.net.inetaddr.ttl=5 in \
                    JAVA_TOOL_OPTIONS. Remove settings that cache forever.""")
            .badExample("""
                    public static void main(String[] args) {
                        Security.setProperty("networkaddress.cache.ttl", "-1");
                        SpringApplication.run(OrdersApplication.class, args);
                    }""")
            .goodExample("""
                    public static void main(String[] args) {
                        Security.setProperty("networkaddress.cache.ttl", "5");
                        SpringApplication.run(OrdersApplication.class, args);
                    }""")
            .build();

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    // ---- code ---------------------------------------------------------------------------------------

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        if (!call.getNameAsString().equals("setProperty") || call.getArguments().size() != 2) {
            return;
        }
        Optional<String> key = context.constants().stringValue(call.getArgument(0));
        boolean security = key.filter(SECURITY_PROPERTY::equals).isPresent()
                && SECURITY_SET.matches(call, context.types());
        boolean system = key.filter(SYSTEM_PROPERTY::equals).isPresent() && SYSTEM_SET.matches(call, context.types());
        if (!security && !system) {
            return;
        }
        Optional<Long> seconds = context.constants().stringValue(call.getArgument(1)).flatMap(DnsCacheTtlForever::seconds);
        if (seconds.isPresent() && tooLong(seconds.get())) {
            context.report(call.getName(), call, context.defaultSeverity(), message(key.get(), seconds.get()),
                    headline(key.get(), seconds.get()));
        }
    }

    // ---- java.security overrides, Kubernetes manifests, Helm values ----------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        String name = file.lowerCaseName();
        return name.endsWith(".security") || ConfigFiles.isYaml(name);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        if (file.lowerCaseName().endsWith(".security")) {
            for (ConfigProperty p : ConfigFiles.readProperties(file.text())) {
                OptionalLong v = p.longValue();
                if (p.key().equals(SECURITY_PROPERTY) && v.isPresent() && tooLong(v.getAsLong())) {
                    context.report(p.line(), p.column(), p.endLine(), p.endColumn(), METADATA.defaultSeverity(),
                            message(SECURITY_PROPERTY, v.getAsLong()), headline(SECURITY_PROPERTY, v.getAsLong()));
                }
            }
            return;
        }
        if (!file.text().contains(SYSTEM_PROPERTY)) {
            return;
        }
        List<ConfigProperty> keys;
        try {
            keys = ConfigFiles.readYaml(file.text());
        } catch (ConfigSyntaxException e) {
            return; // a Helm template: not YAML this rule can read
        }
        for (ConfigProperty p : keys) {
            if (p.value() == null || !p.value().contains(SYSTEM_PROPERTY) || !isJvmOptions(p, keys)) {
                continue;
            }
            Matcher m = FLAG.matcher(p.value());
            while (m.find()) {
                long value = Long.parseLong(m.group(1));
                if (tooLong(value)) {
                    reportFlag(file, p, m.group(), context, message(SYSTEM_PROPERTY, value),
                            headline(SYSTEM_PROPERTY, value));
                }
            }
        }
    }

    /**
     * A value the JVM reads options from: an environment entry ({@code env[i].value} whose {@code name} is
     * JAVA_TOOL_OPTIONS, JAVA_OPTS, ...), or a key named so (Helm values {@code env.JAVA_OPTS}, a ConfigMap's
     * {@code data.JAVA_TOOL_OPTIONS}).
     */
    private static boolean isJvmOptions(ConfigProperty p, List<ConfigProperty> keys) {
        String canonical = p.canonicalKey();
        String last = canonical.substring(canonical.lastIndexOf('.') + 1);
        if (JVM_OPTION_VARIABLES.contains(last)) {
            return true;
        }
        if (!p.key().endsWith(".value")) {
            return false;
        }
        String nameKey = p.key().substring(0, p.key().length() - "value".length()) + "name";
        return keys.stream().anyMatch(k -> k.document() == p.document() && k.key().equals(nameKey) && k.value() != null
                && JVM_OPTION_VARIABLES.contains(k.value().trim().toLowerCase(Locale.ROOT).replace("_", "")));
    }

    /** Reports at the flag itself when it is on a line at or after the key, else at the key. */
    private static void reportFlag(ResourceFile file, ConfigProperty p, String flag, ResourceContext context,
            String message, Details headline) {
        List<String> lines = file.lines();
        for (int i = p.line() - 1; i < lines.size() && i < p.line() + 20; i++) {
            int at = lines.get(i).indexOf(flag);
            if (at >= 0) {
                context.report(i + 1, at + 1, i + 1, at + flag.length(), METADATA.defaultSeverity(), message,
                        headline);
                return;
            }
        }
        context.report(p.line(), p.column(), p.endLine(), p.endColumn(), METADATA.defaultSeverity(), message,
                headline);
    }

    static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Negative caches forever; 0 does not cache; above 60 s is longer than AWS's RDS documentation allows. */
    static boolean tooLong(long seconds) {
        return seconds < 0 || seconds > MAX_TTL_SECONDS;
    }

    /** "networkaddress.cache.ttl=-1 caches DNS forever: after an Aurora failover ..." */
    private static Details headline(String property, long seconds) {
        String how = seconds < 0 ? "caches DNS lookups forever" : "caches DNS lookups for " + seconds + " s";
        return Headline.details(property + "=" + seconds + " " + how + ": after an Aurora failover this JVM keeps "
                + "connecting to the old writer; set it to 5.");
    }

    private static String message(String property, long seconds) {
        String how = seconds < 0 ? "caches DNS lookups forever" : "caches DNS lookups for " + seconds + " seconds";
        return property + "=" + seconds + " " + how + ": Aurora fails over by moving the cluster endpoint's DNS "
                + "name to the new writer, and this JVM keeps connecting to the old one, now a reader that rejects "
                + "writes or gone " + METADATA.family().cite() + ". AWS asks for at most 60 "
                + "seconds for RDS and recommends 5 in the AWS SDK for Java documentation: set it to 5.";
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = Relevance.fragments(SECURITY_PROPERTY, SYSTEM_PROPERTY);

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
