package dev.dbcheck.rule;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Something a rule learnt from one file that a project-wide rule needs after every file is read (for
 * example the pools a service opens, for the connection budget). Plain strings, so facts can be cached with
 * the file's findings. A rule may record a {@code record} instead
 * ({@link JavaContext#addFact(com.github.javaparser.ast.Node, Record)}) and read it back with {@link #as(Class)}:
 * the strings are then {@link FactRecords}' business, not the rule's.
 */
public record Fact(String ruleId, String kind, Path file, int line, int column, Map<String, String> data) {
    public Fact {
        data = Map.copyOf(data);
    }

    /** The record this fact holds, when it was recorded as one of {@code type}. */
    public <R extends Record> Optional<R> as(Class<R> type) {
        return kind.equals(FactRecords.kind(type)) ? Optional.of(FactRecords.decode(type, data)) : Optional.empty();
    }
}
