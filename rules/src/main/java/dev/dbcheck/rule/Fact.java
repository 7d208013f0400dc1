package dev.dbcheck.rule;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Something a rule learnt from one file that a project-wide rule needs after every file is read (for
 * example the pools a service opens, for the connection budget). Stored as plain strings, so facts can be
 * cached with the file's findings.
 *
 * <p>Rules record and read facts as records ({@link #kindOf}, {@link #as}, {@link ProjectContext#facts(Class)}):
 * the record's components are the data, its class name the kind, and {@link FactRecords} converts between
 * the two, so no rule parses its own facts back from strings.
 */
public record Fact(String ruleId, String kind, Path file, int line, int column, Map<String, String> data) {
    public Fact {
        data = Map.copyOf(data);
    }

    /** The kind under which records of {@code type} are stored: the record's class name. */
    public static String kindOf(Class<? extends Record> type) {
        return type.getName();
    }

    /** This fact's data as a record of {@code type}, when the fact is one. */
    public <R extends Record> Optional<R> as(Class<R> type) {
        return kind.equals(kindOf(type)) ? Optional.of(FactRecords.decode(type, data)) : Optional.empty();
    }

    /** A fact read as a record, with where it was recorded. */
    public record Typed<R extends Record>(Fact fact, R value) {
        public Path file() {
            return fact.file();
        }

        public int line() {
            return fact.line();
        }

        public int column() {
            return fact.column();
        }
    }
}
