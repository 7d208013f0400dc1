package dev.dbcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.testing.RuleTester;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console line of every finding is one complete sentence the rule wrote for it (its headline), with the
 * facts of the finding, at most {@value #MAX} characters after the rule id, never cut: checked on every finding
 * that every rule gives over every fixture project.
 */
class HeadlinesTest {

    static final int MAX = dev.dbcheck.rule.Headline.MAX;

    /** Rules whose findings may lack a headline: none now; a rule added here must say why in its Javadoc. */
    static final Set<String> PENDING = Set.of();

    @Test
    void everyRuleWritesACompleteSentenceOfAtMost160CharactersForEveryFinding() throws IOException, URISyntaxException {
        Path fixtures = Path.of(HeadlinesTest.class.getResource("/fixtures").toURI());
        List<String> problems = new ArrayList<>();
        TreeMap<String, List<String>> byRule = new TreeMap<>();
        List<Path> projects;
        try (Stream<Path> dirs = Files.list(fixtures)) {
            projects = dirs.filter(Files::isDirectory).sorted().toList();
        }
        for (Path project : projects) {
            // Every rule over every fixture project, with the database named so that the budget is checked.
            AnalysisResult result = RuleTester.of(RuleRegistry.all().toArray(Rule[]::new))
                    .fixtures("/fixtures/" + project.getFileName())
                    .option("dbInstanceClass", "db.r7g.large").option("dbEngine", "aurora-postgresql")
                    .run();
            for (Finding f : result.findings()) {
                String h = f.headline();
                byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(String.valueOf(h));
                String where = f.ruleId() + " at " + project.getFileName() + "/" + project.relativize(f.file())
                        + ":" + f.beginLine() + ": ";
                if (h == null && PENDING.contains(f.ruleId())) {
                    continue;
                }
                if (h == null) {
                    problems.add(where + "no headline (message: " + f.message() + ")");
                    continue;
                }
                if (h.length() > MAX) {
                    problems.add(where + h.length() + " characters: " + h);
                }
                if (!h.endsWith(".") || h.endsWith("...") || h.contains("…") || h.contains("\n")) {
                    problems.add(where + "not one complete sentence: " + h);
                }
                if (!Character.isUpperCase(h.codePointAt(0)) && !Character.isLetterOrDigit(h.codePointAt(0))
                        && "\"'@".indexOf(h.charAt(0)) < 0) {
                    problems.add(where + "does not start a sentence: " + h);
                }
            }
        }
        Set<String> missing = new TreeSet<>(RuleRegistry.all().stream().map(Rule::id).toList());
        missing.removeAll(byRule.keySet());
        // Its fixtures need the Lambda template beside the POM, a root RuleTester's fixture projects do not have.
        missing.remove("LambdaWithoutRdsProxy");
        assertEquals(Set.of(), missing, "rules with no finding in any fixture project, whose headline is unchecked");
        if (Boolean.getBoolean("dbcheck.printHeadlines")) {
            byRule.forEach((rule, lines) -> lines.stream().distinct().forEach(l -> System.out.println(rule + ": " + l)));
        }
        assertTrue(problems.isEmpty(), problems.size() + " headlines to fix:\n" + String.join("\n", problems));
    }
}
