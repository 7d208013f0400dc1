package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.docs.RuleDocs;
import dev.dbcheck.rule.RuleRegistry;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.junit.jupiter.api.Test;

/** {@code mvn dbcheck:explain -Drule=X} prints the rule's page; without a rule, the list. */
class ExplainMojoTest {

    private static List<String> run(String rule) throws Exception {
        ExplainMojo mojo = new ExplainMojo();
        MojoExtension.setVariableValueToObject(mojo, "rule", rule);
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.execute();
        return log.lines();
    }

    @Test
    void printsTheRulePage() throws Exception {
        List<String> lines = run("DynamoDbScan");
        String page = String.join("\n", lines.stream().map(l -> l.substring("[INFO] ".length())).toList());
        assertEquals(RuleDocs.text(RuleRegistry.byId("DynamoDbScan").orElseThrow().metadata()).strip(), page.strip());
        assertTrue(page.contains("How to fix it"), page);
    }

    @Test
    void listsTheRulesWithoutARule() throws Exception {
        List<String> lines = run(null);
        assertEquals(RuleRegistry.all().size() + 1, lines.size());
        assertTrue(lines.contains("[INFO]   DynamoDbScan: DynamoDB Scan reads the whole table"), lines.toString());
    }

    @Test
    void anUnknownRuleNamesTheKnownIds() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> run("Scan"));
        assertEquals("Invalid dbcheck parameter rule='Scan': not a dbcheck rule id; known ids: "
                + RuleRegistry.knownIds(), e.getMessage());
    }
}
