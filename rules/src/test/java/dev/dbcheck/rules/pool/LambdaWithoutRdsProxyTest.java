package dev.dbcheck.rules.pool;

import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class LambdaWithoutRdsProxyTest {

    private static final String HANDLER = """
            package fn;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.util.Map;
            public class OrdersFunction implements RequestHandler<Map<String, String>, String> { %s
                private static final String URL = "%s";
                public String handleRequest(Map<String, String> input, Context context) {
                    try (Connection c = DriverManager.getConnection(URL, "app", System.getenv("DB_PASSWORD"))) {
                        return "ok";
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    private static final String CLUSTER = "jdbc:postgresql://orders.cluster-abc123.eu-west-1.rds.amazonaws.com/orders";

    @Test
    void flagsAHandlerOnAClusterEndpointWithTheReservedConcurrency() {
        RuleTester.of(new LambdaWithoutRdsProxy())
                .java(HANDLER.formatted("// expect: LambdaWithoutRdsProxy@warning \"up to 50 environments\" "
                        + "concurrency=50 concurrencySource=reserved", CLUSTER))
                .file("config/template.yaml", """
                        Resources:
                          OrdersFunction:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: fn.OrdersFunction::handleRequest
                              ReservedConcurrentExecutions: 50
                        """)
                .expectMarkedFindings();
    }

    @Test
    void withoutAReservationTheRegionalDefaultIsAssumed() {
        RuleTester.of(new LambdaWithoutRdsProxy())
                .java(HANDLER.formatted("// expect: LambdaWithoutRdsProxy \"regional default Lambda concurrency of "
                        + "1,000 (assumed\" concurrency=1000 concurrencySource=assumed", CLUSTER))
                .expectMarkedFindings();
    }

    @Test
    void aHandlerBehindAnRdsProxyEndpointIsNotFlagged() {
        RuleTester.of(new LambdaWithoutRdsProxy())
                .java(HANDLER.formatted("", "jdbc:postgresql://orders.proxy-abc123.eu-west-1.rds.amazonaws.com/orders"))
                .expectMarkedFindingsOrNone();
    }

    @Test
    void aTemplateThatDeclaresAProxyIsEnough() {
        RuleTester.of(new LambdaWithoutRdsProxy())
                .java(HANDLER.formatted("", "jdbc:postgresql://orders.cluster-abc123.eu-west-1.rds.amazonaws.com/o"))
                .file("config/template.yaml", """
                        Resources:
                          OrdersProxy:
                            Type: AWS::RDS::DBProxy
                            Properties:
                              EngineFamily: POSTGRESQL
                        """)
                .expectMarkedFindingsOrNone();
    }

    @Test
    void anEndpointTheProjectDoesNotNameAndAHandlerWithoutConnectionsAreNotFlagged() {
        RuleTester.of(new LambdaWithoutRdsProxy())
                .java(HANDLER.formatted("", "DB_URL"))
                .java("""
                        package fn;
                        import com.amazonaws.services.lambda.runtime.Context;
                        public class Pinger {
                            private static final String HOST = "orders.cluster-abc123.eu-west-1.rds.amazonaws.com";
                            public String handleRequest(String input, Context context) { return HOST; }
                        }
                        """)
                .expectMarkedFindingsOrNone();
    }
}
