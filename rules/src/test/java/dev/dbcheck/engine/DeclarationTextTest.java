package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.dbcheck.model.Declarations;
import dev.dbcheck.model.FileDeclarations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cut text's parse gives the declarations of a full parse: same package, imports and types with every
 * member, on the same lines; its mentions include the full parse's capitalised ones.
 */
class DeclarationTextTest {

    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(LanguageLevels.newest()));

    @Test
    void trickyMembersKeepTheirDeclarations() {
        String source = """
                package a.b;

                import java.util.*;
                import static java.util.Map.entry;

                /** A class { with braces } in its comment. */
                @Ann(values = {"x", "}"}, type = Foo[].class)
                public class Outer<T extends Comparable<T>> extends Base implements Api {
                    static final char OPEN = '{';
                    static final String BLOCK = \"""
                        { "json": [1, 2] }
                        \""";
                    private final Runnable task = new Runnable() {
                        @Override public void run() { class Local { void m() {} } }
                    };
                    private final Class<?> type = Outer.class;
                    private final int[] sizes = {1, 2, 3};
                    private final java.util.function.Function<String, Integer> f = s -> { return s.length(); };
                    static { init(); }
                    { counter++; }
                    Outer() { this(1); }
                    Outer(int n) { super(); }
                    public <R> List<R> map(Map.Entry<String, ? extends R> e, String... rest) throws Exception {
                        if (e == null) { return List.of(); }
                        return switch (rest.length) { case 0 -> List.of(); default -> { yield null; } };
                    }
                    abstract static class Inner implements Api { abstract void inner(); }
                    enum Mode { A { @Override int code() { return 1; } }, B(2); Mode() {} Mode(int c) {} int code() { return 0; } }
                    record Pair(String left, int right) { Pair { java.util.Objects.requireNonNull(left); } static Pair of() { return null; } }
                    @interface Marker { String[] value() default {"a"}; }
                    interface Api2 { default void record() { } }
                    void record() { int x = 1; }
                    class AfterRecord { void last() {} }
                }
                """;
        assertSameDeclarations(source, "tricky");
    }

    @Test
    void unicodeEscapesAreReadAsTheParserReadsThem() {
        assertSameDeclarations(
                "package a;\nclass U { String s = \"\\u007B\"; void m() { char c = '\\u007D'; } int n; }\n",
                "escaped braces");
        // An escaped line break moves lines: the whole file is parsed instead.
        assertNull(DeclarationText.of("package a;\n// \\u000a\nclass U {}\n").text);
    }

    @Test
    void everyFixtureAndTestProjectFileGivesTheSameDeclarations() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of(getClass().getResource("/fixtures").toURI()),
                Path.of("..", "test-projects").toAbsolutePath().normalize())) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 150, "files: " + files.size());
        int compared = 0;
        for (Path f : files) {
            String source = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            if (parser.parse(source).isSuccessful()) {
                assertSameDeclarations(source, f.toString());
                compared++;
            }
        }
        assertTrue(compared > 150, "compared: " + compared);
    }

    private void assertSameDeclarations(String source, String what) {
        ParseResult<CompilationUnit> full = parser.parse(source);
        assertTrue(full.isSuccessful(), what + ": " + full.getProblems());
        DeclarationText cut = DeclarationText.of(source);
        assertNotNull(cut.text, what);
        ParseResult<CompilationUnit> parsed = parser.parse(cut.text);
        assertTrue(parsed.isSuccessful(), what + ": " + parsed.getProblems() + "\n" + cut.text);
        FileDeclarations expected = Declarations.of(full.getResult().orElseThrow());
        FileDeclarations actual = Declarations.of(parsed.getResult().orElseThrow(), cut.capitalised);
        assertEquals(expected.packageName(), actual.packageName(), what);
        assertEquals(expected.imports(), actual.imports(), what);
        assertEquals(expected.types(), actual.types(), what);
        for (String m : expected.mentions()) {
            if (Character.isUpperCase(m.charAt(0))) {
                assertTrue(actual.mentions().contains(m), what + ": mention " + m);
            }
        }
    }
}
