package dev.dbcheck.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.engine.LanguageLevels;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstantEvaluatorTest {

    /** The constant value of the argument of the call {@code mark(..)}. */
    private static Optional<Object> valueOfMarked(String source) {
        CompilationUnit cu = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevels.newest()))
                .parse(source).getResult().orElseThrow();
        TypeResolver types = new TypeResolver(cu, new ProjectTypes(Set.of()), LibraryTypes.get());
        MethodCallExpr marked = cu.findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("mark"))
                .orElseThrow();
        return new ConstantEvaluator(types).value(marked.getArgument(0));
    }

    @Test
    void literalsConcatenationsAndStaticFinals() {
        assertEquals(Optional.of("user#1"), valueOfMarked("""
                class A { static final String P = "user#"; void f() { mark(P + 1); } }
                """));
        assertEquals(Optional.of("a b\\n"), valueOfMarked("""
                class A { void f() { mark(\"""
                    a b\\\\n\"""); } }
                """));
        assertEquals(Optional.of(-5L), valueOfMarked("class A { void f() { mark(-5); } }"));
        assertEquals(Optional.of("X"), valueOfMarked("""
                class A { void f() { mark(Keys.K); } }
                interface Keys { String K = "X"; }
                """));
    }

    @Test
    void variablePartsAreNotConstant() {
        assertEquals(Optional.empty(), valueOfMarked("""
                class A { void f(String id) { mark("user#" + id); } }
                """));
        assertEquals(Optional.empty(), valueOfMarked("""
                class A { static String p = "x"; void f() { mark(p); } }
                """));
    }

    @Test
    void effectivelyFinalLocalsAreFollowedReassignedOnesAreNot() {
        assertEquals(Optional.of("pk"), valueOfMarked("""
                class A { void f() { String k = "pk"; mark(k); } }
                """));
        assertEquals(Optional.empty(), valueOfMarked("""
                class A { void f(boolean b) { String k = "pk"; if (b) { k = "other"; } mark(k); } }
                """));
    }

    @Test
    void cyclicConstantsDoNotLoop() {
        assertEquals(Optional.empty(), valueOfMarked("""
                class A { static final String X = Y; static final String Y = X; void f() { mark(X); } }
                """));
    }
}
