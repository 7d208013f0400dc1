package dev.dbcheck.rule;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.dbcheck.model.EffectAnalysis;
import java.util.Map;

/**
 * A rule over Java sources. The engine parses each file once, walks the tree once, and calls each rule's typed
 * hooks for the nodes of their type, in source order: rules never walk the whole tree themselves.
 *
 * <p>A rule implements one nested interface per node type it wants to see ({@link MethodCalls},
 * {@link CatchClauses}, ...), as Error Prone's {@code MethodInvocationTreeMatcher} does: the engine learns a rule's
 * hooks from the interfaces it implements, once at start-up, and dispatches a node only to the rules that have a
 * hook for it. A rule may implement several.
 */
public interface JavaRule extends Rule {

    /**
     * What a file, or a file it reaches through the project model, must contain for this rule to report in it.
     * By default the rule opts out of the relevance filter: every file is parsed.
     */
    default Relevance relevance() {
        return Relevance.ALWAYS;
    }

    /**
     * For each method-summary analysis this rule uses whose library effects need a file with what a
     * {@link Relevance} names (its {@link EffectAnalysis#local} effects come from calls on those types only): a
     * method in a file that cannot reach such a file through the model has an empty summary, and with the
     * relevance filter on the engine neither parses its file nor computes it. By default none: every summary
     * is computed.
     */
    default Map<EffectAnalysis<?>, Relevance> summaryRelevance() {
        return Map.of();
    }

    /** Every method call ({@code a.b(c)}, {@code b(c)}). */
    interface MethodCalls extends JavaRule {
        void visitMethodCall(MethodCallExpr call, JavaContext context);
    }

    /** Every constructor call ({@code new T(...)}, anonymous classes included). */
    interface ObjectCreations extends JavaRule {
        void visitObjectCreation(ObjectCreationExpr creation, JavaContext context);
    }

    /** Every method declaration (not constructors). */
    interface MethodDeclarations extends JavaRule {
        void visitMethodDeclaration(MethodDeclaration method, JavaContext context);
    }

    /** Every class or interface declaration, nested and local ones included. */
    interface ClassDeclarations extends JavaRule {
        void visitClassDeclaration(ClassOrInterfaceDeclaration type, JavaContext context);
    }

    /** Every {@code catch} clause of a {@code try} statement. */
    interface CatchClauses extends JavaRule {
        void visitCatchClause(CatchClause clause, JavaContext context);
    }

    /** Every {@code while} loop. */
    interface WhileLoops extends JavaRule {
        void visitWhile(WhileStmt loop, JavaContext context);
    }

    /** Every {@code do ... while} loop. */
    interface DoLoops extends JavaRule {
        void visitDo(DoStmt loop, JavaContext context);
    }

    /** Every classic {@code for (init; test; update)} loop (not the enhanced for). */
    interface ForLoops extends JavaRule {
        void visitFor(ForStmt loop, JavaContext context);
    }

    /** Every field access through a scope ({@code a.b}, {@code Type.CONSTANT}). */
    interface FieldAccesses extends JavaRule {
        void visitFieldAccess(FieldAccessExpr access, JavaContext context);
    }

    /** Every string literal ({@code "..."}). */
    interface StringLiterals extends JavaRule {
        void visitStringLiteral(StringLiteralExpr literal, JavaContext context);
    }

    /** Every text block ({@code """ ... """}). */
    interface TextBlocks extends JavaRule {
        void visitTextBlock(TextBlockLiteralExpr block, JavaContext context);
    }

    /** Every annotation: marker ({@code @A}), single-member ({@code @A(x)}) and normal ({@code @A(k = x)}). */
    interface Annotations extends JavaRule {
        void visitAnnotation(AnnotationExpr annotation, JavaContext context);
    }
}
