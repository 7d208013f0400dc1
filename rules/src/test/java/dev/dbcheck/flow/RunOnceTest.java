package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.ProjectTypes;
import dev.dbcheck.types.TypeResolver;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunOnceTest {

    @Test
    void startupPlacesRunOnceAndEverythingElsePerCall() {
        CompilationUnit cu = StaticJavaParser.parse("""
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
        TypeResolver types = new TypeResolver(cu, new ProjectTypes(Set.of("p.A", "p.Marker")), LibraryTypes.get());
        Map<String, Boolean> actual = new TreeMap<>();
        for (ObjectCreationExpr e : cu.findAll(ObjectCreationExpr.class,
                c -> c.getType().getNameAsString().equals("Marker"))) {
            actual.put(e.getArgument(0).asStringLiteralExpr().asString(), RunOnce.runsOnce(e, types));
        }
        Map<String, Boolean> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("field", true), Map.entry("static", true), Map.entry("instance", true),
                Map.entry("constructor", true), Map.entry("main", true), Map.entry("helper of bean", true),
                Map.entry("helper of handle", false), Map.entry("handle", false), Map.entry("guard", true),
                Map.entry("local null check", false), Map.entry("computeIfAbsent", true),
                Map.entry("lambda in bean", false), Map.entry("anonymous", false)));
        assertEquals(expected, actual);
    }

    @Test
    void enclosingNameForMessages() {
        CompilationUnit cu = StaticJavaParser.parse("class A { Object f = new Object(); void g() { new Object(); } }");
        var creations = cu.findAll(ObjectCreationExpr.class);
        assertEquals("an initialiser", RunOnce.enclosingName(creations.get(0)));
        assertEquals("g()", RunOnce.enclosingName(creations.get(1)));
    }
}
