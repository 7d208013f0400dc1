package dev.dbcheck.rules.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class OversizedConnectionPoolTest {

    @Test
    void flagsPoolsAboveTheThresholdInCodeAndConfigurationAndNothingElse() {
        RuleTester.of(new OversizedConnectionPool()).fixtures("/fixtures/OversizedConnectionPool")
                .expectMarkedFindings();
    }

    @Test
    void thresholdIsTheMaxPoolSizeParameter() {
        RuleTester.of(new OversizedConnectionPool()).option("maxPoolSize", "100")
                .file("src/main/resources/application.yml", """
                        spring:
                          datasource:
                            hikari:
                              maximum-pool-size: 100
                        ---
                        spring.datasource.hikari.maximum-pool-size: 101 # expect: OversizedConnectionPool "more than the 100 per instance"
                        """)
                .expectMarkedFindings();
    }

    @Test
    void messageQuotesTheDatabaseTheBuildNames() {
        RuleTester.of(new OversizedConnectionPool()).option("dbInstanceClass", "db.t4g.medium")
                .option("dbEngine", "aurora-mysql")
                .file("src/main/resources/application.properties", """
                        # expect: OversizedConnectionPool "pools this size exhaust the database's max_connections of 90 (db.t4g.medium, aurora-mysql) when"
                        spring.datasource.hikari.maximum-pool-size=60
                        """)
                .expectMarkedFindings();
        RuleTester.of(new OversizedConnectionPool()).option("maxConnections", "400")
                .file("src/main/resources/application.properties", """
                        # expect: OversizedConnectionPool "exhaust the database's max_connections of 400 (maxConnections) when"
                        spring.datasource.hikari.maximum-pool-size=60
                        """)
                .expectMarkedFindings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new OversizedConnectionPool()).option("dbInstanceClass", "db.m5.large")
                        .option("dbEngine", "aurora-mysql").run());
        assertTrue(e.getMessage().contains("for dbEngine aurora-mysql"), e.getMessage());
    }

    @Test
    void configFindingPointsAtTheKey() {
        AnalysisResult result = RuleTester.of(new OversizedConnectionPool())
                .file("src/main/resources/application.yml", """
                        spring:
                          datasource:
                            hikari:
                              maximum-pool-size: 200 # expect: OversizedConnectionPool
                        """)
                .expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(4, f.beginLine());
        assertEquals(7, f.beginColumn());
        assertEquals(4, f.endLine());
        assertEquals(23, f.endColumn());
        assertTrue(f.message().endsWith("(guide: Connection pooling is not optional at scale). Size the pool to "
                + "the work one instance does in parallel, and put RDS Proxy or PgBouncer in front of Aurora when "
                + "many instances share it."), f.message());
    }

    @Test
    void malformedYamlIsAProcessingErrorNotAFinding() {
        RuleTester.of(new OversizedConnectionPool())
                .file("src/main/resources/application.yml", "spring:\n  datasource: [unclosed\n")
                .expectError("src/main/resources/application.yml", 3, "Cannot read the configuration file application.yml (YAML syntax)")
                .expectProcessingErrors(1)
                .expectMarkedFindings();
    }

    @Test
    void everyPoolRuleReadingAMalformedFileGivesOneProcessingError() {
        RuleTester.of(new OversizedConnectionPool(), new UnboundedConnectionPool(), new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", "spring:\n  datasource: [unclosed\n")
                .expectError("src/main/resources/application.yml", 3, "Cannot read the configuration file application.yml (YAML syntax)")
                .expectProcessingErrors(1)
                .expectMarkedFindings();
    }

    @Test
    void rejectsAThresholdBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new OversizedConnectionPool()).option("maxPoolSize", "0").run());
        assertTrue(e.getMessage().contains("maxPoolSize"), e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new OversizedConnectionPool()).option("maxPoolSize", "many").run());
        assertTrue(nan.getMessage().contains("maxPoolSize"), nan.getMessage());
    }
}
