package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
