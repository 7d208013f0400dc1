package dev.dbcheck.rules.pool;

import static dev.dbcheck.rules.pool.AuroraMaxConnections.Engine.AURORA_MYSQL;
import static dev.dbcheck.rules.pool.AuroraMaxConnections.Engine.AURORA_POSTGRESQL;
import static dev.dbcheck.rules.pool.AuroraMaxConnections.Engine.MYSQL;
import static dev.dbcheck.rules.pool.AuroraMaxConnections.Engine.POSTGRES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuroraMaxConnectionsTest {

    /** The catalogue's values (rules-catalogue.md, connection-pool; domain-facts.md §4). */
    @ParameterizedTest(name = "{0}: {1} on Aurora MySQL, {2} on Aurora PostgreSQL")
    @CsvSource({
        "db.t3.medium, 90, 420",
        "db.t4g.medium, 90, 405",
        "db.t3.large, 135, 844",
        "db.t4g.large, 135, 844",
        "db.r5.large, 1000, 1600",
        "db.r5.xlarge, 2000, 3300",
        "db.r6g.large, 1000, 1722",
        "db.r7g.large, 1000, 1722",
        "db.r7i.large, 1000, 1722",
        "db.r8g.large, 1000, 1722",
        "db.r7g.xlarge, 2000, 3479",
        "db.r7g.2xlarge, 3000, 5000",
        "db.r7g.4xlarge, 4000, 5000",
        "db.r7g.8xlarge, 5000, 5000",
        "db.r7g.12xlarge, 6000, 5000",
        "db.r7g.16xlarge, 6000, 5000",
        "db.r5.24xlarge, 7000, 5000",
        "db.x2g.large, 2000, 3479",
    })
    void auroraDefaultsAreTheCataloguesValues(String instanceClass, int mysql, int postgres) {
        assertEquals(mysql, AuroraMaxConnections.defaultMaxConnections(AURORA_MYSQL, instanceClass));
        assertEquals(postgres, AuroraMaxConnections.defaultMaxConnections(AURORA_POSTGRESQL, instanceClass));
    }

    @Test
    void auroraMysqlFormulaGivesAThousandPerDoublingOnRClassesAnd45PerTClassSize() {
        long perGib = AuroraMaxConnections.CLASS_MEMORY_PER_GIB;
        assertEquals(1_000, AuroraMaxConnections.auroraMysql(16 * perGib));
        assertEquals(2_000, AuroraMaxConnections.auroraMysql(32 * perGib));
        assertEquals(3_000, AuroraMaxConnections.auroraMysql(64 * perGib));
        assertEquals(5_000, AuroraMaxConnections.auroraMysql(256 * perGib));
        assertEquals(90, AuroraMaxConnections.auroraMysql(4L * 805_306_368));
        assertEquals(135, AuroraMaxConnections.auroraMysql(8L * 805_306_368));
    }

    @Test
    void postgresFormulaDividesClassMemoryAndCapsAtFiveThousand() {
        assertEquals(1_722, AuroraMaxConnections.auroraPostgres(1_722L * 9_531_392));
        assertEquals(5_000, AuroraMaxConnections.auroraPostgres(512L << 30));
        assertEquals(1_717, AuroraMaxConnections.defaultMaxConnections(POSTGRES, "db.r7g.large"));
        assertEquals(5_000, AuroraMaxConnections.defaultMaxConnections(POSTGRES, "db.m6g.16xlarge"));
    }

    @Test
    void rdsMysqlIsAbout1300On16GiBClasses() {
        assertEquals(1_301, AuroraMaxConnections.defaultMaxConnections(MYSQL, "db.r7g.large"));
        assertEquals(1_301, AuroraMaxConnections.defaultMaxConnections(MYSQL, "db.m6g.xlarge"));
    }

    @Test
    void theGuidesTwoThousandIsNotAwssDefault() {
        assertTrue(AuroraMaxConnections.defaultMaxConnections(AURORA_POSTGRESQL, "db.r7g.large") < 2_000);
        assertTrue(AuroraMaxConnections.defaultMaxConnections(AURORA_MYSQL, "db.r7g.large") < 2_000);
    }

    @Test
    void unknownClassesAndEnginesFailWithTheAcceptedValues() {
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> AuroraMaxConnections.defaultMaxConnections(AURORA_POSTGRESQL, "db.r9z.large"));
        assertTrue(c.getMessage().startsWith("Parameter 'dbInstanceClass' does not accept 'db.r9z.large'"),
                c.getMessage());
        assertTrue(c.getMessage().contains("db.r7g.large, db.r7g.xlarge"), c.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> AuroraMaxConnections.defaultMaxConnections(AURORA_MYSQL, "db.m6g.large"));
        assertTrue(m.getMessage().contains("for dbEngine aurora-mysql"), m.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetSettings.ENGINE.parse("oracle"));
        assertEquals("Parameter 'dbEngine' does not accept 'oracle'; accepted values: aurora-postgresql, "
                + "aurora-mysql, postgres, mysql", e.getMessage());
        assertEquals(AURORA_POSTGRESQL, BudgetSettings.ENGINE.parse(" Aurora-PostgreSQL "));
    }
}
