package dev.dbcheck.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MarkerAnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The dispatch table of the Java walk: for each exact node class, the rules' hooks to call, in rule order. Built
 * once per analysis from the hook interfaces each rule implements (an {@code instanceof} per hook: explicit,
 * checked by the compiler, no reflection); the one cast from {@link Node} to the hook's type is made here.
 */
final class JavaHooks {

    /** One rule's hook for one node class. */
    record Hook(JavaRule rule, BiConsumer<Node, JavaContext> call) {}

    private final Map<Class<? extends Node>, List<Hook>> table = new HashMap<>();

    private JavaHooks() {}

    static JavaHooks of(List<JavaRule> rules) {
        JavaHooks hooks = new JavaHooks();
        for (JavaRule rule : rules) {
            int before = hooks.count();
            if (rule instanceof JavaRule.MethodCalls r) {
                hooks.add(MethodCallExpr.class, rule, (n, c) -> r.visitMethodCall((MethodCallExpr) n, c));
            }
            if (rule instanceof JavaRule.ObjectCreations r) {
                hooks.add(ObjectCreationExpr.class, rule, (n, c) -> r.visitObjectCreation((ObjectCreationExpr) n, c));
            }
            if (rule instanceof JavaRule.MethodDeclarations r) {
                hooks.add(MethodDeclaration.class, rule, (n, c) -> r.visitMethodDeclaration((MethodDeclaration) n, c));
            }
            if (rule instanceof JavaRule.ClassDeclarations r) {
                hooks.add(ClassOrInterfaceDeclaration.class, rule,
                        (n, c) -> r.visitClassDeclaration((ClassOrInterfaceDeclaration) n, c));
            }
            if (rule instanceof JavaRule.CatchClauses r) {
                hooks.add(CatchClause.class, rule, (n, c) -> r.visitCatchClause((CatchClause) n, c));
            }
            if (rule instanceof JavaRule.WhileLoops r) {
                hooks.add(WhileStmt.class, rule, (n, c) -> r.visitWhile((WhileStmt) n, c));
            }
            if (rule instanceof JavaRule.DoLoops r) {
                hooks.add(DoStmt.class, rule, (n, c) -> r.visitDo((DoStmt) n, c));
            }
            if (rule instanceof JavaRule.ForLoops r) {
                hooks.add(ForStmt.class, rule, (n, c) -> r.visitFor((ForStmt) n, c));
            }
            if (rule instanceof JavaRule.FieldAccesses r) {
                hooks.add(FieldAccessExpr.class, rule, (n, c) -> r.visitFieldAccess((FieldAccessExpr) n, c));
            }
            if (rule instanceof JavaRule.StringLiterals r) {
                hooks.add(StringLiteralExpr.class, rule, (n, c) -> r.visitStringLiteral((StringLiteralExpr) n, c));
            }
            if (rule instanceof JavaRule.TextBlocks r) {
                hooks.add(TextBlockLiteralExpr.class, rule, (n, c) -> r.visitTextBlock((TextBlockLiteralExpr) n, c));
            }
            if (rule instanceof JavaRule.Annotations r) {
                // The walk dispatches on exact classes: an annotation hook sees all three annotation forms.
                for (Class<? extends Node> form : List.of(MarkerAnnotationExpr.class,
                        SingleMemberAnnotationExpr.class, NormalAnnotationExpr.class)) {
                    hooks.add(form, rule, (n, c) -> r.visitAnnotation((AnnotationExpr) n, c));
                }
            }
            if (hooks.count() == before) {
                // A Java rule with no hook would silently never run.
                throw new IllegalArgumentException("Java rule " + rule.id() + " implements no node hook "
                        + "(JavaRule.MethodCalls, JavaRule.CatchClauses, ...)");
            }
        }
        return hooks;
    }

    /** Whether some rule has a hook for this exact node class. */
    boolean wants(Node node) {
        return table.containsKey(node.getClass());
    }

    /** The hooks for this node's exact class, in rule order. */
    List<Hook> at(Node node) {
        return table.getOrDefault(node.getClass(), List.of());
    }

    private void add(Class<? extends Node> type, JavaRule rule, BiConsumer<Node, JavaContext> call) {
        table.computeIfAbsent(type, k -> new ArrayList<>()).add(new Hook(rule, call));
    }

    private int count() {
        return table.values().stream().mapToInt(List::size).sum();
    }
}
