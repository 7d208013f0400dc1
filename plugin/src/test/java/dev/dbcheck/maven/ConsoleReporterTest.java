package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private static final Path A = Path.of("/src/com/acme/A.java");
    private static final Path B = Path.of("/src/com/acme/B.java");

    private static Finding finding(String rule, Severity severity, Path file, int line, int column) {
        return new Finding(rule, Family.DYNAMODB_SCAN, severity, rule + " message", file, line, column, line,
                column + 3);
    }

    private static List<String> print(List<Finding> findings, List<ProcessingError> errors, int javaFiles,
            int resourceFiles) {
        CapturingLog log = new CapturingLog();
        new ConsoleReporter(log).report(new AnalysisResult(Path.of("/src"), List.of(), findings, errors, javaFiles,
                resourceFiles));
        return log.lines();
    }

    @Test
    void eachFindingAtItsSeverityThenASummaryPerRule() {
        List<String> lines = print(List.of(
                finding("DynamoDbScan", Severity.WARNING, A, 3, 27),
                finding("DynamoDbScan", Severity.ERROR, A, 9, 5),
                finding("Other", Severity.INFO, B, 1, 1)), List.of(), 2, 1);
        assertEquals(List.of(
                "[WARNING] /src/com/acme/A.java:[3,27] DynamoDbScan: DynamoDbScan message",
                "[ERROR] /src/com/acme/A.java:[9,5] DynamoDbScan: DynamoDbScan message",
                "[INFO] /src/com/acme/B.java:[1,1] Other: Other message",
                "[INFO] dbcheck: 3 findings (1 error, 1 warning, 1 info) in 2 Java files and 1 resource file analysed",
                "[INFO] dbcheck:   DynamoDbScan: 2 (1 error, 1 warning)",
                "[INFO] dbcheck:   Other: 1 (1 info)"), lines);
    }

    @Test
    void noFindingsIsSaid() {
        assertEquals(List.of("[INFO] dbcheck: no findings in 1 Java file and 0 resource files analysed"),
                print(List.of(), List.of(), 1, 0));
    }

    @Test
    void processingErrorsAreWarningsWithAPositionWhenKnown() {
        List<String> lines = print(List.of(), List.of(
                new ProcessingError(A, 6, 16, "Parse error: bad"),
                new ProcessingError(B, 0, 0, "Cannot read the file: denied")), 2, 0);
        assertEquals(List.of(
                "[WARNING] /src/com/acme/A.java:[6,16] Processing error: Parse error: bad",
                "[WARNING] /src/com/acme/B.java Processing error: Cannot read the file: denied",
                "[INFO] dbcheck: no findings in 2 Java files and 0 resource files analysed",
                "[WARNING] dbcheck: 2 processing errors (listed above): the affected files were not fully analysed"),
                lines);
    }
}
