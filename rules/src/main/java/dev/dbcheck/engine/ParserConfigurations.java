package dev.dbcheck.engine;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Processor;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.validator.postprocessors.Java10PostProcessor;
import java.nio.charset.Charset;

/**
 * The two JavaParser configurations of an analysis, for one language level.
 *
 * <ul>
 *   <li>{@link #checking}: JavaParser's configuration for the level, its validators included. The declarations
 *       pass parses every file with it, so a type the level does not have (a record in a project set to Java 11)
 *       is a processing error, as it is for PMD.</li>
 *   <li>{@link #reading}: the same grammar and the same post-processing ({@code var} read as a type from Java
 *       10), without the validators. The rules' full parse of a file uses it. The validators walk the whole tree
 *       once per check, about a sixth of a cold run (BENCHMARKS.md, "What bounds a cold run"), and what they
 *       would still find in method bodies the compiler of the same build has rejected already.</li>
 * </ul>
 *
 * <p>JavaParser keeps the level's post-processing and validation in one processor of its configuration, an
 * anonymous class; {@link #reading} replaces it, and {@code ParserConfigurationsTest} fails if a JavaParser
 * upgrade moves it.
 */
public final class ParserConfigurations {

    /** The class of the processor that JavaParser 3.28 adds for the language level: post-processing, then validation. */
    static final String LEVEL_PROCESSOR = "com.github.javaparser.ParserConfiguration$2";

    private ParserConfigurations() {}

    public static ParserConfiguration checking(LanguageLevel level, Charset encoding) {
        return new ParserConfiguration().setLanguageLevel(level).setCharacterEncoding(encoding);
    }

    public static ParserConfiguration reading(LanguageLevel level, Charset encoding) {
        ParserConfiguration config = checking(level, encoding);
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
                if (hasVar) {
                    varAsType.postProcess(result, configuration);
                }
            }
        });
        return config;
    }
}
