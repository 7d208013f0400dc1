package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.flow.Backoff.Delay;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryLoopsTest {

    private static Backoff backoff(String body) {
        FlowFixture f = FlowFixture.of(body);
        return f.loops().backoff(f.loopAround("write"));
    }

    private static boolean retries(String body) {
        FlowFixture f = FlowFixture.of(body);
        Statement loop = f.loopAround("write");
        return f.loops().retriesOnFailure(loop, f.call("write"));
    }

    @Test
    void retryLoopRepeatsTheCallWhenItThrowsAndLeavesOnSuccess() {
        assertTrue(retries("void m() { while (true) { try { write(); return; } catch (RuntimeException e) { } } }"));
        assertTrue(retries("""
                void m() {
                    for (int i = 0; i < 3; i++) {
                        try { write(); break; } catch (RuntimeException e) { log(e); }
                    }
                }"""));
        assertTrue(retries("""
                void m() {
                    boolean done = false;
                    while (!done) { try { write(); done = true; } catch (RuntimeException e) { log(e); } }
                }"""));
    }

    @Test
    void pollingAndRethrowingLoopsAreNotRetries() {
        // Keeps polling whatever happens: nothing is retried.
        assertFalse(retries("void m() { while (running) { try { write(); } catch (RuntimeException e) { log(e); } } }"));
        // The catch leaves the loop.
        assertFalse(retries("void m() { while (true) { try { write(); return; } catch (RuntimeException e) { throw e; } } }"));
        // No try at all.
        assertFalse(retries("void m() { while (true) { write(); } }"));
    }

    @Test
    void repeatsWhileWorkIsLeft() {
        FlowFixture f = FlowFixture.of("""
                void m() {
                    Map<String, Object> left = first();
                    do { left = write(left).leftovers(); } while (!left.isEmpty());
                }""");
        assertTrue(f.loops().repeatsOn(f.loopAround("write"), Set.of("leftovers")));
        FlowFixture g = FlowFixture.of("void m() { while (true) { var r = write(); if (r.leftovers().isEmpty()) break; } }");
        assertTrue(g.loops().repeatsOn(g.loopAround("write"), Set.of("leftovers")));
        FlowFixture h = FlowFixture.of("void m() { while (more()) { write(); } }");
        assertFalse(h.loops().repeatsOn(h.loopAround("write"), Set.of("leftovers")));
    }

    @Test
    void noSleepIsNone() {
        Backoff b = backoff("void m() { while (true) { write(); } }");
        assertEquals(Delay.NONE, b.delay());
        assertFalse(b.bounded());
        assertTrue(b.sleep().isEmpty());
    }

    @Test
    void constantSleeps() {
        assertEquals(Delay.CONSTANT, backoff("void m() throws Exception { while (true) { write(); Thread.sleep(100); } }").delay());
        assertEquals(Delay.CONSTANT, backoff("""
                static final long PAUSE = 200;
                void m() throws Exception { while (true) { write(); TimeUnit.MILLISECONDS.sleep(PAUSE); } }""").delay());
        assertEquals(Delay.CONSTANT, backoff("""
                void m() throws Exception { long d = 50; while (true) { write(); Thread.sleep(d); } }""").delay());
        assertEquals(Delay.CONSTANT, backoff("""
                void m() { while (true) { write(); pause(250); } }
                void pause(long ms) { try { Thread.sleep(ms); } catch (InterruptedException e) { } }""").delay());
    }

    @Test
    void growingSleeps() {
        assertEquals(Delay.GROWING, backoff("""
                void m() throws Exception {
                    for (int attempt = 0; attempt < 5; attempt++) { write(); Thread.sleep(50L << attempt); }
                }""").delay());
        assertEquals(Delay.GROWING, backoff("""
                void m() throws Exception {
                    long delay = 50;
                    while (true) { write(); Thread.sleep(delay); delay *= 2; }
                }""").delay());
        assertEquals(Delay.GROWING, backoff("""
                void m() throws Exception {
                    int attempt = 0;
                    while (true) { write(); attempt++; Thread.sleep((long) Math.pow(2, attempt) * 25); }
                }""").delay());
        Backoff helper = backoff("""
                void m() throws Exception {
                    int attempt = 0;
                    while (true) { write(); Thread.sleep(backoffMillis(attempt++)); }
                }
                long backoffMillis(int attempt) {
                    return ThreadLocalRandom.current().nextLong(Math.min(20_000, 25L << attempt));
                }""");
        assertEquals(Delay.GROWING, helper.delay());
        assertTrue(helper.jittered());
    }

    @Test
    void jitterIsSeen() {
        assertTrue(backoff("""
                void m() throws Exception {
                    for (int a = 0; a < 8; a++) {
                        write();
                        Thread.sleep(ThreadLocalRandom.current().nextLong(Math.min(20_000L, 25L << a)));
                    }
                }""").jittered());
        assertFalse(backoff("""
                void m() throws Exception { for (int a = 0; a < 8; a++) { write(); Thread.sleep(25L << a); } }""")
                .jittered());
    }

    @Test
    void unknownSleepIsUnknown() {
        assertEquals(Delay.UNKNOWN, backoff("void m(long pause) throws Exception { while (true) { write(); Thread.sleep(pause); } }").delay());
    }

    @Test
    void boundedByCounterGuardOrDeadline() {
        assertTrue(backoff("void m() { for (int i = 0; i < 3; i++) { write(); } }").bounded());
        assertTrue(backoff("void m() { int n = 0; while (true) { write(); if (++n >= 5) throw new IllegalStateException(); } }").bounded());
        assertTrue(backoff("""
                void m() {
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (System.currentTimeMillis() < deadline) { write(); }
                }""").bounded());
        assertFalse(backoff("void m() { boolean done = false; while (!done) { done = write(); } }").bounded());
        assertFalse(backoff("void m() { for (;;) { write(); } }").bounded());
        // Work left over, re-read each time, is not a counter; a null check is no bound either.
        assertFalse(backoff("void m() { List<Object> left = first(); while (left.size() > 0) { left = write(left); } }").bounded());
        assertFalse(backoff("void m() { Object r = null; do { r = write(); } while (r != null && more(r)); }").bounded());
        assertTrue(backoff("void m() { int n = 0; while (more()) { write(); n += 1; if (n > 9) break; } }").bounded());
    }

    @Test
    void namesThatOnlyLookLikeSleepDoNotCount() {
        assertEquals(Delay.NONE, backoff("void m(Robot robot) { while (true) { write(); robot.sleep(100); } }").delay());
    }

    @Test
    void anExitInEitherBranchOfACounterTestBoundsTheLoop() {
        assertTrue(backoff("""
                void m() throws Exception {
                    Object res = null; int n = 0;
                    do { n++; try { res = write(); } catch (RuntimeException e) {
                        if (n < 5) Thread.sleep(50L << n); else throw e; } } while (res == null);
                }""").bounded());
        assertTrue(backoff("""
                Object m() throws Exception {
                    int n = 0;
                    while (true) { try { return write(); } catch (RuntimeException e) {
                        if (n++ < 5) { Thread.sleep(50L << n); } else { return null; } } }
                }""").bounded());
        // The else branch only logs and the counter is never compared with an exit: unbounded.
        assertFalse(backoff("""
                void m() throws Exception {
                    Object res = null; int n = 0;
                    do { n++; try { res = write(); } catch (RuntimeException e) {
                        if (n < 5) Thread.sleep(50L << n); else log(e); } } while (res == null);
                }""").bounded());
    }

    @Test
    void aResendInAnInnerLoopBelongsToTheOuterLoopThatRepeatsIt() {
        FlowFixture f = FlowFixture.of("""
                void m(Map<String, Object> tables) {
                    Map<String, Object> left = tables; int n = 0;
                    do {
                        for (String t : tables.keySet()) { left = write(left).leftovers(); }
                    } while (!left.isEmpty() && ++n < 3);
                }""");
        Statement outer = f.cu.findFirst(com.github.javaparser.ast.stmt.DoStmt.class).orElseThrow();
        assertEquals(outer, f.loops().resendLoop(f.call("write"), Set.of("leftovers")).orElseThrow());
        FlowFixture g = FlowFixture.of("""
                void m(Map<String, Object> tables) {
                    for (int page = 0; page < 3; page++) {
                        for (String t : tables.keySet()) { write(t).leftovers(); }
                    }
                }""");
        assertTrue(g.loops().resendLoop(g.call("write"), Set.of("leftovers")).isEmpty());
    }

    @Test
    void delayTracedThroughAFieldAndItsCompoundUpdates() {
        FlowFixture f = FlowFixture.of("""
                private long pause = 100;
                void m() throws Exception {
                    while (true) { try { write(); return; } catch (RuntimeException e) { Thread.sleep(pause); pause *= 2; } }
                }""");
        assertEquals(Delay.GROWING, f.loops().backoff(f.loopAround("write")).delay());
        FlowFixture g = FlowFixture.of("""
                private long pause = 100;
                void m() throws Exception {
                    while (true) { try { write(); return; } catch (RuntimeException e) { Thread.sleep(pause); } }
                }""");
        assertEquals(Delay.CONSTANT, g.loops().backoff(g.loopAround("write")).delay());
    }
}
