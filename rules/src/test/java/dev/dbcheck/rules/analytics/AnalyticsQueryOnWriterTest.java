package dev.dbcheck.rules.analytics;

import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class AnalyticsQueryOnWriterTest {

    @Test
    void flagsWholeTableAggregatesOnTheWriterOfAProjectWithAReader() {
        RuleTester.of(new AnalyticsQueryOnWriter()).fixtures("/fixtures/AnalyticsQueryOnWriter").expectMarkedFindings();
    }

    private static final String REPORT = """
            package p;
            import org.springframework.jdbc.core.JdbcTemplate;
            import org.springframework.transaction.annotation.Transactional;
            class Report {
                private JdbcTemplate jdbc;
                @Transactional(readOnly = true)
                Object byStatus() {
                    return jdbc.queryForList("select status, count(*) from orders group by status");%s
                }
                Object total() {
                    return jdbc.queryForObject("select sum(amount) from orders", Long.class);%s
                }
            }
            """;

    @Test
    void aProjectWithoutAReaderHasNoFinding() {
        RuleTester.of(new AnalyticsQueryOnWriter()).java(REPORT.formatted("", "")).file(
                "src/main/resources/application.properties", """
                        spring.datasource.url=jdbc:postgresql://shop.cluster-c9akciq32.eu-west-1.rds.amazonaws.com/shop
                        """).expectMarkedFindingsOrNone();
    }

    @Test
    void aDisabledSlaveIsNoReader() {
        RuleTester.of(new AnalyticsQueryOnWriter()).java(REPORT.formatted("", "")).file(
                "src/main/resources/application-druid.yml", """
                        spring:
                          datasource:
                            druid:
                              master:
                                url: jdbc:mysql://localhost:3306/shop
                              slave:
                                enabled: false
                                url: jdbc:mysql://localhost:3307/shop
                        """).expectMarkedFindingsOrNone();
    }

    @Test
    void shardingSphereReadWriteSplittingRoutesEveryReadItself() {
        RuleTester.of(new AnalyticsQueryOnWriter()).java(REPORT.formatted("", "")).file(
                "src/main/resources/application.yml", """
                        spring:
                          shardingsphere:
                            rules:
                              readwrite-splitting:
                                data-sources:
                                  shop:
                                    write-data-source-name: primary
                                    read-data-source-names: replica_0
                          datasource:
                            replica:
                              url: jdbc:mysql://shop.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com/shop
                        """).expectMarkedFindingsOrNone();
    }

    @Test
    void readOnlyTransactionsGoToTheReaderWhereTheProjectRoutesThem() {
        RuleTester.of(new AnalyticsQueryOnWriter()).java(REPORT.formatted("",
                " // expect: AnalyticsQueryOnWriter@info \"SUM() over table orders\" aggregate=SUM "
                        + "reader=\"ReplicaRouting (read-only transactions)\"")).java("""
                package p;
                import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
                import org.springframework.transaction.support.TransactionSynchronizationManager;
                class ReplicaRouting extends AbstractRoutingDataSource {
                    @Override
                    protected Object determineCurrentLookupKey() {
                        return TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? "reader" : "writer";
                    }
                }
                """).expectMarkedFindings();
    }

    @Test
    void aReaderDataSourceOfAQuarkusProjectAndAProjectAnnotationEnum() {
        RuleTester.of(new AnalyticsQueryOnWriter()).java("""
                package p;
                import org.springframework.jdbc.core.JdbcTemplate;
                class Stats {
                    private JdbcTemplate jdbc;
                    @DataSource(DataSourceType.SLAVE)
                    Object routed() {
                        return jdbc.queryForList("select status, count(*) from orders group by status");
                    }
                    @DataSource(DataSourceType.MASTER)
                    Object onMaster() {
                        return jdbc.queryForList("select status, avg(amount) from orders group by status"); // expect: AnalyticsQueryOnWriter@info reader=reader aggregate="GROUP BY"
                    }
                }
                """).file("src/main/resources/application.properties", """
                        quarkus.datasource.jdbc.url=jdbc:postgresql://db:5432/shop
                        quarkus.datasource.reader.jdbc.url=jdbc:postgresql://db-replica:5432/shop
                        """).expectMarkedFindings();
    }
}
