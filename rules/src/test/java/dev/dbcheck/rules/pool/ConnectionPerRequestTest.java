package dev.dbcheck.rules.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ConnectionPerRequestTest {

    @Test
    void flagsConnectionsAndPoolsCreatedPerOperationAndNothingThatRunsOnce() {
        RuleTester.of(new ConnectionPerRequest()).fixtures("/fixtures/ConnectionPerRequest").expectMarkedFindings();
    }

    @Test
    void severityFollowsTheRequestPath() {
        RuleTester.of(new ConnectionPerRequest()).fixtures("/fixtures/ConnectionPerRequest-requests")
                .expectMarkedFindings();
    }

    @Test
    void perRequestCodeThatRunsOnceIsNotReported() {
        RuleTester.of(new ConnectionPerRequest()).fixtures("/fixtures/ConnectionPerRequest-once").expectMarkedFindings();
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new ConnectionPerRequest()).java("""
                package p;
                import java.sql.DriverManager;
                class A {
                    void f(String url) throws Exception {
                        DriverManager.getConnection(url).close(); // expect: ConnectionPerRequest
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals("DriverManager.getConnection() in f() opens a new physical database connection on every call, "
                + "with a TCP and TLS handshake and authentication each time; under load, on scale-out and after a "
                + "failover every operation connects at once, a connection storm that exhausts the server's "
                + "connection limit (Aurora's max_connections) (guide: Connection pooling is not optional at "
                + "scale). Borrow connections from one pooled DataSource created at startup (a @Bean or a field), "
                + "behind RDS Proxy or PgBouncer when many instances share the database.", f.message());
        assertEquals(5, f.beginLine());
        assertEquals(23, f.beginColumn());
    }
}
