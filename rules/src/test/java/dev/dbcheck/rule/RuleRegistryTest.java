package dev.dbcheck.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Conventions every rule keeps, checked for all of them at once. */
class RuleRegistryTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void idsAreUniqueAndMatchTheClassName() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : RuleRegistry.all()) {
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertEquals(rule.getClass().getSimpleName(), rule.id());
        }
    }

    @Test
    void everyRuleHasATestClassAndFixturesOrInlineExamples() {
        for (Rule rule : RuleRegistry.all()) {
            String testPath = "src/test/java/" + rule.getClass().getName().replace('.', '/') + "Test.java";
            assertTrue(Files.exists(MODULE.resolve(testPath)), "missing " + testPath);
        }
    }

    @Test
    void everyMessageCitesTheGuideInTheExplanationOrFamily() {
        for (Rule rule : RuleRegistry.all()) {
            RuleMetadata m = rule.metadata();
            assertTrue(m.guideSection().contains("›"), m.id());
            assertTrue(m.explanation().length() > 80, m.id() + ": explanation too thin to teach");
            assertTrue(m.fix().length() > 30, m.id() + ": fix too thin to act on");
        }
    }

    @Test
    void lookupByIdAndKnownIds() {
        assertEquals("DynamoDbScan", RuleRegistry.byId("DynamoDbScan").orElseThrow().id());
        assertTrue(RuleRegistry.byId("Nope").isEmpty());
        assertTrue(RuleRegistry.knownIds().contains("DynamoDbScan"));
    }
}
