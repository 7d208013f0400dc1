package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    private static final Path REPORTS = Path.of("/p/target/dbcheck");

    private static Finding at(Severity severity) {
        return new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, severity, "m", Path.of("/p/A.java"), 1, 1, 1, 1);
    }

    private static final List<Finding> MIXED = List.of(at(Severity.INFO), at(Severity.WARNING), at(Severity.WARNING),
            at(Severity.ERROR));

    @Test
    void errorCountsOnlyErrors() {
        assertEquals(Optional.of("dbcheck found 1 finding at or above error (1 error). Reports: /p/target/dbcheck"),
                FailurePolicy.parse("error").failureMessage(MIXED, REPORTS));
    }

    @Test
    void warningCountsWarningsAndErrors() {
        assertEquals(Optional.of("dbcheck found 3 findings at or above warning (1 error, 2 warning). Reports: "
                + "/p/target/dbcheck"), FailurePolicy.parse("warning").failureMessage(MIXED, REPORTS));
    }

    @Test
    void infoCountsEverything() {
        assertEquals(Optional.of("dbcheck found 4 findings at or above info (1 error, 2 warning, 1 info). Reports: "
                + "/p/target/dbcheck"), FailurePolicy.parse("INFO").failureMessage(MIXED, REPORTS));
    }

    @Test
    void passesBelowTheThreshold() {
        assertEquals(Optional.empty(), FailurePolicy.parse("error").failureMessage(
                List.of(at(Severity.WARNING), at(Severity.INFO)), REPORTS));
        assertEquals(Optional.empty(), FailurePolicy.parse("warning").failureMessage(List.of(), REPORTS));
    }

    @Test
    void withoutReportsTheMessageDoesNotPointToThem() {
        assertEquals(Optional.of("dbcheck found 1 finding at or above error (1 error)."),
                FailurePolicy.parse("error").failureMessage(MIXED, null));
    }

    @Test
    void noneNeverFails() {
        assertEquals(Optional.empty(), FailurePolicy.parse("none").failureMessage(MIXED, REPORTS));
        assertEquals("none", FailurePolicy.parse(" None ").id());
    }

    @Test
    void rejectsUnknownValues() {
        assertThrows(IllegalArgumentException.class, () -> FailurePolicy.parse("fatal"));
        assertThrows(IllegalArgumentException.class, () -> FailurePolicy.parse(null));
        assertEquals("error, warning, info, none", FailurePolicy.acceptedValues());
    }
}
