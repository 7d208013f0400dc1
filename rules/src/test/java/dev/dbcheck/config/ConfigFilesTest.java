package dev.dbcheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFilesTest {

    @Test
    void yamlKeysAreFlattenedWithPositionsDocumentsAndProfiles() {
        List<ConfigProperty> keys = ConfigFiles.readYaml("""
                spring:
                  datasource:
                    hikari:
                      maximum-pool-size: 12
                    urls: [a, b]
                ---
                spring:
                  config.activate.on-profile: prod
                  datasource.hikari.maximumPoolSize: 40
                "%dev":
                  quarkus:
                    datasource:
                      jdbc:
                        max-size: 3
                """);
        ConfigProperty size = keys.get(0);
        assertEquals("spring.datasource.hikari.maximum-pool-size", size.key());
        assertEquals("spring.datasource.hikari.maximumpoolsize", size.canonicalKey());
        assertEquals("12", size.value());
        assertEquals(4, size.line());
        assertEquals(7, size.column());
        assertEquals(23, size.endColumn());
        assertEquals("", size.profile());
        assertEquals(0, size.document());
        assertEquals("spring.datasource.urls[1]", keys.get(2).key());
        assertEquals("b", keys.get(2).value());
        ConfigProperty prod = keys.get(4);
        assertEquals("spring.datasource.hikari.maximumpoolsize", prod.canonicalKey());
        assertEquals("prod", prod.profile());
        assertEquals(1, prod.document());
        assertEquals(9, prod.line());
        assertEquals(3, prod.column());
        ConfigProperty quarkus = keys.get(5);
        assertEquals("quarkus.datasource.jdbc.max-size", quarkus.key());
        assertEquals("dev", quarkus.profile());
    }

    @Test
    void propertiesKeepKeyPositionsContinuationsEscapesAndDocuments() {
        List<ConfigProperty> keys = ConfigFiles.readProperties("""
                # comment
                  spring.datasource.hikari.maximumPoolSize = 30
                a\\:b:1
                long=one\\
                    two
                #---
                %prod.quarkus.datasource."users".jdbc.max-size 7
                empty
                """);
        assertEquals(5, keys.size());
        assertEquals("spring.datasource.hikari.maximumpoolsize", keys.get(0).canonicalKey());
        assertEquals("30", keys.get(0).value());
        assertEquals(2, keys.get(0).line());
        assertEquals(3, keys.get(0).column());
        assertEquals(42, keys.get(0).endColumn());
        assertEquals("a:b", keys.get(1).key());
        assertEquals("onetwo", keys.get(2).value());
        ConfigProperty named = keys.get(3);
        assertEquals("quarkus.datasource.\"users\".jdbc.max-size", named.key());
        assertEquals("quarkus.datasource.users.jdbc.maxsize", named.canonicalKey());
        assertEquals("prod", named.profile());
        assertEquals(1, named.document());
        assertEquals("", keys.get(4).value());
    }

    @Test
    void relaxedNamesMatchWildcardSegments() {
        assertTrue(RelaxedNames.matches("datasources.default.maximumpoolsize", "datasources.*.maximumpoolsize"));
        assertFalse(RelaxedNames.matches("datasources.maximumpoolsize", "datasources.*.maximumpoolsize"));
        assertEquals("spring.datasource.hikari.maximumpoolsize",
                RelaxedNames.canonical("SPRING.DATASOURCE.HIKARI.MAXIMUM_POOL_SIZE"));
        assertEquals(List.of("quarkus", "datasource", "\"a.b\"", "jdbc"),
                RelaxedNames.segments("quarkus.datasource.\"a.b\".jdbc"));
    }

    @Test
    void numbersAndPlaceholderDefaults() {
        List<ConfigProperty> keys = ConfigFiles.readProperties("""
                a=40
                b=${DB_POOL_SIZE:60}
                c=${DB_POOL_SIZE}
                d=-1
                e=ten
                f=${OUTER:${INNER:5}}
                """);
        assertEquals(40, keys.get(0).longValue().getAsLong());
        assertEquals(60, keys.get(1).longValue().getAsLong());
        assertTrue(keys.get(2).longValue().isEmpty());
        assertEquals(-1, keys.get(3).longValue().getAsLong());
        assertTrue(keys.get(4).longValue().isEmpty());
        // A nested default is what runs when neither name is set.
        assertEquals(5, keys.get(5).longValue().getAsLong());
        assertEquals(List.of("OUTER", "INNER"), keys.get(5).overriddenBy());
        assertEquals(List.of("DB_POOL_SIZE"), keys.get(1).overriddenBy());
        assertEquals(List.of(), keys.get(3).overriddenBy());
    }

    @Test
    void fileProfileComesFromTheName() {
        assertEquals("prod", ConfigFiles.fileProfile("application-prod.yml"));
        assertEquals("", ConfigFiles.fileProfile("application.properties"));
    }

    @Test
    void yamlNeverConstructsObjectsAndReportsSyntaxErrorsWithPositions() {
        List<ConfigProperty> keys = ConfigFiles.readYaml("a: !!javax.script.ScriptEngineManager [x]\nb:\n");
        assertEquals("a[0]", keys.get(0).key());
        assertEquals("", keys.get(1).value());
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigFiles.readYaml("a: [1,\nb: c: d\n"));
        assertTrue(e.line() > 0, "line " + e.line());
    }
}
