package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallReachTest {

    private static final String SOURCE = """
            package p;
            class A {
                Object f(String key) {
                    lock.lock();
                    Object v = this.loadAndStore(key);
                    return java.util.Optional.ofNullable(v).orElseGet(this::fallback);
                }
                private Object loadAndStore(String key) {
                    Object v = repository.find(key);
                    store.put(key, v);
                    return v;
                }
                private synchronized Object fallback() {
                    return remote.fetch();
                }
                private Object recursive() {
                    return recursive();
                }
                Object g() {
                    return cache.get("k", k -> repository.find(k));
                }
            }
            """;

    private static CompilationUnit parse() {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(SOURCE).getResult().orElseThrow();
    }

    private static MethodDeclaration method(CompilationUnit cu, String name) {
        return cu.findFirst(MethodDeclaration.class, m -> m.getNameAsString().equals(name)).orElseThrow();
    }

    private static CallReach.Reached reached(List<CallReach.Reached> calls, String name) {
        return calls.stream().filter(r -> r.call().getNameAsString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("not reached: " + name));
    }

    @Test
    void followsSameClassHelpersAndMethodReferences() {
        CompilationUnit cu = parse();
        List<CallReach.Reached> calls = CallReach.calls(List.of(method(cu, "f").getBody().orElseThrow()));
        CallReach.Reached find = reached(calls, "find");
        assertEquals(1, find.via().size());
        assertEquals("loadAndStore", ((MethodCallExpr) find.via().get(0)).getNameAsString());
        CallReach.Reached fetch = reached(calls, "fetch");
        assertEquals("this::fallback", fetch.via().get(0).toString());
    }

    @Test
    void ordersCallsAcrossHelpers() {
        CompilationUnit cu = parse();
        List<CallReach.Reached> calls = CallReach.calls(List.of(method(cu, "f").getBody().orElseThrow()));
        CallReach.Reached lock = reached(calls, "lock");
        CallReach.Reached find = reached(calls, "find");
        CallReach.Reached put = reached(calls, "put");
        assertTrue(lock.precedes(find));
        assertTrue(find.precedes(put));
        assertFalse(put.precedes(find));
        assertFalse(find.precedes(lock));
    }

    @Test
    void seesEnclosuresOfEverySite() {
        CompilationUnit cu = parse();
        List<CallReach.Reached> calls = CallReach.calls(List.of(method(cu, "f").getBody().orElseThrow()));
        assertTrue(reached(calls, "fetch").anySiteEnclosedBy(CallReach::isSynchronized));
        assertFalse(reached(calls, "find").anySiteEnclosedBy(CallReach::isSynchronized));

        List<CallReach.Reached> inG = CallReach.calls(List.of(method(cu, "g").getBody().orElseThrow()));
        assertTrue(reached(inG, "find").anySiteEnclosedBy(
                n -> CallReach.isFunctionArgumentOf(n, c -> c.getNameAsString().equals("get"))));
    }

    @Test
    void stopsOnRecursion() {
        CompilationUnit cu = parse();
        List<CallReach.Reached> calls = CallReach.calls(List.of(method(cu, "recursive").getBody().orElseThrow()));
        assertEquals(2, calls.size());
    }
}
