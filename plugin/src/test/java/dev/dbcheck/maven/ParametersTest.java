package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.report.ReportFormat;
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
}
