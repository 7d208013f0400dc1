package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.type.VarType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParserConfigurationsTest {

    private static final String BODY_WITH_A_PATTERN = """
            class A {
                // a comment
                int f(Object o) {
                    var n = 1;
                    if (o instanceof String s) { return s.length() + n; }
                    return n;
                }
            }
            """;

    private static ParseResult<CompilationUnit> parse(ParserConfiguration config, String source) {
        return new JavaParser(config).parse(source);
    }

    @Test
    void javaParsersLevelProcessorIsWhereTheReadingConfigurationExpectsIt() {
        // Fails when a JavaParser upgrade moves the processor that post-processes and validates the level: then
        // ParserConfigurations.reading must be adapted, or it quietly validates again.
        ParserConfiguration checking = javaParsersOwn(LanguageLevel.JAVA_17);
        assertTrue(checking.getProcessors().stream()
                .anyMatch(p -> p.get().getClass().getName().equals(ParserConfigurations.LEVEL_PROCESSOR)));
        ParserConfiguration reading = ParserConfigurations.reading(LanguageLevel.JAVA_17, StandardCharsets.UTF_8);
        assertFalse(reading.getProcessors().stream()
                .anyMatch(p -> p.get().getClass().getName().equals(ParserConfigurations.LEVEL_PROCESSOR)));
    }

    private static ParserConfiguration javaParsersOwn(LanguageLevel level) {
        return new ParserConfiguration().setLanguageLevel(level).setCharacterEncoding(StandardCharsets.UTF_8);
    }

    @Test
    void javaParsersValidatorsRejectWhatTheLevelDoesNotHaveAndReadingReadsIt() {
        ParseResult<CompilationUnit> checked = parse(javaParsersOwn(LanguageLevel.JAVA_11), BODY_WITH_A_PATTERN);
        assertFalse(checked.isSuccessful(), "Java 11 has no pattern in instanceof");
        ParseResult<CompilationUnit> read = parse(
                ParserConfigurations.reading(LanguageLevel.JAVA_11, StandardCharsets.UTF_8), BODY_WITH_A_PATTERN);
        assertTrue(read.isSuccessful(), read.getProblems().toString());
    }

    @Test
    void readingKeepsTheLevelsPostProcessingAndTheComments() {
        CompilationUnit read = parse(ParserConfigurations.reading(LanguageLevel.JAVA_17, StandardCharsets.UTF_8),
                BODY_WITH_A_PATTERN).getResult().orElseThrow();
        CompilationUnit checked = parse(javaParsersOwn(LanguageLevel.JAVA_17), BODY_WITH_A_PATTERN).getResult()
                .orElseThrow();
        assertEquals(1, read.findAll(VarType.class).size(), "var is a type from Java 10");
        assertEquals(shape(checked), shape(read), "the same nodes on the same ranges");
        assertEquals(checked.getAllComments(), java.util.List.copyOf(
                read.getData(dev.dbcheck.suppress.SuppressionScanner.PARSED_COMMENTS).getComments()));
        // Before Java 10, "var" is a class name like any other.
        CompilationUnit java8 = parse(ParserConfigurations.reading(LanguageLevel.JAVA_8, StandardCharsets.UTF_8),
                "class A { void f() { var n = null; } }").getResult().orElseThrow();
        assertEquals(0, java8.findAll(VarType.class).size());
    }

    private static java.util.List<String> shape(CompilationUnit cu) {
        return cu.findAll(com.github.javaparser.ast.Node.class,
                n -> !(n instanceof com.github.javaparser.ast.comments.Comment)).stream()
                .map(n -> n.getClass().getSimpleName() + n.getRange().orElseThrow()).toList();
    }

    @Test
    void theLevelStillDecidesTheGrammarOfYield() {
        String yield = "class A { int f(int k) { return switch (k) { case 1 -> { yield 2; } default -> 3; }; } }";
        assertFalse(parse(ParserConfigurations.reading(LanguageLevel.JAVA_12, StandardCharsets.UTF_8), yield)
                .isSuccessful());
        assertTrue(parse(ParserConfigurations.reading(LanguageLevel.JAVA_17, StandardCharsets.UTF_8), yield)
                .isSuccessful());
    }

    @Test
    void theVarPostProcessingIsSkippedOnlyWhereNoWordVarCanBe() {
        JavaParser parser = new JavaParser(ParserConfigurations.reading(LanguageLevel.JAVA_17, StandardCharsets.UTF_8));
        assertEquals(1, ParserConfigurations.parse(parser, BODY_WITH_A_PATTERN).getResult().orElseThrow()
                .findAll(VarType.class).size());
        // A unicode escape could spell the word: then it post-processes as always (the same tree as without a skip).
        String escaped = "class A { void f() { \\u0076ar n = 1; } }";
        assertEquals(shape(parser.parse(escaped).getResult().orElseThrow()),
                shape(ParserConfigurations.parse(parser, escaped).getResult().orElseThrow()));
        // Words that contain "var" are not the word.
        assertTrue(JavaText.containsWord("int var;", "var"));
        assertTrue(JavaText.containsWord("var", "var"));
        assertFalse(JavaText.containsWord("int variable = invar + vars;", "var"));
        // The same trees as JavaParser's own post-processing, with and without the skip.
        String noVar = "class A { java.util.List<String> variables() { return null; } }";
        assertEquals(shape(parse(javaParsersOwn(LanguageLevel.JAVA_17), noVar).getResult().orElseThrow()),
                shape(ParserConfigurations.parse(parser, noVar).getResult().orElseThrow()));
    }
}
