package dev.dbcheck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.ProcessingError;
import java.util.ArrayList;
import java.util.List;

/**
 * The relevance filter's contract: the same findings and suppressed findings as without it, and the same
 * processing errors except the parse errors of files it leaves unparsed (a file no rule can use; nothing that
 * the error hides could have been reported). Every dropped error must be such a parse error, in a file with no
 * finding in the full run.
 */
public final class RelevanceSoundness {

    private RelevanceSoundness() {}

    public static void assertSame(AnalysisResult full, AnalysisResult filtered, String what) {
        assertEquals(full.findings(), filtered.findings(), "findings with the relevance filter, " + what);
        assertEquals(full.suppressed(), filtered.suppressed(), "suppressed findings with the relevance filter, " + what);
        List<ProcessingError> dropped = new ArrayList<>(full.processingErrors());
        for (ProcessingError e : filtered.processingErrors()) {
            assertTrue(dropped.remove(e), "processing error only with the relevance filter, " + what + ": " + e);
        }
        for (ProcessingError e : dropped) {
            assertTrue(e.reason().startsWith("Parse error"), "processing error lost by the relevance filter, " + what
                    + ": " + e);
            assertTrue(full.findings().stream().noneMatch(f -> f.file().equals(e.file()))
                    && full.suppressed().stream().noneMatch(s -> s.finding().file().equals(e.file())),
                    "parse error of a file with findings lost by the relevance filter, " + what + ": " + e);
        }
    }

    /** The strict form, for inputs where every broken file is one a rule can use. */
    public static void assertIdentical(AnalysisResult full, AnalysisResult filtered, String what) {
        assertSame(full, filtered, what);
        assertEquals(full.processingErrors(), filtered.processingErrors(), "processing errors, " + what);
    }
}
