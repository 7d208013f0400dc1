package dev.dbcheck.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.RuleMetadata;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: it must fail on every way a rule can be wrong (a missing, an extra, a wrong-line and a
 * wrong-rule finding; a missing, extra or crashed-instead note) and on every marker it cannot read.
 */
class RuleTesterTest {

    /** Flags calls named {@code bad()}, notes calls named {@code unreadable()}, crashes on {@code boom()}. */
    static final class CallRule implements JavaRule.MethodCalls {
        private final String id;

        CallRule(String id) {
            this.id = id;
        }

        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder(id).family(Family.DYNAMODB_SCAN).severity(Severity.WARNING)
                    .summary("s").explanation("e").fix("f").badExample("bad();").goodExample("good();").build();
        }

        @Override
        public void visitMethodCall(MethodCallExpr call, JavaContext context) {
            String name = call.getNameAsString();
            switch (name) {
                case "bad" -> context.report(call, "bad call here");
                case "shared" -> context.report(call, Severity.INFO, "shared key here",
                        dev.dbcheck.finding.Details.NONE.withEvidence("keyKind", "shared"));
                case "unreadable" -> context.processingError(call, id + ": skipped a call it cannot read");
                case "boom" -> throw new IllegalStateException("rule bug");
                default -> { }
            }
        }
    }

    private static RuleTester tester() {
        return RuleTester.of(new CallRule("BadCall"), new CallRule("OtherCall"));
    }

    private static RuleTester one(String body) {
        return RuleTester.of(new CallRule("BadCall")).java("package p;\nclass A {\n    void f() {\n" + body
                + "    }\n    void bad() { }\n    void shared() { }\n    void good() { }\n    void unreadable() { }\n    void boom() { }\n}\n");
    }

    private static void failsWith(RuleTester tester, String part) {
        AssertionError e = assertThrows(AssertionError.class, tester::expectMarkedFindings);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void passesWhenEveryFindingAndNoteIsExpected() {
        one("""
                        bad(); // expect: BadCall "bad call"
                        // expect: BadCall
                        bad();
                        good();
                        unreadable(); // expect-error: "skipped a call"
                """).expectMarkedFindings();
    }

    @Test
    void aMarkerCanAskForTheSeverityAndTheEvidence() {
        one("        shared(); // expect: BadCall@info \"shared key\" keyKind=shared\n").expectMarkedFindings();
        one("        shared(); // expect: BadCall@info\n").expectMarkedFindings();
        failsWith(one("        shared(); // expect: BadCall@warning\n"), "missing BadCall@warning at");
        failsWith(one("        shared(); // expect: BadCall keyKind=per-principal\n"),
                "missing BadCall {keyKind=per-principal} at");
        failsWith(one("        shared(); // expect: BadCall@info \"shared key\" source=database\n"), "source=database");
    }

    @Test
    void aMissingFindingFails() {
        failsWith(one("        good(); // expect: BadCall\n"), "missing BadCall at src/main/java/p/A.java:4");
    }

    @Test
    void anExtraFindingFails() {
        failsWith(one("        bad();\n"), "unexpected BadCall@warning: bad call here at src/main/java/p/A.java:4");
    }

    @Test
    void aFindingOnTheWrongLineFails() {
        failsWith(one("""
                        // expect: BadCall
                        good();
                        bad();
                """), "missing BadCall at src/main/java/p/A.java:5");
    }

    @Test
    void aFindingOfTheWrongRuleFails() {
        failsWith(tester().java("""
                package p;
                class A {
                    void f() {
                        bad(); // expect: BadCall
                    }
                    void bad() { }
                }
                """), "unexpected OtherCall");
        failsWith(one("        bad(); // expect: OtherCall\n"), "missing OtherCall");
    }

    @Test
    void aFindingWithoutTheExpectedTextFails() {
        failsWith(one("        bad(); // expect: BadCall \"good call\"\n"), "missing BadCall containing \"good call\"");
    }

    @Test
    void sourcesWithoutMarkersExpectNoFindingAtAll() {
        @SuppressWarnings("deprecation")
        Runnable old = () -> one("        bad();\n").expectMarkedFindingsOrNone();
        assertThrows(AssertionError.class, old::run);
    }

    @Test
    void notesAreMatchedByLineAndText() {
        failsWith(one("        unreadable();\n"), "unexpected processing note");
        failsWith(one("        good(); // expect-error: \"skipped a call\"\n        unreadable();\n"),
                "missing processing note containing \"skipped a call\" at src/main/java/p/A.java:4");
        failsWith(one("        unreadable(); // expect-error: \"another reason\"\n"), "missing processing note");
    }

    @Test
    void aCrashNeverStandsInForAnExpectedNote() {
        // "Rule BadCall failed: ..." contains "failed", but a rule bug is never a note about the input.
        failsWith(one("        boom(); // expect-error: \"failed\"\n"), "crash at src/main/java/p/A.java:4");
        failsWith(one("        boom();\n"), "crash at");
    }

    @Test
    void anExplicitExpectationCoversFilesWithoutComments() {
        one("        bad();\n").expect("src/main/java/p/A.java", 4, "BadCall", "bad call").expectMarkedFindings();
        one("        unreadable();\n").expectError("src/main/java/p/A.java", 4, "skipped").expectMarkedFindings();
        failsWith(one("        good();\n").expect("src/main/java/p/A.java", 4, "BadCall", null), "missing BadCall");
    }

    @Test
    void theNoteCountIsACrossCheckOnly() {
        failsWith(one("        unreadable(); // expect-error: \"skipped\"\n").expectProcessingErrors(2),
                "expected 2 processing errors, got 1");
    }

    @Test
    void malformedMarkersFailInsteadOfBeingDropped() {
        // Each of these once meant "expect a finding here"; a silent drop would turn the test into a no-op.
        for (String marker : new String[] {
                "// expect BadCall",                     // no colon
                "// expect: badCall",                    // lower-case id
                "/* expect: BadCall */",                 // block comment
                "// expect: BadCall \"bad call\" here",  // text after the quote
                "// expect: BadCall bad call",           // text without quotes
                "// expect-error: skipped",              // note text without quotes
                "// expect-error:",                      // note without text
        }) {
            failsWith(one("        good(); " + marker + "\n"), "malformed expectation marker");
        }
    }

    @Test
    void aMarkerThatAppliesToNoLineFails() {
        failsWith(RuleTester.of(new CallRule("BadCall")).file("src/main/resources/a.properties", "x=1\n# expect: BadCall\n"),
                "marker at the end of the file applies to no line");
    }
}
