package dev.dbcheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rules.pool.ConnectionBudgetExceeded;
import dev.dbcheck.rules.pool.OversizedConnectionPool;
import dev.dbcheck.rules.pool.UnboundedConnectionPool;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Configuration as real projects write it ({@code fixtures/ConfigTorture}): Maven filtering tokens, placeholders
 * with and without defaults, anchors and merge keys, a byte-order mark, CRLF, duplicate keys, tabs, profile
 * documents, {@code config/} and {@code bootstrap.yml}. No crash, a note for each file that cannot be read, and
 * the findings of every file that can, at info where the configuration is not production's.
 */
class ConfigTortureTest {

    @Test
    void everyReadableFileGivesItsFindingsAndEveryOtherANote() {
        AnalysisResult result = RuleTester.of(new OversizedConnectionPool(), new UnboundedConnectionPool(),
                new ConnectionBudgetExceeded()).fixtures("/fixtures/ConfigTorture").expectMarkedFindings();
        for (Finding f : result.findings()) {
            boolean info = f.message().contains("Reported at info: profile");
            assertEquals(info ? Severity.INFO : f.ruleId().equals("OversizedConnectionPool") ? Severity.WARNING
                    : Severity.ERROR, f.severity(), f.toString());
        }
        Map<Severity, Long> bySeverity = result.findings().stream()
                .collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        assertEquals(Map.of(Severity.WARNING, 8L, Severity.ERROR, 1L, Severity.INFO, 5L), bySeverity);
        assertTrue(result.processingErrors().stream().noneMatch(e -> e.internal()), result.processingErrors().toString());
    }

    @Test
    void productionProfilesIsAnOption() {
        // With "dev" in production, the dev document and file keep the rules' severities.
        AnalysisResult result = RuleTester.of(new OversizedConnectionPool())
                .option("productionProfiles", "prod, dev")
                .file("src/main/resources/application-dev.yml", """
                        spring.datasource.hikari.maximum-pool-size: 300 # expect: OversizedConnectionPool "300 (profile dev) lets"
                        """)
                .file("src/main/resources/application-live.yml", """
                        spring.datasource.hikari.maximum-pool-size: 300 # expect: OversizedConnectionPool "Reported at info: profile live, not a production profile (productionProfiles: prod, dev)"
                        """)
                .expectMarkedFindings();
        assertEquals(List.of(Severity.WARNING, Severity.INFO), result.findings().stream().map(Finding::severity).toList());
    }

    @Test
    void aWrongProductionProfilesValueFailsNamingTheParameter() {
        for (String wrong : List.of("prod,,live", "prod live", "prod;live", ",")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RuleTester.of(new OversizedConnectionPool()).option("productionProfiles", wrong).run());
            assertTrue(e.getMessage().contains("'productionProfiles'") && e.getMessage().contains(
                    "comma-separated profile names"), e.getMessage());
        }
    }

    @Test
    void profileExpressions() {
        var options = new dev.dbcheck.rule.AnalysisOptions(Map.of());
        assertTrue(Profiles.isProduction("", options));
        assertTrue(Profiles.isProduction("prod", options));
        assertTrue(Profiles.isProduction("PROD", options));
        assertTrue(Profiles.isProduction("dev | live", options));
        assertTrue(Profiles.isProduction("!local", options));
        assertTrue(Profiles.isProduction("dev,prd", options));
        assertFalse(Profiles.isProduction("dev", options));
        assertFalse(Profiles.isProduction("!prod", options));
        assertFalse(Profiles.isProduction("test & local", options));
        assertFalse(Profiles.isProduction("production-like", options));
    }

    @Test
    void mavenTokensAreValuesKnownOnlyAfterTheBuild() {
        List<ConfigProperty> keys = ConfigFiles.readYaml("""
                spring:
                  profiles:
                    active: @profiles.active@
                  datasource.hikari.maximum-pool-size: @pool.max@
                  mail.from: a@b.c
                  quoted: '@x@'
                """);
        assertEquals("@profiles.active@", keys.get(0).value());
        assertEquals(3, keys.get(0).line());
        assertEquals(5, keys.get(0).column());
        assertTrue(keys.get(1).unknownUntilBuild());
        assertTrue(keys.get(1).longValue().isEmpty());
        assertFalse(keys.get(2).unknownUntilBuild());
        assertEquals("a@b.c", keys.get(2).value());
        assertEquals("@x@", keys.get(3).value());
    }

    @Test
    void mergeKeysAnchorsDuplicatesBomAndCrlf() {
        List<ConfigProperty> keys = ConfigFiles.readYaml("\uFEFFbase: &b\r\n  size: 1\r\n  name: x\r\n"
                + "one:\r\n  <<: *b\r\n  size: 2\r\ndup: 1\r\ndup: 3\r\n");
        Map<String, String> values = keys.stream().collect(Collectors.toMap(ConfigProperty::key,
                p -> String.valueOf(p.value())));
        assertEquals(Map.of("base.size", "1", "base.name", "x", "one.size", "2", "one.name", "x", "dup", "3"), values);
        assertEquals(2, keys.get(0).line());
        assertEquals(3, keys.get(0).column());
        List<ConfigProperty> properties = ConfigFiles.readProperties("\uFEFFa=1\r\na=2\r\nb=3\r\n");
        assertEquals(List.of("a=2", "b=3"), properties.stream().map(p -> p.key() + "=" + p.value()).toList());
    }

    @Test
    void aTabNamesItsLine() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigFiles.readYaml("a:\n  b: 1\n\tc: 2\n"));
        assertEquals("tab indentation", e.cause());
        assertEquals(3, e.line());
    }
}
