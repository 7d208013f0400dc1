package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the project's Spring caches expire: what a cache manager, a JCache/Ehcache cache or the configuration
 * says about a cache's entries, as facts recorded while the files are read and judged once they all are.
 *
 * <p>It matters for the stampede rules because a cache whose entries never expire, and that nothing empties
 * wholesale, misses only when it is cold (a restarted in-process cache, a flushed Redis) or under memory pressure;
 * a cache with a TTL misses every key again each time it expires, under traffic.
 *
 * <p>The facts, and what they mean:
 * <ul>
 *   <li>expires, for every cache: {@code RedisCacheConfiguration.entryTtl(..)} (unless its argument is
 *       {@code getTimeToLive()}, a copy of Spring Boot's configuration that sets a TTL only when the property
 *       {@code spring.cache.redis.time-to-live} is set: the property decides), {@code spring.cache.redis.time-to-live},
 *       a Caffeine or Guava builder's {@code expireAfterWrite/expireAfterAccess/refreshAfterWrite} in a file that hands
 *       it to Spring's cache adapters ({@code CaffeineCacheManager}, {@code CaffeineCache}; elsewhere the builder
 *       makes a cache of its own), {@code spring.cache.caffeine.spec} with an expiry;</li>
 *   <li>set elsewhere, for every cache: {@code spring.cache.jcache.config} or {@code spring.cache.ehcache.config}
 *       (an XML file dbcheck does not read): nothing is known, so nothing is lowered;</li>
 *   <li>never, for every cache: Spring Data Redis' {@code RedisCacheConfiguration.defaultCacheConfig()},
 *       {@code RedisCacheManager.create/builder(..)} or {@code spring.cache.type=redis}, whose default TTL is none
 *       (domain-facts.md section 8), unless a fact above says otherwise;</li>
 *   <li>for one cache, {@code createCache("name", configuration)} on a JCache or Ehcache cache manager: expires when
 *       its class sets an expiry ({@code ExpiryPolicyBuilder.timeToLiveExpiration/timeToIdleExpiration},
 *       {@code CreatedExpiryPolicy}, {@code AccessedExpiryPolicy}, {@code ModifiedExpiryPolicy},
 *       {@code TouchedExpiryPolicy}), never when it only says so ({@code ExpiryPolicyBuilder.noExpiration()},
 *       {@code EternalExpiryPolicy}) or builds a JCache {@code MutableConfiguration} without an expiry policy, whose
 *       default is eternal (JSR-107 {@code MutableConfiguration}: {@code EternalExpiryPolicy});</li>
 *   <li>a cache name with a {@code #} and a duration ({@code sys_dict#30d}), the convention of cache managers that read
 *       a TTL from the name: expires.</li>
 * </ul>
 * A cache is judged "never" only when no fact says it expires or is set elsewhere, so a configuration dbcheck cannot
 * read keeps the rule's severity.
 */
final class CacheExpiry {

    /** What a fact says of the entries of one cache ({@code cache}) or of every cache ({@link #EVERY_CACHE}). */
    enum Kind { EXPIRES, ELSEWHERE, NEVER }

    static final String EVERY_CACHE = "*";

    /**
     * A fact: the project configures {@code cache} (or every cache) so that its entries {@code kind}, as {@code how}
     * says ({@code RedisCacheConfiguration.entryTtl(..)}).
     */
    record Setting(String cache, Kind kind, String how) {}

    /** The judgement for a set of cache names: the kind, and what says so (empty when unknown). */
    record Judged(Optional<Kind> kind, String how) {
        /** For the evidence: {@code expires}, {@code never}, {@code unknown}. */
        String evidence() {
            return kind.map(k -> k == Kind.NEVER ? "never" : k == Kind.EXPIRES ? "expires" : "unknown")
                    .orElse("unknown");
        }

        boolean never() {
            return kind.filter(k -> k == Kind.NEVER).isPresent();
        }
    }

    static final String REDIS_CACHE_CONFIGURATION = "org.springframework.data.redis.cache.RedisCacheConfiguration";
    static final String REDIS_CACHE_MANAGER = "org.springframework.data.redis.cache.RedisCacheManager";
    static final String JCACHE_MANAGER = "javax.cache.CacheManager";
    static final String JAKARTA_JCACHE_MANAGER = "jakarta.cache.CacheManager";
    static final String EHCACHE_MANAGER = "org.ehcache.CacheManager";
    static final String MUTABLE_CONFIGURATION = "javax.cache.configuration.MutableConfiguration";
    static final String EXPIRY_POLICY_BUILDER = "org.ehcache.config.builders.ExpiryPolicyBuilder";
    static final String ETERNAL_POLICY = "javax.cache.expiry.EternalExpiryPolicy";
    static final List<String> EXPIRING_POLICIES = List.of("javax.cache.expiry.CreatedExpiryPolicy",
            "javax.cache.expiry.AccessedExpiryPolicy", "javax.cache.expiry.ModifiedExpiryPolicy",
            "javax.cache.expiry.TouchedExpiryPolicy");
    static final List<String> IN_PROCESS_BUILDERS = List.of("com.github.benmanes.caffeine.cache.Caffeine",
            "com.google.common.cache.CacheBuilder");

    static final MethodMatcher ENTRY_TTL = MethodMatcher.instanceMethod().onSubtypeOf(REDIS_CACHE_CONFIGURATION)
            .named("entryTtl");
    static final MethodMatcher REDIS_DEFAULTS = MethodMatcher.staticMethod()
            .onSubtypeOf(REDIS_CACHE_CONFIGURATION, REDIS_CACHE_MANAGER).named("defaultCacheConfig", "builder", "create");
    static final MethodMatcher BUILDER_EXPIRY = MethodMatcher.instanceMethod()
            .onSubtypeOf(IN_PROCESS_BUILDERS.toArray(String[]::new))
            .named("expireAfterWrite", "expireAfterAccess", "refreshAfterWrite", "expireAfter");
    static final MethodMatcher CREATE_CACHE = MethodMatcher.instanceMethod()
            .onSubtypeOf(JCACHE_MANAGER, JAKARTA_JCACHE_MANAGER, EHCACHE_MANAGER).named("createCache")
            .withArgumentCount(2);
    private static final Set<String> EXPIRING_BUILDER_METHODS = Set.of("timeToLiveExpiration", "timeToIdleExpiration");

    private CacheExpiry() {}

    /** The expiry fact a call states, if it states one. */
    static Optional<Setting> of(MethodCallExpr call, JavaContext context) {
        TypeResolver types = context.types();
        if (ENTRY_TTL.matches(call, types)) {
            return mirrorsTimeToLive(call, types) ? Optional.empty()
                    : Optional.of(new Setting(EVERY_CACHE, Kind.EXPIRES, "RedisCacheConfiguration.entryTtl(..)"));
        }
        if (BUILDER_EXPIRY.matches(call, types) && call.findCompilationUnit().map(CacheExpiry::adaptsToSpring)
                .orElse(false)) {
            return Optional.of(new Setting(EVERY_CACHE, Kind.EXPIRES, call.getNameAsString() + "(..) on an in-process cache"));
        }
        if (REDIS_DEFAULTS.matches(call, types)) {
            return Optional.of(new Setting(EVERY_CACHE, Kind.NEVER, call.getScope().map(s -> s + ".").orElse("")
                    + call.getNameAsString() + "() without entryTtl (Spring Data Redis' default: no TTL)"));
        }
        if (isCreateCache(call, types)) {
            Optional<String> name = context.constants().stringValue(call.getArgument(0));
            Optional<Kind> kind = name.isPresent() ? expiryOf(call.getArgument(1), types) : Optional.empty();
            if (kind.isPresent()) {
                String how = kind.get() == Kind.NEVER
                        ? "createCache(\"" + name.get() + "\", ..) with a configuration that never expires"
                        : "createCache(\"" + name.get() + "\", ..) with an expiry policy";
                return Optional.of(new Setting(name.get(), kind.get(), how));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code entryTtl(cacheProperties.getRedis().getTimeToLive())}: a copy of Spring Boot's own cache configuration,
     * which sets the TTL only when {@code spring.cache.redis.time-to-live} is set. The property is the fact (it is
     * read from the configuration files), not the call. Nor is a TTL set per cache name in a cache manager's hook.
     */
    static boolean mirrorsTimeToLive(MethodCallExpr entryTtl, TypeResolver types) {
        return entryTtl.getArguments().size() == 1 && entryTtl.getArgument(0) instanceof MethodCallExpr argument
                && argument.getNameAsString().equals("getTimeToLive") && argument.getArguments().isEmpty()
                && argument.getScope().filter(scope -> isBootRedisProperties(scope, types)).isPresent()
                || inNamedCacheHook(entryTtl, types);
    }

    /** Spring Boot's {@code CacheProperties}: its package until Boot 3, and from Boot 4 on. */
    static final Set<String> BOOT_CACHE_PROPERTIES = Set.of(
            "org.springframework.boot.autoconfigure.cache.CacheProperties",
            "org.springframework.boot.cache.autoconfigure.CacheProperties");

    /**
     * Spring Boot's {@code CacheProperties.Redis}: a value of that type, or {@code properties.getRedis()} on a
     * {@code CacheProperties}. A project class's own {@code getTimeToLive()} (settings with a real TTL) is not.
     */
    private static boolean isBootRedisProperties(Expression scope, TypeResolver types) {
        if (types.typeOf(scope).filter(t -> BOOT_CACHE_PROPERTIES.stream()
                .anyMatch(p -> t.equals(p + ".Redis") || t.equals(p + "$Redis"))).isPresent()) {
            return true;
        }
        return scope instanceof MethodCallExpr getRedis && getRedis.getNameAsString().equals("getRedis")
                && getRedis.getScope().flatMap(types::typeOf).filter(BOOT_CACHE_PROPERTIES::contains).isPresent();
    }

    /**
     * An {@code entryTtl(..)} in a cache manager's {@code createRedisCache(name, configuration)} override sets the TTL
     * of the caches whose names ask for one ({@code dict#30d}), which the name says ({@link #judge}); it is no default
     * for every cache. The override is Spring Data Redis' hook: its class extends {@code RedisCacheManager}.
     */
    private static boolean inNamedCacheHook(MethodCallExpr entryTtl, TypeResolver types) {
        return entryTtl.findAncestor(MethodDeclaration.class).filter(m -> m.getNameAsString().equals("createRedisCache"))
                .flatMap(m -> m.findAncestor(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class))
                .filter(c -> c.getExtendedTypes().stream().anyMatch(t -> types.resolveName(t.getNameAsString())
                        .filter(REDIS_CACHE_MANAGER::equals).isPresent()))
                .isPresent();
    }

    /**
     * A Caffeine or Guava builder says how Spring's caches expire only in a file that hands it to Spring's cache
     * adapters ({@code CaffeineCacheManager}, {@code CaffeineCache}): elsewhere it builds a cache of its own (a
     * memo, a first-level cache in front of Redis), which says nothing of the {@code @Cacheable} caches.
     */
    private static boolean adaptsToSpring(CompilationUnit unit) {
        return importsFrom(unit, "org.springframework.cache.caffeine", "org.springframework.cache.guava");
    }

    /** The expiry facts of one configuration property. */
    static Optional<Setting> of(ConfigProperty p) {
        String key = p.canonicalKey();
        String value = p.value() == null ? "" : String.valueOf(p.value()).trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (key) {
            case "spring.cache.redis.timetolive" -> Optional.of(new Setting(EVERY_CACHE, Kind.EXPIRES,
                    "spring.cache.redis.time-to-live=" + value));
            case "spring.cache.caffeine.spec" -> value.toLowerCase(Locale.ROOT).matches(".*(expireafter|refreshafter).*")
                    ? Optional.of(new Setting(EVERY_CACHE, Kind.EXPIRES, "spring.cache.caffeine.spec=" + value))
                    : Optional.empty();
            case "spring.cache.jcache.config", "spring.cache.ehcache.config", "spring.cache.infinispan.config" ->
                    Optional.of(new Setting(EVERY_CACHE, Kind.ELSEWHERE, p.key() + "=" + value));
            case "spring.cache.type" -> value.equalsIgnoreCase("redis") ? Optional.of(new Setting(EVERY_CACHE,
                    Kind.NEVER, "spring.cache.type=redis without spring.cache.redis.time-to-live (no TTL)"))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * How the entries of {@code names} expire, from every fact of the project: expires (or set elsewhere) when a fact
     * for one of the names or for every cache says so, or the name carries a TTL; never when facts say so for all
     * of the names; unknown otherwise.
     */
    static Judged judge(Collection<String> names, List<Setting> settings) {
        if (names.isEmpty()) {
            return new Judged(Optional.empty(), "");
        }
        for (String name : names) {
            if (name.matches(".*#\\s*\\d+\\s*[a-zA-Z]*\\s*")) {
                return new Judged(Optional.of(Kind.EXPIRES), "the TTL in the cache name " + name);
            }
        }
        for (Kind strongest : List.of(Kind.EXPIRES, Kind.ELSEWHERE)) {
            for (Setting s : settings) {
                if (s.kind() == strongest && (s.cache().equals(EVERY_CACHE) || names.contains(s.cache()))) {
                    return new Judged(Optional.of(strongest), s.how());
                }
            }
        }
        Optional<Setting> every = settings.stream().filter(s -> s.kind() == Kind.NEVER && s.cache().equals(EVERY_CACHE))
                .findFirst();
        String never = null;
        for (String name : names) {
            Optional<Setting> found = settings.stream().filter(s -> s.kind() == Kind.NEVER && s.cache().equals(name))
                    .findFirst().or(() -> every);
            if (found.isEmpty()) {
                return new Judged(Optional.empty(), "");
            }
            never = never == null ? found.get().how() : never;
        }
        return new Judged(Optional.of(Kind.NEVER), never);
    }

    /** {@code createCache(name, config)} on a JCache or Ehcache manager, or on a lambda parameter of such a file. */
    private static boolean isCreateCache(MethodCallExpr call, TypeResolver types) {
        if (!call.getNameAsString().equals("createCache") || call.getArguments().size() != 2) {
            return false;
        }
        if (CREATE_CACHE.matches(call, types)) {
            return true;
        }
        // A customizer lambda (cm -> cm.createCache(..)) leaves the receiver's type unknown: accept it in a file that
        // uses JCache or Ehcache.
        return call.getScope().flatMap(types::typeOf).isEmpty()
                && call.findCompilationUnit().map(CacheExpiry::importsCacheApi).orElse(false);
    }

    private static boolean importsCacheApi(CompilationUnit unit) {
        return importsFrom(unit, "javax.cache", "jakarta.cache", "org.ehcache");
    }

    /** Whether the file imports anything whose name starts with one of {@code packages}. */
    private static boolean importsFrom(CompilationUnit unit, String... packages) {
        for (ImportDeclaration i : unit.getImports()) {
            String name = i.getNameAsString();
            for (String p : packages) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What the configuration a cache is created with says of expiry: the expression itself, the initialiser of the
     * local it names, or the body of the method of the same class it calls ({@code cacheConfiguration()}); when that
     * says nothing (a field, a parameter), what the whole class says.
     */
    private static Optional<Kind> expiryOf(Expression config, TypeResolver types) {
        Node scope = config;
        if (config instanceof NameExpr name && types.isLocal(name)) {
            scope = types.initializerOf(name).map(Node.class::cast).orElse(config);
        } else if (config instanceof MethodCallExpr call && call.getScope().isEmpty()) {
            Optional<MethodDeclaration> helper = call.findAncestor(TypeDeclaration.class).stream()
                    .flatMap(t -> ((TypeDeclaration<?>) t).getMethodsByName(call.getNameAsString()).stream())
                    .filter(m -> m.getParameters().size() == call.getArguments().size()).findFirst();
            scope = helper.map(Node.class::cast).orElse(config);
        }
        Optional<Kind> own = expiryIn(scope, types);
        if (own.isPresent()) {
            return own;
        }
        return config.findAncestor(TypeDeclaration.class).flatMap(t -> expiryIn((Node) t, types));
    }

    /**
     * What the code under {@code scope} says of expiry: expires when it sets an expiring policy anywhere, never when it
     * only sets no expiry or builds a JCache {@code MutableConfiguration} (eternal by default), unknown otherwise.
     */
    private static Optional<Kind> expiryIn(Node scope, TypeResolver types) {
        boolean never = false;
        for (MethodCallExpr c : scope.findAll(MethodCallExpr.class)) {
            String name = c.getNameAsString();
            String owner = ownerOf(c, types);
            if (EXPIRING_BUILDER_METHODS.contains(name) && (owner.equals(EXPIRY_POLICY_BUILDER) || owner.isEmpty())) {
                return Optional.of(Kind.EXPIRES);
            }
            if (name.equals("factoryOf") && EXPIRING_POLICIES.contains(owner)) {
                return Optional.of(Kind.EXPIRES);
            }
            if (name.equals("setExpiryPolicyFactory") && !c.getArguments().toString().contains("Eternal")) {
                return Optional.of(Kind.EXPIRES);
            }
            if ((name.equals("noExpiration") && (owner.equals(EXPIRY_POLICY_BUILDER) || owner.isEmpty()))
                    || (name.equals("factoryOf") && owner.equals(ETERNAL_POLICY))) {
                never = true;
            }
        }
        for (ObjectCreationExpr n : scope.findAll(ObjectCreationExpr.class)) {
            String created = types.resolveName(n.getType().getNameAsString()).orElse("");
            if (created.equals(MUTABLE_CONFIGURATION)) {
                never = true;
            } else if (EXPIRING_POLICIES.contains(created)) {
                return Optional.of(Kind.EXPIRES);
            }
        }
        return never ? Optional.of(Kind.NEVER) : Optional.empty();
    }

    /** The qualified type a static call is made on ({@code ExpiryPolicyBuilder.noExpiration()}), or "". */
    private static String ownerOf(MethodCallExpr call, TypeResolver types) {
        if (call.getScope().isEmpty()) {
            return "";
        }
        return types.resolveName(call.getScope().get().toString()).orElse("");
    }
}
