package dev.dbcheck.rules.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnboundedConnectionPoolTest {

    @Test
    void flagsNoLimitValuesInCodeAndConfigurationAndNothingElse() {
        RuleTester.of(new UnboundedConnectionPool()).fixtures("/fixtures/UnboundedConnectionPool")
                .expectMarkedFindings();
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new UnboundedConnectionPool())
                .file("src/main/resources/application.properties", """
                        # expect: UnboundedConnectionPool
                        spring.datasource.dbcp2.max-total=-1
                        """)
                .expectMarkedFindings();
        assertEquals("spring.datasource.dbcp2.max-total: -1 removes the pool's limit: when traffic rises or the "
                + "server slows down, every waiting request opens another connection until Aurora refuses new ones "
                + "at max_connections and every service on the database fails (guide: Connection pooling is not "
                + "optional at scale). Set a finite maximum sized to the work one instance does in parallel, with "
                + "a bounded wait for a free connection.", result.findings().get(0).message());
        assertEquals(1, result.findings().get(0).beginColumn());
        assertEquals(33, result.findings().get(0).endColumn());
    }
}
