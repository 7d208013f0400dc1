package dev.dbcheck.rules.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.report.ReportFormat;
import dev.dbcheck.report.Reports;
import dev.dbcheck.testing.RuleTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding in a configuration file points at the key's line and column in SARIF and Checkstyle alike. */
class ConfigFindingReportsTest {

    @Test
    void sarifAndCheckstylePointAtTheKey(@TempDir Path out) throws Exception {
        AnalysisResult result = RuleTester.of(new UnboundedConnectionPool())
                .file("src/main/resources/application-prod.yml", """
                        spring:
                          datasource:
                            dbcp2:
                              max-total: -1 # expect: UnboundedConnectionPool
                        """)
                .expectMarkedFindings();
        List<Path> written = Reports.write(result, List.of(ReportFormat.SARIF, ReportFormat.CHECKSTYLE), out);

        JsonNode location = new ObjectMapper().readTree(written.get(0).toFile()).get("runs").get(0).get("results")
                .get(0).get("locations").get(0).get("physicalLocation");
        assertTrue(location.get("artifactLocation").get("uri").asText().endsWith("application-prod.yml"),
                location.toString());
        assertEquals(4, location.get("region").get("startLine").asInt());
        assertEquals(7, location.get("region").get("startColumn").asInt());

        String checkstyle = Files.readString(written.get(1));
        assertTrue(checkstyle.contains("application-prod.yml"), checkstyle);
        assertTrue(checkstyle.contains("line=\"4\" column=\"7\""), checkstyle);
    }
}
