package dev.dbcheck.bench;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor of a cold run (BENCHMARKS.md, "The floor on applications"): each Java rule of the registry as a rule
 * that selects, parses and summarises the same files (its relevance and summary scopes) and does nothing where it
 * visits, and no resource rule. A cold run with these is the engine's own work (the relevance filter, the full and
 * cut parses, the declarations, the model, one walk per analysed file), what a cold run costs whatever its rules
 * cost.
 */
final class FloorRules {

    private FloorRules() {}

    static List<Rule> all() {
        List<Rule> out = new ArrayList<>();
        for (Rule rule : RuleRegistry.all()) {
            if (rule instanceof JavaRule java) {
                out.add(withoutVisits(java));
            }
        }
        return out;
    }

    private static JavaRule withoutVisits(JavaRule java) {
        // The engine wants a hook: a class declaration's (a few per file), which does nothing.
        return new JavaRule.ClassDeclarations() {
            @Override
            public void visitClassDeclaration(ClassOrInterfaceDeclaration type, JavaContext context) {}

            @Override
            public RuleMetadata metadata() {
                return java.metadata();
            }

            @Override
            public Relevance relevance() {
                return java.relevance();
            }

            @Override
            public Map<EffectAnalysis<?>, Relevance> summaryRelevance() {
                return java.summaryRelevance();
            }
        };
    }
}
