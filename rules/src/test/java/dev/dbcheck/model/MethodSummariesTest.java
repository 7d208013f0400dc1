package dev.dbcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MethodSummariesTest {

    static com.github.javaparser.ast.CompilationUnit parse(String source) {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(source).getResult().orElseThrow();
    }

    /** A library effect: a call to {@code java.io.PrintStream.println}, named by its argument count. */
    private static final EffectAnalysis<String> PRINTS = new EffectAnalysis<>() {
        @Override
        public List<String> local(MethodCallExpr call, TypeResolver types) {
            return call.getNameAsString().equals("println") ? List.of("prints") : List.of();
        }
    };

    private static MethodSummaries summaries(String... sources) {
        Map<Path, CompilationUnit> trees = new HashMap<>();
        Map<Path, FileDeclarations> files = new HashMap<>();
        for (int i = 0; i < sources.length; i++) {
            Path p = Path.of("F" + i + ".java");
            CompilationUnit cu = parse(sources[i]);
            trees.put(p, cu);
            files.put(p, Declarations.of(cu));
        }
        ProjectModel model = ProjectModel.build(files, Set.of(), LibraryTypes.get());
        return new MethodSummaries(model, file -> Optional.ofNullable(trees.get(file)));
    }

    private static List<String> of(MethodSummaries s, String type, String method) {
        return s.summary(s.model().method(type, method, 0).orElseThrow(), PRINTS);
    }

    @Test
    void wrappersAreFollowedThreeDeepAndNoDeeper() {
        MethodSummaries s = summaries(
                "package p; class C { void c() { System.out.println(); } }",
                "package p; class B { C c; void b() { c.c(); } }",
                "package p; class A { B b; void a() { b.b(); } }",
                "package p; class D { A a; void d() { a.a(); } }");
        assertEquals(List.of("prints"), of(s, "p.C", "c"));
        assertEquals(List.of("prints"), of(s, "p.B", "b"));
        assertEquals(List.of("prints"), of(s, "p.A", "a"));
        assertEquals(List.of(), of(s, "p.D", "d"));
    }

    /**
     * The same answers whichever method is asked first: a summary its budget cut short (the wrappers under d) is
     * not reused where a deeper budget reaches further, and a whole one (a's, three deep) not where a smaller one
     * stops earlier.
     */
    @Test
    void summariesDoNotDependOnTheOrderTheyAreAskedIn() {
        String[] sources = {
                "package p; class C { void c() { System.out.println(); } }",
                "package p; class B { C c; void b() { c.c(); } }",
                "package p; class A { B b; void a() { b.b(); } }",
                "package p; class D { A a; void d() { a.a(); } }"};
        MethodSummaries deepestFirst = summaries(sources);
        assertEquals(List.of(), of(deepestFirst, "p.D", "d"));
        assertEquals(List.of("prints"), of(deepestFirst, "p.A", "a"));
        assertEquals(List.of("prints"), of(deepestFirst, "p.B", "b"));
        MethodSummaries wrapperFirst = summaries(sources);
        assertEquals(List.of("prints"), of(wrapperFirst, "p.A", "a"));
        assertEquals(List.of(), of(wrapperFirst, "p.D", "d"));
        assertEquals(List.of("prints"), of(wrapperFirst, "p.C", "c"));
    }

    @Test
    void recursionBetweenWrappersTerminates() {
        MethodSummaries s = summaries(
                "package p; class E { F f; void e() { f.f(); } }",
                "package p; class F { E e; void f() { e.e(); System.out.println(); } }");
        assertEquals(List.of("prints"), of(s, "p.E", "e"));
        assertEquals(List.of("prints"), of(s, "p.F", "f"));
    }

    @Test
    void callsWithoutReceiverGoThroughSuperclassesAndInterfacesThroughImplementations() {
        MethodSummaries s = summaries(
                "package p; abstract class Base { void log() { System.out.println(); } }",
                "package p; class Sub extends Base { void run() { log(); } }",
                "package p; interface Sink { void put(); }",
                "package p; class ConsoleSink implements Sink { public void put() { System.out.println(); } }",
                "package p; class User { Sink sink; void use() { sink.put(); } }");
        assertEquals(List.of("prints"), of(s, "p.Sub", "run"));
        assertEquals(List.of("prints"), of(s, "p.User", "use"));
    }
}
