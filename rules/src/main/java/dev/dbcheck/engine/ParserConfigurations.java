package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Processor;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.validator.postprocessors.Java10PostProcessor;
import dev.dbcheck.suppress.SuppressionScanner;
import java.nio.charset.Charset;

/**
 * How dbcheck configures JavaParser for a language level: the level's grammar ({@code yield} from Java 13) and
 * its post-processing ({@code var} read as a type from Java 10), without its validators.
 *
 * <p>The validators check that the code uses only what the level has (no record at Java 11). They walk the
 * whole tree once per check, about a sixth of a cold run (BENCHMARKS.md, "What bounds a cold run"), and in a
 * Maven build the compiler has checked the same already: dbcheck reads code as the compiler accepted it, and a
 * file is a processing error only when the grammar cannot read it.
 *
 * <p>Comments are collected but not attached to nodes: only the suppression scanner reads them.
 *
 * <p>JavaParser keeps the level's post-processing and validation in one processor of its configuration, an
 * anonymous class; this replaces it, and {@code ParserConfigurationsTest} fails if a JavaParser upgrade moves it.
 */
public final class ParserConfigurations {

    /** The class of the processor that JavaParser 3.28 adds for the language level: post-processing, then validation. */
    static final String LEVEL_PROCESSOR = "com.github.javaparser.ParserConfiguration$2";

    /** Set while {@link #parse} parses a text in which no word {@code var} occurs: nothing to post-process. */
    private static final ThreadLocal<Boolean> NO_VAR = ThreadLocal.withInitial(() -> false);

    private ParserConfigurations() {}

    /**
     * Parses {@code source} with a parser of {@link #reading}; the {@code var} post-processing (a walk of the
     * whole tree) is skipped when the word {@code var} does not occur in the text at all.
     */
    public static ParseResult<CompilationUnit> parse(JavaParser parser, String source) {
        NO_VAR.set(!JavaText.containsWord(source, "var"));
        try {
            return parser.parse(source);
        } finally {
            NO_VAR.set(false);
        }
    }

    public static ParserConfiguration reading(LanguageLevel level, Charset encoding) {
        // Comments are not attached to nodes (a walk of every tree); the suppression scanner, their only reader,
        // gets them as the parser collected them.
        ParserConfiguration config = new ParserConfiguration().setLanguageLevel(level).setCharacterEncoding(encoding)
                .setAttributeComments(false);
        config.getProcessors().add(() -> new Processor() {
            @Override
            public void postProcess(ParseResult<? extends Node> result, ParserConfiguration configuration) {
                result.getResult().ifPresent(node -> result.getCommentsCollection().ifPresent(comments ->
                        node.setData(SuppressionScanner.PARSED_COMMENTS, comments)));
            }
        });
        int at = -1;
        for (int i = 0; i < config.getProcessors().size(); i++) {
            if (config.getProcessors().get(i).get().getClass().getName().equals(LEVEL_PROCESSOR)) {
                at = i;
            }
        }
        if (at < 0) {
            // Another JavaParser: keep its own processing rather than guess (the validators run).
            return config;
        }
        Java10PostProcessor varAsType = new Java10PostProcessor();
        boolean hasVar = LanguageLevels.release(level) >= 10;
        config.getProcessors().set(at, () -> new Processor() {
            @Override
            public void postProcess(ParseResult<? extends Node> result, ParserConfiguration configuration) {
                if (hasVar && !NO_VAR.get()) {
                    varAsType.postProcess(result, configuration);
                }
            }
        });
        return config;
    }
}
