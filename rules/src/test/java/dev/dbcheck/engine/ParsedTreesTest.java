package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.types.TypeResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParsedTreesTest {

    private static final String SOURCE = """
            package p;
            // dbcheck:ignore DynamoDbScan reason
            class A {
                void f(Object o) { class Local {} new Object() { class InAnonymous {} }; }
                static class Nested {}
            }
            """;

    private static final ThreadLocal<JavaParser> PARSERS = ThreadLocal.withInitial(() -> new JavaParser(
            ParserConfigurations.reading(LanguageLevel.JAVA_17, StandardCharsets.UTF_8)));

    @Test
    void aHeldTreeKeepsEveryRangeWithoutTokensAndServesTheRulesWithoutAnotherParse() {
        ParsedTrees trees = new ParsedTrees(StandardCharsets.UTF_8, PARSERS, 1 << 20, 1 << 20);
        Path file = Path.of("A.java");
        CompilationUnit fresh = PARSERS.get().parse(SOURCE).getResult().orElseThrow();
        assertTrue(trees.roomToHold());
        CompilationUnit held = trees.parseAndHold(file, SOURCE).getResult().orElseThrow();
        assertEquals(ranges(fresh), ranges(held), "every node keeps its range");
        assertTrue(held.findAll(Node.class).stream().allMatch(n -> n.getTokenRange().isEmpty()));
        assertTrue(held.getData(SuppressionScanner.PARSED_COMMENTS).getComments().stream()
                .allMatch(c -> c.getTokenRange().isEmpty() && c.getRange().isPresent()));
        // The type declarations found in the same walk, in the order a walk of the tree finds them.
        assertEquals(fresh.findAll(TypeDeclaration.class).stream().map(t -> t.getNameAsString()).toList(),
                held.getData(TypeResolver.TYPE_DECLARATIONS).stream().map(t -> t.getNameAsString()).toList());
        assertSame(held, trees.parseOrKept(file, SOURCE).getResult().orElseThrow());
        assertEquals(1, trees.fullParses());
        assertEquals(1, trees.heldTrees());
    }

    @Test
    void pastTheHoldingBudgetNoTreeIsHeldAndTheCacheDropsTheLeastRecentlyUsed() {
        ParsedTrees trees = new ParsedTrees(StandardCharsets.UTF_8, PARSERS, 1, 0);
        assertFalse(trees.roomToHold());
        trees.restrictTo(Set.of());
        Path a = Path.of("A.java");
        trees.parseOrKept(a, SOURCE);
        trees.parseOrKept(Path.of("B.java"), SOURCE.replace("class A", "class B"));
        trees.parseOrKept(a, SOURCE);
        assertEquals(3, trees.fullParses(), "A dropped out of a cache one tree large");
    }

    private static List<String> ranges(CompilationUnit cu) {
        return cu.findAll(Node.class).stream().map(n -> n.getClass().getSimpleName() + n.getRange().orElseThrow())
                .toList();
    }
}
