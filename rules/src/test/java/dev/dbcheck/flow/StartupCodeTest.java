package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.flow.StartupCode.Reason;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.ProjectTypes;
import dev.dbcheck.types.TypeResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StartupCodeTest {

    /** For each {@code new Marker("label")} of the source, why it runs once ("per call" when it does not). */
    private static Map<String, String> reasons(String source) {
        CompilationUnit cu = StaticJavaParser.parse(source);
        TypeResolver types = new TypeResolver(cu, new ProjectTypes(Set.of("p.A", "p.Marker")), LibraryTypes.get());
        StartupCode startup = new StartupCode(types, new ValueFlow(types), StartupCallers.withinFile());
        Map<String, String> actual = new TreeMap<>();
        for (ObjectCreationExpr e : cu.findAll(ObjectCreationExpr.class,
                c -> c.getType().getNameAsString().equals("Marker"))) {
            Optional<Reason> reason = startup.reason(e);
            actual.put(e.getArgument(0).asStringLiteralExpr().asString(), reason.map(Enum::name).orElse("per call"));
        }
        return actual;
    }

    @Test
    void startupPlacesRunOnceAndEverythingElsePerCall() {
        Map<String, String> actual = reasons("""
                package p;
                import org.springframework.context.annotation.Bean;
                import java.util.Map;
                class A {
                    static Object field = new Marker("field");
                    static Object lazy;
                    Map<String, Object> cache;
                    static { new Marker("static"); }
                    { new Marker("instance"); }
                    A() { new Marker("constructor"); }
                    public static void main(String[] args) { new Marker("main"); }
                    @Bean Object bean() { return helper(); }
                    private Object helper() { return new Marker("helper of bean"); }
                    private Object shared() { return new Marker("helper of handle"); }
                    Object handle() { shared(); return new Marker("handle"); }
                    static Object singleton() {
                        if (lazy == null) { lazy = new Marker("guard"); }
                        Object local = null;
                        if (local == null) { local = new Marker("local null check"); }
                        return lazy;
                    }
                    Object perKey(String k) { return cache.computeIfAbsent(k, x -> new Marker("computeIfAbsent")); }
                    @Bean Runnable task() { return () -> new Marker("lambda in bean"); }
                    @Bean Object anonymous() { return new Object() { Object o() { return new Marker("anonymous"); } }; }
                }
                class Marker { Marker(String s) {} }
                """);
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("field", "INITIALISER"), Map.entry("static", "INITIALISER"),
                Map.entry("instance", "INITIALISER"), Map.entry("constructor", "CONSTRUCTOR"),
                Map.entry("main", "MAIN"), Map.entry("helper of bean", "CALLED_FROM_STARTUP"),
                Map.entry("helper of handle", "per call"), Map.entry("handle", "per call"),
                Map.entry("guard", "LAZY_GUARD"), Map.entry("local null check", "per call"),
                Map.entry("computeIfAbsent", "LOADER"), Map.entry("lambda in bean", "per call"),
                Map.entry("anonymous", "per call")));
        assertEquals(expected, actual);
    }

    @Test
    void containerHooksConfigurationClassesAndPairedLifecycleMethods() {
        Map<String, String> actual = reasons("""
                package p;
                import org.springframework.context.annotation.Configuration;
                import org.springframework.beans.factory.InitializingBean;
                @Configuration
                class A extends Base {
                    @Override Object create() { return pool(); }
                    private Object pool() { return new Marker("helper of a configuration override"); }
                    public Object count() { return new Marker("other method of a configuration class"); }
                }
                class Service implements InitializingBean {
                    public void afterPropertiesSet() { new Marker("afterPropertiesSet"); }
                }
                class Client implements AutoCloseable {
                    public void start() { new Marker("start paired with close"); }
                    public void close() {}
                }
                class Worker {
                    public void start() { new Marker("start without a stop"); }
                }
                class Marker { Marker(String s) {} }
                """);
        assertEquals(Map.of("helper of a configuration override", "CALLED_FROM_STARTUP",
                "other method of a configuration class", "per call", "afterPropertiesSet", "LIFECYCLE",
                "start paired with close", "LIFECYCLE", "start without a stop", "per call"), actual);
    }

    @Test
    void everyLazyGuardFormAndItsLookAlikes() {
        Map<String, String> actual = reasons("""
                package p;
                import java.sql.Connection;
                import java.util.Map;
                class A {
                    private Connection conn;
                    private Object single;
                    private Map<String, Object> pools;
                    Connection open() throws Exception {
                        if (conn != null && !conn.isClosed()) return conn;
                        return conn = (Connection) new Marker("early return while open");
                    }
                    Object doubleChecked() {
                        if (single == null) {
                            synchronized (this) {
                                if (single == null) { single = new Marker("double checked"); }
                            }
                        }
                        return single;
                    }
                    Object keyed(String key) {
                        Object p = pools.get(key);
                        if (p == null) { p = new Marker("map lookup held in a local"); pools.put(key, p); }
                        return p;
                    }
                    Object contains(String key) {
                        if (!pools.containsKey(key)) { pools.put(key, new Marker("containsKey")); }
                        return pools.get(key);
                    }
                    Object neverSet() {
                        if (single == null) { return new Marker("null test that never sets the field"); }
                        return single;
                    }
                    Object earlyReturnNeverSet() {
                        if (single != null) return single;
                        return new Marker("early return that never sets the field");
                    }
                    Runnable anonymous() {
                        return new Runnable() {
                            Object inner;
                            public void run() { if (inner == null) { inner = new Marker("guard in anonymous class"); } }
                        };
                    }
                }
                class Marker { Marker(String s) {} }
                """);
        assertEquals(Map.of("early return while open", "LAZY_GUARD", "double checked", "LAZY_GUARD",
                "map lookup held in a local", "LAZY_GUARD", "containsKey", "LAZY_GUARD",
                "null test that never sets the field", "per call",
                "early return that never sets the field", "per call",
                "guard in anonymous class", "LAZY_GUARD"), actual);
    }

    @Test
    void loadersAndKeyedSingletonHelpersRunOncePerKey() {
        Map<String, String> actual = reasons("""
                package p;
                import com.google.common.cache.CacheBuilder;
                import com.google.common.cache.CacheLoader;
                import com.google.common.cache.LoadingCache;
                import com.github.benmanes.caffeine.cache.Cache;
                import java.util.Map;
                import java.util.function.Supplier;
                class A {
                    LoadingCache<String, Object> guava = CacheBuilder.newBuilder().build(
                            CacheLoader.from(k -> new Marker("CacheLoader.from")));
                    LoadingCache<String, Object> anonymous = CacheBuilder.newBuilder().build(new CacheLoader<String, Object>() {
                        public Object load(String k) { return new Marker("anonymous CacheLoader"); }
                    });
                    Cache<String, Object> caffeine;
                    Map<String, Object> pools;
                    Object caffeineGet(String k) { return caffeine.get(k, x -> new Marker("Caffeine get(key, loader)")); }
                    Object viaHelper(String k) { return once(k, () -> new Marker("keyed-singleton helper")); }
                    private Object once(String key, Supplier<Object> factory) {
                        return pools.computeIfAbsent(key, x -> factory.get());
                    }
                    Object viaRunner(String k) { return run(() -> new Marker("helper that runs its argument every time")); }
                    private Object run(Supplier<Object> body) { return body.get(); }
                    Object mapGet(Map<String, Supplier<Object>> m) { return m.getOrDefault("k", () -> new Marker("not a loader")); }
                }
                class Marker { Marker(String s) {} }
                """);
        assertEquals(Map.of("CacheLoader.from", "LOADER", "anonymous CacheLoader", "LOADER",
                "Caffeine get(key, loader)", "LOADER", "keyed-singleton helper", "LOADER",
                "helper that runs its argument every time", "per call", "not a loader", "per call"), actual);
    }

    @Test
    void hutoolsKeyedSingletonRunsItsSupplierOncePerKeyThroughACast() {
        Map<String, String> actual = reasons("""
                package p;
                import cn.hutool.core.lang.Singleton;
                import cn.hutool.core.lang.func.Func0;
                import java.util.Map;
                class A {
                    Map<String, Object> clients;
                    Object singleton(String url) { return Singleton.get(url, () -> new Marker("Singleton.get")); }
                    Object cast(String url) { return Singleton.get(url, (Func0<Object>) () -> new Marker("cast lambda")); }
                    Object lookAlike(String url) { return clients.get(url, () -> new Marker("Map-like get")); }
                    Object byClass() { return Singleton.get(Marker.class, new Marker("Singleton.get(Class, args)")); }
                }
                class Marker { Marker(String s) {} }
                """);
        assertEquals(Map.of("Singleton.get", "LOADER", "cast lambda", "LOADER", "Map-like get", "per call",
                "Singleton.get(Class, args)", "per call"), actual);
    }

    @Test
    void enclosingNameForMessages() {
        CompilationUnit cu = StaticJavaParser.parse("class A { Object f = new Object(); void g() { new Object(); } }");
        var creations = cu.findAll(ObjectCreationExpr.class);
        assertEquals("an initialiser", StartupCode.enclosingName(creations.get(0)));
        assertEquals("g()", StartupCode.enclosingName(creations.get(1)));
    }
}
