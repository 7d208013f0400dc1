package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.report.ReportFormat;
import dev.dbcheck.rule.RuleMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void formatsAreParsedByTheReportModule() throws Exception {
        assertEquals(List.of(ReportFormat.SARIF, ReportFormat.CHECKSTYLE),
                Parameters.formats(" SARIF , checkstyle,sarif,"));
        assertEquals(List.of(), Parameters.formats(" , "));
    }

    @Test
    void unknownFormatNamesTheParameter() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> Parameters.formats("sarif,pdf"));
        assertEquals("Invalid dbcheck parameter formats='sarif,pdf': accepted values are sarif, checkstyle, "
                + "gitlab, html "
                + "(comma-separated; empty for none)", e.getMessage());
    }

    @Test
    void languageLevelPrefersTheParameterThenReleaseThenSource() throws Exception {
        Properties props = new Properties();
        assertNull(Parameters.languageLevel(null, props));
        props.setProperty("maven.compiler.source", "1.8");
        assertEquals("1.8", Parameters.languageLevel(" ", props));
        props.setProperty("maven.compiler.release", "17");
        assertEquals("17", Parameters.languageLevel(null, props));
        assertEquals("21", Parameters.languageLevel("21", props));
    }

    @Test
    void badLanguageLevelFromSourceSaysSo() {
        Properties props = new Properties();
        props.setProperty("maven.compiler.source", "${java.version}");
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Parameters.languageLevel(null, props));
        assertEquals(true, e.getMessage().startsWith(
                "Invalid dbcheck parameter languageLevel (from maven.compiler.source)='${java.version}'"),
                e.getMessage());
    }

    @Test
    void unsetEncodingWarnsAndUsesUtf8() throws Exception {
        List<String> warnings = new ArrayList<>();
        assertEquals(StandardCharsets.UTF_8, Parameters.encoding(null, warnings::add));
        assertEquals(1, warnings.size());
        assertEquals(StandardCharsets.ISO_8859_1, Parameters.encoding("ISO-8859-1", warnings::add));
        assertEquals(1, warnings.size());
        assertThrows(MojoExecutionException.class, () -> Parameters.encoding("no such charset!", warnings::add));
    }

    @Test
    void patternsSplitPropertyValuesOnCommas() {
        assertEquals(List.of("**/A.java", "**/B.java", "gen/**"),
                Parameters.patterns(Arrays.asList("**/A.java, **/B.java", null, " gen/** ", " ")));
        assertEquals(List.of(), Parameters.patterns(null));
    }

    @Test
    void rulesTurnOffAndChangeSeverities() throws Exception {
        java.util.Map<String, String> rules = new java.util.LinkedHashMap<>();
        rules.put("DynamoDbScan", " ERROR ");
        rules.put("UnusedSuppression", "off");
        RuleSelection selection = Parameters.rules(rules, null);
        assertEquals(java.util.Map.of("DynamoDbScan", dev.dbcheck.finding.Severity.ERROR), selection.severities());
        List<String> enabled = selection.rules().stream().map(dev.dbcheck.rule.Rule::id).toList();
        assertEquals(true, enabled.contains("DynamoDbScan"));
        assertEquals(false, enabled.contains("UnusedSuppression"));
        assertEquals(dev.dbcheck.rule.RuleRegistry.all().size() - 1, enabled.size());
    }

    @Test
    void disabledRulesIsACommaList() throws Exception {
        RuleSelection selection = Parameters.rules(java.util.Map.of("DynamoDbScan", "info"),
                " DynamoDbScan , UnusedSuppression,");
        List<String> enabled = selection.rules().stream().map(dev.dbcheck.rule.Rule::id).toList();
        assertEquals(false, enabled.contains("DynamoDbScan") || enabled.contains("UnusedSuppression"));
        assertEquals(dev.dbcheck.rule.RuleRegistry.all().size() - 2, enabled.size());
        assertEquals(java.util.Map.of(), selection.severities());
        assertEquals(dev.dbcheck.rule.RuleRegistry.all().size(), Parameters.rules(null, " ").rules().size());
    }

    @Test
    void unknownRuleIdsFailWithTheKnownIds() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Parameters.rules(java.util.Map.of("DynamoScan", "off"), null));
        assertEquals("Invalid dbcheck parameter rules='DynamoScan': not a dbcheck rule id; known ids: "
                + dev.dbcheck.rule.RuleRegistry.knownIds(), e.getMessage());
        MojoExecutionException d = assertThrows(MojoExecutionException.class,
                () -> Parameters.rules(null, "DynamoDbScan,dynamodbscan"));
        assertEquals(true, d.getMessage().startsWith(
                "Invalid dbcheck parameter disabledRules='dynamodbscan': not a dbcheck rule id; known ids: "),
                d.getMessage());
    }

    @Test
    void badRuleValueNamesTheRuleAndTheAcceptedValues() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Parameters.rules(java.util.Map.of("DynamoDbScan", "disabled"), null));
        assertEquals("Invalid dbcheck parameter rules/DynamoDbScan='disabled': accepted values are off, error, "
                + "warning, info", e.getMessage());
    }

    @Test
    void maxAllowedFindingsMustNotBeNegative() throws Exception {
        assertEquals(3, Parameters.maxAllowedFindings(3));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> Parameters.maxAllowedFindings(-1));
        assertEquals("Invalid dbcheck parameter maxAllowedFindings='-1': must be 0 or more",
                e.getMessage());
    }

    @Test
    void theRulesOwnOptionChecksAreRecastInTheOneWording() {
        assertEquals("Invalid dbcheck parameter dbEngine='oracle': accepted values are aurora-postgresql, mysql",
                Parameters.fromEngine(new RuleMetadata.InvalidOptionException("dbEngine", "oracle",
                        "aurora-postgresql, mysql")).getMessage());
        assertEquals("Invalid dbcheck parameter dbInstanceClass='db.x': accepted values for dbEngine mysql are db.r7g.large",
                Parameters.fromEngine(new RuleMetadata.InvalidOptionException("dbInstanceClass", "db.x",
                        "for dbEngine mysql", "db.r7g.large")).getMessage());
        // Anything else keeps its words, under the same heading.
        assertEquals("Invalid dbcheck configuration: something else",
                Parameters.fromEngine(new IllegalArgumentException("something else")).getMessage());
    }
}
