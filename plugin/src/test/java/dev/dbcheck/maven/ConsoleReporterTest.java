package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    static final String HINT = "[INFO] dbcheck: why and how to fix: mvn dbcheck:explain -Drule=<RuleId>, the SARIF "
            + "or HTML report, or -Ddbcheck.verbose=true for the full text here";


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
                "[INFO] dbcheck:   Other: 1 (1 info)",
                HINT), lines);
    }

    @Test
    void aHeadlineIsTheConsoleLineAndVerboseAddsTheEvidenceAndThePath() {
        Details details = Details.headline("scan() reads all of \"orders\" on every GET /orders.")
                .withEvidence("entryPoint", "GET /orders").withEvidence("keyKind", "shared")
                .withStep(new Details.Step(B, 12, 5, "GET /orders in B.list"));
        Finding f = new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.WARNING, "The long message. Fix it.",
                A, 3, 27, 3, 30, details);
        assertEquals("/src/com/acme/A.java:[3,27] DynamoDbScan: scan() reads all of \"orders\" on every GET /orders.",
                new ConsoleReporter(new CapturingLog()).findingLine(f));
        String nl = System.lineSeparator();
        assertEquals("/src/com/acme/A.java:[3,27] DynamoDbScan: The long message. Fix it." + nl
                + "    why this severity: entryPoint GET /orders; keyKind shared" + nl
                + "    /src/com/acme/B.java:[12,5] GET /orders in B.list",
                new ConsoleReporter(new CapturingLog(), true).findingLine(f));
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

    @Test
    void notesAboutSkippedStatementsAreInformationApartFromErrors() {
        List<String> lines = print(List.of(), List.of(
                new ProcessingError(A, 6, 16, "Parse error: bad"),
                new ProcessingError(B, 12, 9, "UpdateWithoutWhere: skipped a statement that the JPQL reader cannot "
                        + "read (unterminated string literal)")), 2, 0);
        assertEquals(List.of(
                "[WARNING] /src/com/acme/A.java:[6,16] Processing error: Parse error: bad",
                "[INFO] /src/com/acme/B.java:[12,9] Processing error: UpdateWithoutWhere: skipped a statement that "
                        + "the JPQL reader cannot read (unterminated string literal)",
                "[INFO] dbcheck: no findings in 2 Java files and 0 resource files analysed",
                "[WARNING] dbcheck: 1 processing error (listed above): the affected files were not fully analysed",
                "[INFO] dbcheck: 1 processing note (listed above): statements that dbcheck could not read were "
                        + "skipped, not guessed"),
                lines);
    }

    @Test
    void unreadableConfigurationFilesAreGroupedByWhy() {
        Path c = Path.of("/src/main/resources/application.yml");
        Path d = Path.of("/src/main/resources/application-dev.yml");
        Path e = Path.of("/src/main/resources/bootstrap.yml");
        List<String> lines = print(List.of(), List.of(
                new ProcessingError(c, 4, 1, "Cannot read the configuration file application.yml (tab indentation): "
                        + "a tab indents this line"),
                new ProcessingError(d, 9, 1, "Cannot read the configuration file application-dev.yml (tab indentation): "
                        + "a tab indents this line"),
                new ProcessingError(e, 2, 7, "Cannot read the configuration file bootstrap.yml (YAML syntax): mapping "
                        + "values are not allowed here"),
                new ProcessingError(B, 12, 9, "UpdateWithoutWhere: skipped a statement that the JPQL reader cannot "
                        + "read (unterminated string literal)")), 2, 3);
        assertEquals(List.of(
                "[INFO] dbcheck: 1 configuration file could not be read (YAML syntax), listed above and in the reports; "
                        + "the rest of the project was analysed",
                "[INFO] dbcheck: 2 configuration files could not be read (tab indentation), listed above and in the "
                        + "reports; the rest of the project was analysed",
                "[INFO] dbcheck: 1 processing note (listed above): statements that dbcheck could not read were "
                        + "skipped, not guessed"),
                lines.subList(lines.size() - 3, lines.size()));
    }

    @Test
    void suppressedAndBaselinedFindingsAreCountedApartAndFixedEntriesNamed() {
        Finding known = finding("DynamoDbScan", Severity.WARNING, A, 3, 27);
        Finding fresh = finding("DynamoDbScan", Severity.WARNING, A, 9, 5);
        Finding excused = finding("DynamoDbScan", Severity.WARNING, B, 4, 9);
        AnalysisResult result = new AnalysisResult(Path.of("/src"), List.of(), List.of(known, fresh), List.of(), 2, 0,
                List.of(new dev.dbcheck.suppress.SuppressedFinding(excused,
                        dev.dbcheck.suppress.Suppression.Kind.COMMENT, "nightly job")), null)
                .withBaseline(List.of(fresh), new dev.dbcheck.finding.BaselineOutcome(Path.of("/src/dbcheck-baseline.json"),
                        List.of(known), List.of(
                                new dev.dbcheck.finding.BaselineEntry("DynamoDbScan", "A.java", "x();", 1, "m"),
                                new dev.dbcheck.finding.BaselineEntry("DynamoDbScan", "A.java", "y();", 1, "m"))));
        CapturingLog log = new CapturingLog();
        new ConsoleReporter(log).report(result);
        assertEquals(List.of(
                "[WARNING] /src/com/acme/A.java:[9,5] DynamoDbScan: DynamoDbScan message",
                "[INFO] dbcheck: 1 finding in the baseline /src/dbcheck-baseline.json (not failing the build):",
                "[INFO] /src/com/acme/A.java:[3,27] DynamoDbScan: DynamoDbScan message",
                "[INFO] dbcheck: 1 new finding (1 warning) in 2 Java files and 0 resource files analysed",
                "[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)",
                HINT,
                "[INFO] dbcheck: 1 finding suppressed in source (DynamoDbScan: 1), listed in the SARIF report",
                "[INFO] dbcheck: 2 baseline entries no longer match: remove them with mvn dbcheck:baseline"),
                log.lines());
    }

    @Test
    void findingLinesAreShortAndVerboseOnesCarryTheWholeMessage() {
        String full = "scan() on table \"orders\" reads every item and consumes read capacity in proportion to the "
                + "table's size; it slows down and throttles other traffic as the table grows (guide: The Access "
                + "Pattern Constraint). Query by partition key, or add a GSI for this access pattern.";
        Finding f = new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.WARNING, full, A, 3, 27, 3, 40);
        assertEquals("/src/com/acme/A.java:[3,27] DynamoDbScan: scan() on table \"orders\" reads every item and "
                + "consumes read capacity in proportion to the table's size; it slows down and throttles other "
                + "traffic as the table grows", new ConsoleReporter(new CapturingLog()).findingLine(f));
        assertEquals("/src/com/acme/A.java:[3,27] DynamoDbScan: " + full,
                new ConsoleReporter(new CapturingLog(), true).findingLine(f));
        CapturingLog verbose = new CapturingLog();
        new ConsoleReporter(verbose, true).report(new AnalysisResult(Path.of("/src"), List.of(), List.of(f),
                List.of(), 1, 0));
        assertTrue(verbose.lines().stream().noneMatch(l -> l.contains("why and how to fix")), verbose.lines().toString());
    }
}
