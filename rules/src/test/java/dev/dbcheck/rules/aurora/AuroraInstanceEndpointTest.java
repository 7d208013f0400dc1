package dev.dbcheck.rules.aurora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuroraInstanceEndpointTest {

    private static final String PLAIN = """
            spring:
              datasource:
                url: jdbc:mysql://billing.x7d2kq0pl.us-east-1.rds.amazonaws.com:3306/billing
            """;

    @Test
    void flagsInstanceEndpointsWhenTheProjectIsKnownToUseAurora() {
        RuleTester.of(new AuroraInstanceEndpoint()).fixtures("/fixtures/AuroraInstanceEndpoint").expectMarkedFindings();
    }

    @Test
    void theEngineParameterDecidesForUrlsWithoutOtherEvidence() {
        AnalysisResult aurora = RuleTester.of(new AuroraInstanceEndpoint())
                .file("src/main/resources/application.yml", PLAIN)
                .option("dbEngine", "aurora-mysql")
                .run();
        assertEquals(1, aurora.findings().size());
        Finding f = aurora.findings().get(0);
        assertEquals("The JDBC URL names the Aurora instance endpoint billing.x7d2kq0pl.us-east-1.rds.amazonaws.com "
                + "(dbEngine is aurora-mysql): after a failover the writer is another instance, and the application "
                + "keeps connecting to this one, now a reader that rejects writes or gone, until it is redeployed "
                + "(guide: Failover time). Connect to the cluster endpoint "
                + "{cluster}.cluster-x7d2kq0pl.us-east-1.rds.amazonaws.com for writes, or to its reader endpoint "
                + "(.cluster-ro-) for reads.", f.message());
        assertEquals(3, f.beginLine());
        assertEquals(10, f.beginColumn());
        assertEquals(80, f.endColumn());

        AnalysisResult none = RuleTester.of(new AuroraInstanceEndpoint())
                .file("src/main/resources/application.yml", PLAIN)
                .run();
        assertEquals(List.of(), none.findings());
    }

    @Test
    void aPlainRdsEngineFlagsNothingEvenBesideAClusterEndpoint() {
        AnalysisResult result = RuleTester.of(new AuroraInstanceEndpoint())
                .fixtures("/fixtures/AuroraInstanceEndpoint")
                .option("dbEngine", "postgres")
                .run();
        assertEquals(List.of(), result.findings());
    }

    @Test
    void aWrongEngineFailsFast() {
        assertThrows(IllegalArgumentException.class, () -> new AuroraInstanceEndpoint()
                .validate(new AnalysisOptions(Map.of("dbEngine", "oracle"))));
    }
}
