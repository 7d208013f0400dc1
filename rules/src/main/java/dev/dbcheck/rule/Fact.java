package dev.dbcheck.rule;

import java.nio.file.Path;
import java.util.Map;

/**
 * Something a rule learnt from one file that a project-wide rule needs after every file is read (for
 * example the pools a service opens, for the connection budget). Plain strings, so facts can be cached with
 * the file's findings.
 */
public record Fact(String ruleId, String kind, Path file, int line, int column, Map<String, String> data) {
    public Fact {
        data = Map.copyOf(data);
    }
}
