package dev.dbcheck.finding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a finding carries beside its message: the one sentence a console line shows, the evidence that decided
 * its severity (what kind of key, what kind of store, which entry point, which profile), and the path through
 * which production code reaches it. A user who disagrees with a finding reads why here; reports show all of it
 * (SARIF {@code properties} and {@code codeFlows}, the HTML report, the verbose console).
 *
 * @param headline one complete sentence for the console (what is wrong, what it does in production, with this
 *     finding's facts), or null when the rule wrote none and the console shortens the message instead
 * @param evidence named facts behind the decision, in the order the rule added them ({@code keyKind=shared})
 * @param path the steps that reach the finding, first the entry point, last the method that holds it
 */
public record Details(String headline, Map<String, String> evidence, List<Step> path) {

    /** No headline, no evidence, no path. */
    public static final Details NONE = new Details(null, Map.of(), List.of());

    /** One step of a path: a place in a file and what happens there ("GET /orders/{id} in OrderController.get"). */
    public record Step(Path file, int line, int column, String description) {
        public Step {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(description, "description");
            line = Math.max(1, line);
            column = Math.max(1, column);
        }
    }

    public Details {
        if (headline != null && headline.isBlank()) {
            headline = null;
        }
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        path = List.copyOf(path);
    }

    public static Details headline(String headline) {
        return NONE.withHeadline(headline);
    }

    public Details withHeadline(String newHeadline) {
        return new Details(newHeadline, evidence, path);
    }

    /** These details with one more piece of evidence; a key given twice keeps its last value. */
    public Details withEvidence(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> more = new LinkedHashMap<>(evidence);
        more.remove(key);
        more.put(key, value);
        return new Details(headline, more, path);
    }

    public Details withPath(List<Step> steps) {
        return new Details(headline, evidence, steps);
    }

    public Details withStep(Step step) {
        return new Details(headline, evidence, Stream.concat(path.stream(), Stream.of(step)).toList());
    }

    public boolean isEmpty() {
        return headline == null && evidence.isEmpty() && path.isEmpty();
    }
}
