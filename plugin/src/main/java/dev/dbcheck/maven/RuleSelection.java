package dev.dbcheck.maven;

import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.Rule;
import java.util.List;
import java.util.Map;

/**
 * The rules to run and their severities, from the {@code rules} and {@code disabledRules} parameters.
 *
 * @param rules the enabled rules, sorted by id
 * @param severities severity overrides by rule id
 */
record RuleSelection(List<Rule> rules, Map<String, Severity> severities) {

    RuleSelection {
        rules = List.copyOf(rules);
        severities = Map.copyOf(severities);
    }
}
