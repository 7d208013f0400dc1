package dev.dbcheck.rule;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** What a {@link ProjectRule} sees once all files are analysed. */
public interface ProjectContext {

    /** Facts of every file, in a stable order (by file, line, column). */
    List<Fact> facts();

    /** The facts recorded as records of {@code type}, in the same stable order. */
    default <R extends Record> List<Fact.Typed<R>> facts(Class<R> type) {
        return facts().stream().filter(f -> f.kind().equals(Fact.kindOf(type)))
                .map(f -> new Fact.Typed<>(f, f.as(type).orElseThrow())).toList();
    }

    AnalysisOptions options();

    /** Reports a finding at a position in a file. */
    void report(Path file, int line, int column, int endLine, int endColumn, String message);

    /** Reports a finding at {@code severity} with its details (console sentence, evidence, path). */
    void report(Path file, int line, int column, int endLine, int endColumn,
            dev.dbcheck.finding.Severity severity, String message, dev.dbcheck.finding.Details details);

    /** Says something once in the build log (e.g. which inputs a rule needs to run). */
    Consumer<String> log();
}
