package dev.dbcheck.rule;

import com.github.javaparser.ast.Node;
import java.util.Set;

/**
 * A rule over Java sources. The engine parses each file once, walks the tree once, and hands every node of
 * the types a rule asked for to that rule: rules never walk the whole tree themselves.
 */
public interface JavaRule extends Rule {

    /** Node classes this rule wants to see (exact classes, e.g. {@code MethodCallExpr.class}). */
    Set<Class<? extends Node>> nodeTypes();

    /** Called once for each node of a requested type, in source order. */
    void visit(Node node, JavaContext context);

    /**
     * What a file, or a file it reaches through the project model, must contain for this rule to report in it.
     * By default the rule opts out of the relevance filter: every file is parsed.
     */
    default Relevance relevance() {
        return Relevance.ALWAYS;
    }
}
