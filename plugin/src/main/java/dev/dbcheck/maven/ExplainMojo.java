package dev.dbcheck.maven;

import dev.dbcheck.docs.RuleDocs;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints one rule's page (what fails in production, the guide section, the fix, a flagged and a fixed example)
 * on the console: {@code mvn dbcheck:explain -Drule=DynamoDbScan}. Without {@code rule}, lists the rules. Needs
 * no project. ({@code mvn dbcheck:help} describes the goals and their parameters.)
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractMojo {

    /** The rule id, as printed in a finding's line (for example {@code DynamoDbScan}). */
    @Parameter(property = "rule")
    private String rule;

    @Override
    public void execute() throws MojoExecutionException {
        if (rule == null || rule.isBlank()) {
            getLog().info("dbcheck rules (mvn dbcheck:explain -Drule=<RuleId> prints one):");
            for (Rule r : RuleRegistry.all()) {
                getLog().info("  " + r.id() + ": " + r.metadata().summary());
            }
            return;
        }
        Optional<Rule> found = RuleRegistry.byId(rule.trim());
        if (found.isEmpty()) {
            throw Parameters.invalid("rule", rule, "not a dbcheck rule id; known ids: " + RuleRegistry.knownIds());
        }
        for (String line : RuleDocs.text(found.get().metadata()).split("\n", -1)) {
            getLog().info(line);
        }
    }
}
