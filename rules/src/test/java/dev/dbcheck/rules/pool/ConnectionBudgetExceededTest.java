package dev.dbcheck.rules.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.testing.RuleTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionBudgetExceededTest {

    private static final String HIKARI_12 = """
            spring:
              datasource:
                url: jdbc:postgresql://orders.cluster-abc.eu-west-1.rds.amazonaws.com/orders
                hikari:
                  maximum-pool-size: 12
            """;

    @Test
    void addsUpPoolsOverProfilesAndCodeAgainstTheWorstCaseReplicas() {
        RuleTester.of(new ConnectionBudgetExceeded()).fixtures("/fixtures/ConnectionBudgetExceeded")
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .expectMarkedFindings();
    }

    @Test
    void onlyProductionsPoolsMakeAnErrorAndAnotherProfilesAreInfoNamingIt() {
        // Production: 12 x 100 = 1,200 < 1,377 (80% of 1,722). The dev profile's 40 x 100 = 4,000 is over.
        AnalysisResult result = RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", HIKARI_12)
                .file("src/main/resources/application-dev.yml", """
                        spring.datasource.hikari.maximum-pool-size: 40 # expect: ConnectionBudgetExceeded "40 connections x 100 replicas = 4,000 > 80% of 1,722 (db.r7g.large, aurora-postgresql); replicas from the replicas parameter. Every replica"
                        """)
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .option("replicas", "100")
                .expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(dev.dbcheck.finding.Severity.INFO, f.severity());
        assertTrue(f.message().endsWith(" Reported at info: profile dev, not a production profile (productionProfiles: "
                + "prod, production, prd, live)."), f.message());
        // The same files with dev in production: an error.
        AnalysisResult asProduction = RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", HIKARI_12)
                .file("src/main/resources/application-dev.yml", "spring.datasource.hikari.maximum-pool-size: 40\n")
                .option("dbInstanceClass", "db.r7g.large").option("dbEngine", "aurora-postgresql")
                .option("replicas", "100").option("productionProfiles", "dev").run();
        assertEquals(List.of(dev.dbcheck.finding.Severity.ERROR),
                asProduction.findings().stream().map(Finding::severity).toList());
    }

    @Test
    void theGuidesExampleWithTheReplicasParameter() {
        AnalysisResult result = RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", HIKARI_12)
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .option("replicas", "300")
                .expect("src/main/resources/application.yml", 5, "ConnectionBudgetExceeded", "x 300 replicas")
                .expectMarkedFindings();
        assertEquals(1, result.findings().size());
        Finding f = result.findings().get(0);
        assertEquals("spring.datasource.hikari.maximum-pool-size: 12 (HikariCP): 12 connections x 300 replicas = "
                + "3,600 > 80% of 1,722 (db.r7g.large, aurora-postgresql); replicas from the replicas parameter. "
                + "Every replica can fill its pools at once, at peak or when all pods reconnect after a failover, "
                + "and Aurora then refuses new connections for every client of the database (guide: Connection "
                + "pooling is not optional at scale). Put RDS Proxy or PgBouncer between the service and Aurora, "
                + "or keep the pools at 4 connections per replica in total.", f.message());
        assertEquals(5, f.beginLine());
        assertEquals(7, f.beginColumn());
        assertEquals(23, f.endColumn());
    }

    @Test
    void withinTheBudgetIsNotAFinding() {
        AnalysisResult result = RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", HIKARI_12)
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .option("replicas", "114")
                .expectMarkedFindings();
        assertEquals(List.of(), result.findings());
    }

    @Test
    void defaultsApplyWhenNoMaximumIsSetAndMaxConnectionsOverridesTheTable() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.properties", """
                        # expect: ConnectionBudgetExceeded "quarkus.datasource.jdbc.url (Agroal default of 20): 20 connections x 10 replicas = 200 > 75% of 250 (maxConnections)"
                        quarkus.datasource.jdbc.url=jdbc:mysql://orders.cluster-abc.eu-west-1.rds.amazonaws.com/orders
                        """)
                .option("maxConnections", "250")
                .option("connectionBudget", "0.75")
                .option("replicas", "10")
                .expectMarkedFindings();
    }

    @Test
    void helmValuesGiveTheReplicas() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", """
                        datasources:
                          default:
                            url: jdbc:mysql://orders.cluster-abc.eu-west-1.rds.amazonaws.com/orders
                            maximum-pool-size: 30 # expect: ConnectionBudgetExceeded "30 connections x 40 replicas = 1,200 > 80% of 1,000 (db.r6g.large, aurora-mysql); replicas from Helm value autoscaling.maxReplicas in config/helm/values-prod.yaml:4"
                        """)
                .file("config/helm/values-prod.yaml", """
                        replicaCount: 6
                        autoscaling:
                          enabled: true
                          maxReplicas: 40
                        """)
                .option("dbInstanceClass", "db.r6g.large")
                .option("dbEngine", "aurora-mysql")
                .expectMarkedFindings();
    }

    @Test
    void aDataSourceInCodeReplacesSpringBootsOwnAndStatefulSetsCount() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .java("""
                        package p;
                        import javax.sql.DataSource;
                        import org.apache.commons.dbcp2.BasicDataSource;
                        import org.springframework.context.annotation.Bean;
                        class Db {
                            @Bean
                            DataSource dataSource() {
                                BasicDataSource ds = new BasicDataSource(); // expect: ConnectionBudgetExceeded "new BasicDataSource() (Commons DBCP2 default of 8): 8 connections x 20 replicas = 160 > 80% of 135 (db.t4g.large, aurora-mysql); replicas from StatefulSet ledger spec.replicas in config/ledger.yml:5"
                                ds.setUrl("jdbc:mysql://ledger.cluster-abc.eu-west-1.rds.amazonaws.com/ledger");
                                return ds;
                            }
                        }
                        """)
                .file("src/main/resources/application.properties",
                        "spring.datasource.url=jdbc:mysql://ledger.cluster-abc.eu-west-1.rds.amazonaws.com/ledger\n")
                .file("config/ledger.yml", """
                        kind: StatefulSet
                        metadata:
                          name: ledger
                        spec:
                          replicas: 20
                        """)
                .option("dbInstanceClass", "db.t4g.large")
                .option("dbEngine", "aurora-mysql")
                .expectMarkedFindings();
    }

    private static final String LAMBDA_POOL = """
            package fn;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.zaxxer.hikari.HikariConfig;
            import com.zaxxer.hikari.HikariDataSource;
            public class ReportFunction implements RequestHandler<String, String> {
                private static final HikariDataSource POOL = pool();
                private static HikariDataSource pool() {
                    HikariConfig config = new HikariConfig();
                    config.setMaximumPoolSize(%s);%s
                    return new HikariDataSource(config);
                }
                public String handleRequest(String input, Context context) { return input; }
            }
            """;

    @Test
    void aLambdaProjectTakesTheFunctionsConcurrencyAsItsReplicas() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .java(LAMBDA_POOL.formatted("5", " // expect: ConnectionBudgetExceeded \"5 connections x 400 replicas = "
                        + "2,000\" "))
                .file("config/template.yaml", """
                        Resources:
                          ReportFunction:
                            Type: AWS::Serverless::Function
                            Properties:
                              ReservedConcurrentExecutions: 400
                        """)
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .expectMarkedFindings();
    }

    @Test
    void aLambdaProjectWithoutAReservationAssumesTheRegionalDefault() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .java(LAMBDA_POOL.formatted("2", " // expect: ConnectionBudgetExceeded \"x 1,000 replicas = 2,000 > 80% "
                        + "of 1,722 (db.r7g.large, aurora-postgresql); replicas from the regional default Lambda "
                        + "concurrency of 1,000 (assumed\" "))
                .option("dbInstanceClass", "db.r7g.large")
                .option("dbEngine", "aurora-postgresql")
                .expectMarkedFindings();
    }

    @Test
    void dynamicDataSourcesAreOnePoolEachAndRedisPoolsAreNotCounted() {
        RuleTester.of(new ConnectionBudgetExceeded())
                .file("src/main/resources/application.yml", """
                        spring:
                          datasource:
                            dynamic:
                              primary: orders
                              datasource:
                                orders:
                                  url: jdbc:mysql://orders.cluster-abc.eu-west-1.rds.amazonaws.com/orders
                                  druid:
                                    max-active: 100 # expect: ConnectionBudgetExceeded "spring.datasource.dynamic.datasource.orders.druid.max-active: 100 (Druid): 150 connections (100 here + 50 from spring.datasource.dynamic.datasource.reports.hikari.max-pool-size: 50 (HikariCP) at application.yml:13) x 20 replicas = 3,000 > 80% of 1,000 (maxConnections)"
                                reports:
                                  url: jdbc:mysql://orders.cluster-ro-abc.eu-west-1.rds.amazonaws.com/orders
                                  hikari:
                                    max-pool-size: 50
                          data:
                            redis:
                              lettuce:
                                pool:
                                  max-active: 500
                        """)
                .java("""
                        package p;
                        import redis.clients.jedis.JedisPool;
                        import redis.clients.jedis.JedisPoolConfig;
                        class Cache {
                            JedisPool pool() {
                                JedisPoolConfig config = new JedisPoolConfig();
                                config.setMaxTotal(400);
                                return new JedisPool(config, "cache.abc.euw1.cache.amazonaws.com", 6379);
                            }
                        }
                        """)
                .option("maxConnections", "1000")
                .option("replicas", "20")
                .expectMarkedFindings();
    }

    @Test
    void withoutInputsItIsSilentAndSaysOnceWhatItNeeds(@TempDir Path dir) throws IOException {
        Path yml = dir.resolve("src/main/resources/application.yml");
        Files.createDirectories(yml.getParent());
        Files.writeString(yml, HIKARI_12);
        List<String> log = new ArrayList<>();
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                .resourceRoot(dir.resolve("src/main/resources"))
                .rules(List.of(new ConnectionBudgetExceeded()))
                .options(new AnalysisOptions(Map.of()))
                .log(log::add)
                .threads(1)
                .build());
        assertEquals(List.of(), result.findings());
        assertEquals(List.of("ConnectionBudgetExceeded did not check the connection budget of 1 pool: it needs the "
                + "database's max_connections (set dbInstanceClass and dbEngine, or maxConnections) and the number "
                + "of replicas (set replicas, or keep the Kubernetes manifests or Helm values in the project)."), log);
    }

    @Test
    void poolAndReplicaFactsComeBackFromTheAnalysisCache(@TempDir Path dir) throws IOException {
        Path yml = dir.resolve("src/main/resources/application.yml");
        Files.createDirectories(yml.getParent());
        Files.writeString(yml, HIKARI_12);
        Path hpa = dir.resolve("k8s/hpa.yaml");
        Files.createDirectories(hpa.getParent());
        Files.writeString(hpa, """
                kind: HorizontalPodAutoscaler
                metadata:
                  name: orders
                spec:
                  maxReplicas: 300
                """);
        List<String> debug = new ArrayList<>();
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                    .resourceRoot(dir.resolve("src/main/resources"))
                    .resourceRoot(dir.resolve("k8s"))
                    .rules(List.of(new ConnectionBudgetExceeded()))
                    .options(new AnalysisOptions(Map.of("dbInstanceClass", "db.r7g.large", "dbEngine",
                            "aurora-postgresql")))
                    .cacheFile(dir.resolve("target/cache.json.gz"))
                    .debugLog(debug::add)
                    .threads(1)
                    .build());
            runs.add(result.findings().stream().map(Finding::message).toList());
        }
        assertEquals(1, runs.get(0).size(), runs.toString());
        assertTrue(runs.get(0).get(0).contains("x 300 replicas = 3,600"), runs.get(0).get(0));
        assertEquals(runs.get(0), runs.get(1));
        assertTrue(debug.stream().anyMatch(l -> l.contains("2 of 2 files unchanged")), debug.toString());
    }

    @Test
    void wrongOptionsFailFastWithTheAcceptedValues() {
        IllegalArgumentException engine = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new ConnectionBudgetExceeded()).option("dbEngine", "aurora").run());
        assertTrue(engine.getMessage().contains("aurora-postgresql, aurora-mysql, postgres, mysql"),
                engine.getMessage());
        IllegalArgumentException instance = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new ConnectionBudgetExceeded()).option("dbEngine", "aurora-postgresql")
                        .option("dbInstanceClass", "db.r7g.huge").run());
        assertTrue(instance.getMessage().contains("dbInstanceClass") && instance.getMessage().contains("db.r7g.large"),
                instance.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new ConnectionBudgetExceeded()).option("connectionBudget", "80").run());
        assertTrue(budget.getMessage().contains("connectionBudget"), budget.getMessage());
        IllegalArgumentException replicas = assertThrows(IllegalArgumentException.class,
                () -> RuleTester.of(new ConnectionBudgetExceeded()).option("replicas", "0").run());
        assertTrue(replicas.getMessage().contains("replicas"), replicas.getMessage());
    }
}
