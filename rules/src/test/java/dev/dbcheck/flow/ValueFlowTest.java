package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueFlowTest {

    private static ValueUse usesOfProduce(String body) {
        FlowFixture f = FlowFixture.of(body);
        return f.flow().usesOf(f.call("produce"));
    }

    @Test
    void discardedResultIsNotUsed() {
        ValueUse use = usesOfProduce("void m(Api api) { api.produce(); }");
        assertFalse(use.isUsed());
        assertEquals(Optional.empty(), use.variable());
    }

    @Test
    void chainedCallIsRecorded() {
        ValueUse use = usesOfProduce("void m(Api api) { api.produce().leftovers().size(); }");
        assertEquals(Set.of("leftovers"), use.methodsCalled());
        assertFalse(use.escapes());
    }

    @Test
    void localHoldsTheValueAndItsReadsAreRecorded() {
        ValueUse use = usesOfProduce("""
                void m(Api api) {
                    Result r = api.produce();
                    if (r != null) { System.out.println(r.count()); }
                }""");
        assertEquals(Set.of("count"), use.methodsCalled());
        assertEquals(Optional.of("r"), use.variable());
        assertFalse(use.escapes());
    }

    @Test
    void storedButNeverReadLocalIsUnused() {
        ValueUse use = usesOfProduce("void m(Api api) { var r = api.produce(); log(\"done\"); }");
        assertFalse(use.isUsed());
        assertEquals(Optional.of("r"), use.variable());
    }

    @Test
    void sameNameInAnotherMethodIsADifferentVariable() {
        ValueUse use = usesOfProduce("""
                void m(Api api) { Result r = api.produce(); }
                void other(Result r) { r.leftovers(); }""");
        assertFalse(use.isUsed());
    }

    @Test
    void returnedPassedOrStoredValuesEscape() {
        assertTrue(usesOfProduce("Result m(Api api) { return api.produce(); }").escapes());
        assertTrue(usesOfProduce("Result m(Api api) { Result r = api.produce(); return r; }").escapes());
        assertTrue(usesOfProduce("void m(Api api) { handle(api.produce()); }").escapes());
        assertTrue(usesOfProduce("void m(Api api) { var r = api.produce(); queue.add(r); }").escapes());
        assertTrue(usesOfProduce("Result last; void m(Api api) { last = api.produce(); }").escapes());
        assertTrue(usesOfProduce("void m(Api api) { Result r = api.produce(); this.last = r; }").escapes());
    }

    @Test
    void aliasesAndReassignedLocalsAreFollowed() {
        ValueUse alias = usesOfProduce("void m(Api api) { Result r = api.produce(); Result s = r; s.leftovers(); }");
        assertEquals(Set.of("leftovers"), alias.methodsCalled());
        ValueUse reassigned = usesOfProduce("""
                void m(Api api) {
                    Result r = null;
                    do { r = api.produce(); } while (r.leftovers().size() > 0);
                }""");
        assertTrue(reassigned.calls(Set.of("leftovers")));
    }

    @Test
    void futuresAreFollowedThroughJoinAndContinuations() {
        assertTrue(usesOfProduce("void m(Api api) { api.produce().join().leftovers(); }")
                .calls(Set.of("leftovers")));
        assertTrue(usesOfProduce("void m(Api api) { api.produce().thenAccept(r -> check(r.leftovers())); }")
                .calls(Set.of("leftovers")));
        ValueUse ignored = usesOfProduce("void m(Api api) { api.produce().thenAccept(r -> log(\"ok\")); }");
        assertFalse(ignored.calls(Set.of("leftovers")));
        assertFalse(ignored.escapes());
        assertTrue(usesOfProduce("void m(Api api) { api.produce().thenAccept(this::check); }").escapes());
    }

    @Test
    void iteratingTheValueReadsIt() {
        assertTrue(usesOfProduce("void m(Api api) { for (Object o : api.produce()) { log(o); } }")
                .calls(Set.of("iterator")));
    }

    @Test
    void anExpressionLambdaReturnsItsValue() {
        // Handed to a method this file does not show: the caller of that method may read it.
        assertTrue(usesOfProduce("Result m(Api api) { return join(() -> api.produce()); }").escapes());
        // forEach, execute and thenAccept drop what their callback returns.
        ValueUse dropped = usesOfProduce("void m(Api api, List<String> l) { l.forEach(x -> api.produce()); }");
        assertFalse(dropped.isUsed());
        assertFalse(usesOfProduce("void m(Api api, Executor e) { e.execute(() -> api.produce()); }").isUsed());
        // supplyAsync keeps it in the future it returns: followed through join to where it is dropped.
        ValueUse joined = usesOfProduce("void m(Api api) { CompletableFuture.supplyAsync(() -> api.produce()).join(); }");
        assertFalse(joined.escapes());
        assertFalse(joined.calls(Set.of("leftovers")));
        assertTrue(usesOfProduce("""
                void m(Api api) {
                    CompletableFuture.supplyAsync(() -> { return api.produce(); }).join().leftovers();
                }""").calls(Set.of("leftovers")));
    }

    @Test
    void continuationsByMethodReferenceAndAnonymousClassAreFollowed() {
        assertTrue(usesOfProduce("""
                void m(Api api) { api.produce().thenAccept(this::check); }
                private void check(Result r) { r.leftovers(); }""").calls(Set.of("leftovers")));
        ValueUse ignored = usesOfProduce("""
                void m(Api api) { api.produce().thenAccept(this::done); }
                private void done(Result r) { log("done"); }""");
        assertFalse(ignored.isUsed() && ignored.calls(Set.of("leftovers")));
        assertFalse(ignored.escapes());
        assertTrue(usesOfProduce("void m(Api api) { api.produce().thenApply(Result::leftovers); }")
                .calls(Set.of("leftovers")));
        assertTrue(usesOfProduce("""
                void m(Api api) {
                    api.produce().thenAccept(new Consumer<Result>() {
                        public void accept(Result r) { r.leftovers(); }
                    });
                }""").calls(Set.of("leftovers")));
    }

    @Test
    void namesResolveByScopeAndVariablesKnowTheirValuesAndReads() {
        FlowFixture f = FlowFixture.of("""
                long delay = 100;
                void m(long delay) {
                    long d = delay;
                    Runnable r = () -> { long delay2 = this.delay; };
                    d *= 2;
                    d = d + 1;
                }""");
        var d = f.cu.findFirst(com.github.javaparser.ast.body.VariableDeclarator.class,
                v -> v.getNameAsString().equals("d")).orElseThrow();
        ValueFlow flow = f.flow();
        ValueFlow.Variable local = ValueFlow.declaredBy(d);
        assertEquals(2, flow.assignments(local).size());
        assertTrue(flow.isUpdated(local));
        assertEquals(List.of("delay", "2", "d + 1"), flow.values(local).stream().map(Object::toString).toList());
        // The parameter shadows the field inside m; this.delay names the field.
        var parameterRead = (com.github.javaparser.ast.expr.NameExpr) d.getInitializer().orElseThrow();
        assertTrue(flow.variableOf(parameterRead).orElseThrow().declaration()
                instanceof com.github.javaparser.ast.body.Parameter);
        var fieldRead = f.cu.findFirst(com.github.javaparser.ast.expr.FieldAccessExpr.class).orElseThrow();
        assertTrue(flow.variableOf(fieldRead).orElseThrow().isField());
        assertEquals(List.of("100"), flow.values(flow.variableOf(fieldRead).orElseThrow()).stream()
                .map(Object::toString).toList());
    }

    @Test
    void sourcesFollowLocalsAndFieldsBackToWhatBuiltThem() {
        FlowFixture f = FlowFixture.of("""
                private final Request base;
                T() { base = Request.builder().tableName("orders").build(); }
                void m(Client c) {
                    Request r = base;
                    Request other = Request.builder().tableName("other").build();
                    c.scan(r);
                }""");
        var scan = f.call("scan");
        List<MethodCallExpr> named = f.flow().callsBuilding(scan.getArgument(0), Set.of("tableName"));
        assertEquals(List.of("\"orders\""), named.stream().map(c -> c.getArgument(0).toString()).toList());
    }

    @Test
    void onlyValueIsTheInitialiserOfAVariableNeverAssigned() {
        FlowFixture f = FlowFixture.of("""
                static final String TABLE = "orders";
                void m(String p) {
                    String fixed = TABLE;
                    String changed = "a";
                    if (p != null) { changed = p; }
                    use(fixed, changed, p);
                }""");
        MethodCallExpr use = f.call("use");
        ValueFlow flow = f.flow();
        assertEquals("TABLE", flow.onlyValue(use.getArgument(0)).orElseThrow().toString());
        assertEquals("\"orders\"", flow.onlyValue(flow.onlyValue(use.getArgument(0)).orElseThrow())
                .orElseThrow().toString());
        assertTrue(flow.onlyValue(use.getArgument(1)).isEmpty());
        assertTrue(flow.onlyValue(use.getArgument(2)).isEmpty());
    }
}
