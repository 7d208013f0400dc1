package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mojo wired by the real plugin descriptor, run against the small project in {@code projects/scans}. */
@MojoTest
@Basedir("/projects/scans")
class VerifyMojoTest {

    /** The console's sentence (the rule's headline): what is wrong and what it does, with the finding's facts. */
    private static final String SCAN_HEADLINE = "reads every item and throttles other traffic as the table grows.";

    /** The message's words for the same, which the verbose console prints with the guide and the fix. */
    private static final String SCAN_CONSEQUENCE = "reads every item and consumes read capacity in proportion to "
            + "the table's size; it slows down and throttles other traffic as the table grows";
    private static final String HINT = "[INFO] dbcheck: why and how to fix: mvn dbcheck:explain -Drule=<RuleId>, the "
            + "SARIF or HTML report, or -Ddbcheck.verbose=true for the full text here";

    @Inject
    private MavenProject project;

    private final CapturingLog log = new CapturingLog();
    private Path basedir;

    @BeforeEach
    void setUp() {
        basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
    }

    private String mainFinding() {
        return "[WARNING] " + basedir.resolve("src/main/java/com/acme/Repo.java") + ":[18,23] DynamoDbScan: "
                + "scan() on table \"items\" " + SCAN_HEADLINE;
    }

    /** The default formats are written after the summary, one line per file. */
    private List<String> reportLines() {
        Path dir = basedir.resolve("target/dbcheck");
        return List.of("[INFO] dbcheck: report written: " + dir.resolve("dbcheck.sarif"),
                "[INFO] dbcheck: report written: " + dir.resolve("dbcheck-checkstyle.xml"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private String testFinding() {
        return "[WARNING] " + basedir.resolve("src/test/java/com/acme/RepoFixtures.java") + ":[8,23] DynamoDbScan: "
                + "scan() on table \"fixtures\" " + SCAN_HEADLINE;
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void logsFindingsAndPassesUnderTheDefaultFailOn(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(concat(List.of(
                mainFinding(),
                "[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed",
                "[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)", HINT), reportLines()), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void writesTheReportsWithTheFindings(VerifyMojo mojo) throws Exception {
        Path dir = basedir.resolve("target/dbcheck");
        Files.deleteIfExists(dir.resolve("dbcheck.sarif"));
        Files.deleteIfExists(dir.resolve("dbcheck-checkstyle.xml"));
        mojo.setLog(log);
        mojo.execute();
        // Content is the report module's business; here: the result of this run reached both files.
        JsonNode results = new ObjectMapper().readTree(dir.resolve("dbcheck.sarif").toFile())
                .path("runs").path(0).path("results");
        assertEquals(1, results.size(), results.toString());
        assertEquals("DynamoDbScan", results.path(0).path("ruleId").asText());
        assertEquals(18, results.path(0).at("/locations/0/physicalLocation/region/startLine").asInt());
        String checkstyle = Files.readString(dir.resolve("dbcheck-checkstyle.xml"));
        assertTrue(checkstyle.contains("line=\"18\" column=\"23\""), checkstyle);
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "formats", value = ",")
    @MojoParameter(name = "failOn", value = "warning")
    void emptyFormatsWriteNoReports(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("dbcheck found 1 finding at or above warning (1 warning).", e.getMessage());
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("report written")), log.lines().toString());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "warning")
    void failsAtWarning(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("dbcheck found 1 finding at or above warning (1 warning). Reports: "
                + basedir.resolve("target/dbcheck"), e.getMessage());
        // The findings are printed before the build fails, so the user sees what to fix.
        assertTrue(log.lines().contains(mainFinding()), log.lines().toString());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "none")
    void failOnNoneNeverFails(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertTrue(log.lines().contains(mainFinding()));
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "failOn", value = "info")
    void skipDoesNothing(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] Skipping dbcheck"), log.lines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "includeTests", value = "true")
    void includeTestsAddsTestSources(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(concat(List.of(
                mainFinding(),
                testFinding(),
                "[INFO] dbcheck: 2 findings (2 warning) in 2 Java files and 0 resource files analysed",
                "[INFO] dbcheck:   DynamoDbScan: 2 (2 warning)", HINT), reportLines()), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "includeTests", value = "true")
    @MojoParameter(name = "excludes", value = "com/acme/Repo.java")
    @MojoParameter(name = "failOn", value = "warning")
    void excludesDropFiles(VerifyMojo mojo) {
        mojo.setLog(log);
        assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(concat(List.of(
                testFinding(),
                "[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed",
                "[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)", HINT), reportLines()), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "includes", value = "**/Nothing*.java")
    void includesSelectFiles(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(concat(List.of("[INFO] dbcheck: no findings in 0 Java files and 0 resource files analysed"),
                reportLines()), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "fatal")
    void invalidFailOnNamesTheParameter(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("Invalid dbcheck parameter failOn='fatal': accepted values are error, warning, info, none",
                e.getMessage());
        assertEquals(List.of(), log.dbcheckLines(), "nothing is analysed when the configuration is wrong");
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "dbEngine", value = "oracle")
    void ruleOptionsReachTheRulesWhichNameTheAcceptedValues(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        // The rule checks its option; the message has the wording of every other parameter error.
        assertEquals("Invalid dbcheck parameter dbEngine='oracle': accepted values are aurora-postgresql, "
                + "aurora-mysql, postgres, mysql", e.getMessage());
        assertEquals(List.of(), log.dbcheckLines(), "nothing is analysed when the configuration is wrong");
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "dbEngine", value = "aurora-mysql")
    @MojoParameter(name = "dbInstanceClass", value = "db.m5.large")
    void optionsThatDependOnEachOtherAreCheckedByTheRule(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter dbInstanceClass='db.m5.large': accepted values "
                + "for dbEngine aurora-mysql are db.t3.medium, "), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "formats", value = "sarif,pdf")
    void invalidFormatsNamesTheParameter(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("Invalid dbcheck parameter formats='sarif,pdf': accepted values are sarif, checkstyle, "
                + "gitlab, html "
                + "(comma-separated; empty for none)", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "languageLevel", value = "banana")
    void invalidLanguageLevelNamesTheParameter(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter languageLevel='banana': supported Java "
                + "releases are 5, 6, 7, 8, "), e.getMessage());
        assertTrue(e.getMessage().contains(" 17, ") && e.getMessage().contains(" 21, "), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void languageLevelDefaultsToTheCompilerRelease(VerifyMojo mojo) {
        // A wrong maven.compiler.release proves the property is read, and the message says where it came from.
        project.getProperties().setProperty("maven.compiler.release", "seventeen");
        project.getProperties().setProperty("maven.compiler.source", "11");
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter languageLevel (from maven.compiler.release)"
                + "='seventeen': supported Java releases are "), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "encoding", value = "UTF-42")
    void unknownEncodingNamesTheParameter(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter encoding='UTF-42': accepted values are "
                + "charset names"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom-no-encoding.xml")
    void missingEncodingFallsBackToUtf8WithAWarning(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals("[WARNING] dbcheck: source encoding not set (project.build.sourceEncoding or dbcheck.encoding), "
                + "reading sources as UTF-8", log.dbcheckLines().get(0));
        assertTrue(log.lines().contains(mainFinding()));
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "disabledRules", value = "DynamoDbScan")
    @MojoParameter(name = "failOn", value = "info")
    void disabledRulesDoNotRun(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals("[INFO] dbcheck: no findings in 1 Java file and 0 resource files analysed",
                log.dbcheckLines().get(0));
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "disabledRules", value = "DynamoDbScan,Scan")
    void unknownDisabledRuleFailsFastWithTheKnownIds(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("Invalid dbcheck parameter disabledRules='Scan': not a dbcheck rule id; known ids: "
                + dev.dbcheck.rule.RuleRegistry.knownIds(), e.getMessage());
        assertEquals(List.of(), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "warning")
    @MojoParameter(name = "maxAllowedFindings", value = "1")
    void maxAllowedFindingsToleratesThatMany(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(mainFinding(), log.dbcheckLines().get(0));
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "maxAllowedFindings", value = "-2")
    void negativeMaxAllowedFindingsNamesTheParameter(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("Invalid dbcheck parameter maxAllowedFindings='-2': must be 0 or more",
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void ruleSeverityFromThePom(VerifyMojo mojo) throws Exception {
        org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(mojo, "rules",
                java.util.Map.of("DynamoDbScan", "error"));
        mojo.setLog(log);
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("dbcheck found 1 finding at or above error (1 error)."), e.getMessage());
        assertEquals(mainFinding().replace("[WARNING]", "[ERROR]"), log.dbcheckLines().get(0));
    }
    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "verbose", value = "true")
    void verbosePrintsTheFullExplanationAndFix(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(concat(List.of(
                "[WARNING] " + basedir.resolve("src/main/java/com/acme/Repo.java") + ":[18,23] DynamoDbScan: scan() "
                        + "on table \"items\" " + SCAN_CONSEQUENCE + " (guide: The Access Pattern Constraint). Query "
                        + "by partition key, or add a GSI for this access pattern; if a full read is intended (a batch "
                        + "job), suppress this with the reason.",
                "[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed",
                "[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)"), reportLines()), log.dbcheckLines());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "languageLevel", value = "99")
    void aLanguageLevelBeyondTheParserIsRejectedWithTheSupportedRange(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter languageLevel='99': supported Java releases "
                + "are 5, 6, "), e.getMessage());
        assertEquals(List.of(), log.dbcheckLines(), "nothing is analysed when the configuration is wrong");
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "maxPoolSize", value = "0")
    void ruleOptionErrorsHaveTheOneWording(VerifyMojo mojo) {
        mojo.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("Invalid dbcheck parameter maxPoolSize='0': accepted values are whole numbers of at least 1",
                e.getMessage());
    }
}
