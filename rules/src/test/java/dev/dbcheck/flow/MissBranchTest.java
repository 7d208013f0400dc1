package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.ProjectTypes;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MissBranchTest {

    /** Parses a class whose method body is {@code body}; the read is the call named {@code read}. */
    private static Optional<MissBranch> miss(String body, boolean presence) {
        String source = """
                package p;
                import java.util.Objects;
                import java.util.Optional;
                import org.apache.commons.lang3.StringUtils;
                class A {
                    Object f(Store cache, String key) {
                """ + body + """
                    }
                }
                """;
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        CompilationUnit cu = parser.parse(source).getResult().orElseThrow();
        TypeResolver types = new TypeResolver(cu, ProjectTypes.none(), LibraryTypes.get());
        MethodCallExpr read = cu.findFirst(MethodCallExpr.class,
                m -> m.getNameAsString().equals("read") || m.getNameAsString().equals("has")).orElseThrow();
        return MissBranch.of(read, presence, types);
    }

    private static String regionText(MissBranch b) {
        return b.region().stream().map(Node::toString).collect(Collectors.joining("\n"));
    }

    private static void assertMiss(String body, MissBranch.Form form, MissBranch.Test test) {
        assertMiss(body, false, form, test);
    }

    private static void assertMiss(String body, boolean presence, MissBranch.Form form, MissBranch.Test test) {
        MissBranch b = miss(body, presence).orElseThrow(() -> new AssertionError("no miss branch in " + body));
        assertEquals(form, b.form(), body);
        assertEquals(test, b.test(), body);
        String region = regionText(b);
        assertTrue(region.contains("load(") || region.contains("::load"), "miss region should hold the load: " + region);
        assertTrue(!region.contains("hit("), "miss region must not hold the hit path: " + region);
    }

    @Test
    void nullCheckThenBranch() {
        assertMiss("Object v = cache.read(key); if (v == null) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
        assertMiss("Object v = cache.read(key); if (null == v) return load(); return hit(v);",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
        assertMiss("Object v = cache.read(key); if (Objects.isNull(v)) return load(); return hit(v);",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void disjunctionRunsOnEveryMiss() {
        assertMiss("String v = cache.read(key); if (v == null || v.isEmpty()) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
        assertMiss("String v = cache.read(key); if (v == null || force) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void conjunctionWithAnUnrelatedConditionDoesNotRunOnEveryMiss() {
        assertTrue(miss("Object v = cache.read(key); if (v == null && enabled) { v = load(); } return v;", false)
                .isEmpty());
    }

    @Test
    void earlyReturnOnHit() {
        assertMiss("""
                Object v = cache.read(key);
                log(key);
                if (v != null) {
                    return hit(v);
                }
                Object loaded = load();
                return loaded;
                """, MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.NULL_CHECK);
        assertMiss("String v = cache.read(key); if (StringUtils.isNotBlank(v)) return hit(v); return load();",
                MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.EMPTY_CHECK);
        assertMiss("String v = cache.read(key); if (v != null && !v.isEmpty()) return hit(v); return load();",
                MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void hitBranchThatFallsThroughIsNotAnEarlyReturn() {
        assertTrue(miss("Object v = cache.read(key); if (v != null) { hit(v); } return load();", false).isEmpty());
    }

    @Test
    void elseBranch() {
        assertMiss("Object v = cache.read(key); if (v != null) { return hit(v); } else { return load(); }",
                MissBranch.Form.ELSE_BRANCH, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void emptinessHelpers() {
        assertMiss("String v = cache.read(key); if (StringUtils.isBlank(v)) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.EMPTY_CHECK);
        assertMiss("String v = cache.read(key); if (v.isEmpty()) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.EMPTY_CHECK);
    }

    @Test
    void readTestedInPlace() {
        assertMiss("if (cache.read(key) == null) { return load(); } return hit(null);",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
        assertMiss("Object v; if ((v = cache.read(key)) == null) { v = load(); } return v;",
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void presenceProbes() {
        assertMiss("if (!cache.has(key)) { load(); } return hit(key);", true,
                MissBranch.Form.THEN_BRANCH, MissBranch.Test.PRESENCE_CHECK);
        assertMiss("if (Boolean.TRUE.equals(cache.has(key))) { return hit(key); } return load();", true,
                MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.PRESENCE_CHECK);
        assertMiss("boolean there = cache.has(key); if (there) return hit(key); return load();", true,
                MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.PRESENCE_CHECK);
    }

    @Test
    void optionalShapes() {
        assertMiss("return Optional.ofNullable(cache.read(key)).map(x -> x).orElseGet(() -> load());",
                MissBranch.Form.FALLBACK_SUPPLIER, MissBranch.Test.OPTIONAL_CHECK);
        assertMiss("Optional<Object> o = Optional.ofNullable(cache.read(key)); if (o.isPresent()) return hit(o.get());"
                + " return load();", MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.OPTIONAL_CHECK);
        assertMiss("Optional<Object> o = Optional.ofNullable(cache.read(key)); return o.orElseGet(this::load);",
                MissBranch.Form.FALLBACK_SUPPLIER, MissBranch.Test.OPTIONAL_CHECK);
        assertMiss("return Objects.requireNonNullElseGet(cache.read(key), () -> load());",
                MissBranch.Form.FALLBACK_SUPPLIER, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void ternary() {
        assertMiss("Object v = cache.read(key); return v != null ? hit(v) : load();",
                MissBranch.Form.TERNARY, MissBranch.Test.NULL_CHECK);
        assertMiss("return cache.read(key) == null ? load() : hit(null);",
                MissBranch.Form.TERNARY, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void valueReadInsideTryAndTestedAfter() {
        assertMiss("""
                Object v;
                try (var c = open()) {
                    v = cache.read(key);
                }
                if (v == null) {
                    v = load();
                }
                return v;
                """, MissBranch.Form.THEN_BRANCH, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void decisionIsTheTestThatSplitsHitFromMiss() {
        MissBranch b = miss("Object v = cache.read(key); if (v != null) { return hit(v); } return load();", false)
                .orElseThrow();
        assertTrue(b.decision() instanceof com.github.javaparser.ast.stmt.IfStmt);
        assertEquals(1, b.region().size());
        assertEquals("return load();", b.region().get(0).toString());
    }

    @Test
    void hitThatContinuesALoopLeavesTheRestOfTheBodyToTheMiss() {
        assertMiss("""
                for (String k : keys) {
                    Object v = cache.read(k);
                    if (v != null) {
                        continue;
                    }
                    load();
                }
                return null;
                """, MissBranch.Form.AFTER_EARLY_RETURN, MissBranch.Test.NULL_CHECK);
    }

    @Test
    void untestedOrReplacedValueHasNoMissBranch() {
        assertTrue(miss("return cache.read(key);", false).isEmpty());
        assertTrue(miss("Object v = cache.read(key); v = other(); if (v == null) { load(); } return v;", false)
                .isEmpty());
        assertTrue(miss("Object v = cache.read(key); if (key == null) { load(); } return v;", false).isEmpty());
    }
}
