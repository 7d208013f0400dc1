package dev.dbcheck.flow;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.ProjectTypes;
import dev.dbcheck.types.TypeResolver;

/** Parses a snippet for the flow tests and finds nodes in it. */
final class FlowFixture {

    final CompilationUnit cu;
    final TypeResolver types;
    final ConstantEvaluator constants;

    private FlowFixture(String source) {
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        cu = parser.parse(source).getResult().orElseThrow();
        types = new TypeResolver(cu, ProjectTypes.none(), LibraryTypes.get());
        constants = new ConstantEvaluator(types);
    }

    static FlowFixture of(String classBody) {
        return new FlowFixture("""
                package p;
                import java.util.*;
                import java.util.concurrent.*;
                class T {
                """ + classBody + "\n}\n");
    }

    /** The first call named {@code name}. */
    MethodCallExpr call(String name) {
        return cu.findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals(name)).orElseThrow();
    }

    /** The loop around the first call named {@code name}. */
    Statement loopAround(String name) {
        return loops().enclosingLoop(call(name)).orElseThrow();
    }

    RetryLoops loops() {
        return new RetryLoops(types, constants, flow());
    }

    ValueFlow flow() {
        return new ValueFlow(types);
    }
}
