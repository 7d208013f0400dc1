package dev.dbcheck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs rules through the real engine over example files whose expectations are written inline, and fails on
 * any missing AND any extra finding or processing note. An expectation is a comment:
 *
 * <pre>
 * // expect: DynamoDbScan "on table \"orders\""    (Java; the quoted text must occur in the message)
 * // expect: CacheableWithoutSync@info "signed-in user" keyKind=per-principal
 *                                                   (and at that severity, with that evidence in its details;
 *                                                   a value with spaces is quoted: entryPoint="GET /orders")
 * -- expect: DeleteWithoutWhere                     (SQL)
 * # expect: OversizedConnectionPool                 (YAML, properties)
 * <!-- expect: DeleteWithoutWhere -->               (XML)
 * -- expect-error: "skipped a statement"            (a processing note at that line; the text is required)
 * </pre>
 *
 * A marker alone on its line applies to the next line that is not blank and not a marker; a marker after
 * code applies to its own line. Several markers for one line expect several findings there. Markers are read
 * from the raw text, never from the parser's comment attribution. A comment that looks like a marker but is
 * not well formed (no colon, a lower-case id, a block comment, text after the closing quote) fails the test
 * instead of being dropped. Files that cannot hold comments (JSON) take {@link #expect} and
 * {@link #expectError}. A rule that crashed ("Rule X failed: ...", an internal error) never satisfies an
 * expected note: it always fails the test.
 */
public final class RuleTester {

    private static final Pattern MARKER = Pattern.compile(
            "(?:<!--|//|--|#)\\s*expect:\\s*([A-Z][A-Za-z0-9]*)(?:@(error|warning|info))?"
                    + "(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?((?:\\s+[A-Za-z][\\w.-]*=(?:\"[^\"]*\"|[^\\s\"]+))*)\\s*(?:-->)?\\s*$");
    /** One {@code key=value} or {@code key="value with spaces"} of a marker's evidence. */
    private static final Pattern EVIDENCE = Pattern.compile("([A-Za-z][\\w.-]*)=(?:\"([^\"]*)\"|([^\\s\"]+))");
    private static final Pattern ERROR_MARKER = Pattern.compile(
            "(?:<!--|//|--|#)\\s*expect-error:\\s*\"((?:[^\"\\\\]|\\\\.)+)\"\\s*(?:-->)?\\s*$");
    /** Anything a writer meant as a marker: checked against the two strict patterns above. */
    private static final Pattern MARKER_LIKE = Pattern.compile(
            "(?:<!--|//|--|#|/\\*)\\s*expect(?:-error)?(?:\\s*:|\\s+[A-Za-z][\\w.]*\\s*(?:\"|-->|\\*/|$))");

    private final List<Rule> rules;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<Explicit> explicit = new ArrayList<>();
    private String languageLevel;
    private Integer expectedProcessingErrors;

    private RuleTester(List<Rule> rules) {
        this.rules = rules;
    }

    public static RuleTester of(Rule... rules) {
        return new RuleTester(List.of(rules));
    }

    /** Adds a file at a project-relative path ({@code src/main/java/...} or {@code src/main/resources/...}). */
    public RuleTester file(String projectPath, String content) {
        files.put(projectPath, content);
        return this;
    }

    /** Adds a Java source under {@code src/main/java}, at the path its package declares. */
    public RuleTester java(String content) {
        Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(content);
        Matcher type = Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+(\\w+)")
                .matcher(content);
        if (!type.find()) {
            throw new IllegalArgumentException("no top-level type in example source");
        }
        String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        return file("src/main/java/" + dir + type.group(1) + ".java", content);
    }

    /** Adds every file of a fixture folder on the test classpath, keeping its layout below the folder. */
    public RuleTester fixtures(String classpathFolder) {
        URL url = RuleTester.class.getResource(classpathFolder);
        if (url == null) {
            throw new IllegalArgumentException("no fixture folder " + classpathFolder);
        }
        try (Stream<Path> walk = Files.walk(Path.of(url.toURI()))) {
            Path root = Path.of(url.toURI());
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String target = rel.endsWith(".java") ? "src/main/java/" + rel : rel;
                files.put(target, Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public RuleTester languageLevel(String level) {
        languageLevel = level;
        return this;
    }

    public RuleTester option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /**
     * Also checks the number of processing notes. Every note must still be expected by an
     * {@code expect-error} marker or {@link #expectError}; this count is only a cross-check.
     */
    public RuleTester expectProcessingErrors(int count) {
        expectedProcessingErrors = count;
        return this;
    }

    /** Expects a finding in a file that cannot hold a marker comment (JSON, say). */
    public RuleTester expect(String projectPath, int line, String ruleId, String messagePart) {
        explicit.add(new Explicit(projectPath + ":" + line, new Expected(ruleId, messagePart, false)));
        return this;
    }

    /** Expects a processing note in a file that cannot hold a marker; line 0 is a note about the whole file. */
    public RuleTester expectError(String projectPath, int line, String reasonPart) {
        explicit.add(new Explicit(projectPath + ":" + line, new Expected(null, reasonPart, true)));
        return this;
    }

    /** Runs the analysis in a fresh temporary project and returns the raw result. */
    public AnalysisResult run() {
        try {
            Path dir = Files.createTempDirectory("dbcheck-rule-test");
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
            AnalysisRequest.Builder request = AnalysisRequest.builder(dir)
                    .javaRoot(dir.resolve("src/main/java"))
                    .resourceRoot(dir.resolve("src/main/resources"))
                    .resourceRoot(dir.resolve("config"))
                    .rules(rules)
                    .languageLevel(languageLevel)
                    .options(new AnalysisOptions(options))
                    .threads(2);
            // Every rule test is also a soundness test of the relevance filter: the files it leaves unparsed
            // must change nothing.
            AnalysisResult filtered = new Analyzer().analyze(request.relevanceFilter(true).build());
            AnalysisResult full = new Analyzer().analyze(request.relevanceFilter(false).build());
            RelevanceSoundness.assertIdentical(full, filtered, "rules " + rules.stream().map(Rule::id).toList());
            return filtered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs, then fails unless the findings and the processing notes are exactly the ones the markers (and
     * {@link #expect} / {@link #expectError}) expect: each at its file and line, findings by rule id and message
     * part, notes by reason part.
     */
    public AnalysisResult expectMarkedFindings() {
        Map<String, List<Expected>> expected = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            collectMarkers(e.getKey(), e.getValue(), expected, problems);
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        for (Explicit x : explicit) {
            expected.computeIfAbsent(x.at, k -> new ArrayList<>()).add(x.expected);
        }
        AnalysisResult result = run();
        Map<String, List<Actual>> actual = new TreeMap<>();
        for (Finding f : result.findings()) {
            actual.computeIfAbsent(at(result, f.file(), f.beginLine()), k -> new ArrayList<>())
                    .add(new Actual(f.ruleId(), f.message(), false, f.severity().id(), f.details().evidence()));
        }
        for (ProcessingError err : result.processingErrors()) {
            if (err.internal()) {
                // A bug in dbcheck: never let it pass for an expected note.
                problems.add("crash at " + at(result, err.file(), err.line()) + ": " + err.reason());
                continue;
            }
            actual.computeIfAbsent(at(result, err.file(), err.line()), k -> new ArrayList<>())
                    .add(new Actual(null, err.reason(), true, null, Map.of()));
        }
        for (Map.Entry<String, List<Expected>> e : expected.entrySet()) {
            List<Actual> found = actual.getOrDefault(e.getKey(), new ArrayList<>());
            for (Expected x : e.getValue()) {
                Actual match = found.stream().filter(x::matches).findFirst().orElse(null);
                if (match == null) {
                    problems.add("missing " + x + " at " + e.getKey() + describe(found));
                } else {
                    found.remove(match);
                }
            }
        }
        for (Map.Entry<String, List<Actual>> e : actual.entrySet()) {
            for (Actual a : e.getValue()) {
                problems.add("unexpected " + a + " at " + e.getKey());
            }
        }
        if (expectedProcessingErrors != null && result.processingErrors().size() != expectedProcessingErrors) {
            problems.add("expected " + expectedProcessingErrors + " processing errors, got "
                    + result.processingErrors().size());
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        return result;
    }

    /**
     * The old name of {@link #expectMarkedFindings()}, which it now is: sources without markers expect no
     * finding at all. Kept so that tests written against the old name compile.
     */
    @Deprecated
    public AnalysisResult expectMarkedFindingsOrNone() {
        return expectMarkedFindings();
    }

    private static String at(AnalysisResult result, Path file, int line) {
        String rel = file.startsWith(result.baseDir())
                ? result.baseDir().relativize(file).toString().replace('\\', '/') : file.toString();
        return rel + ":" + line;
    }

    private static String describe(List<Actual> found) {
        return found.isEmpty() ? "" : " (found there: " + found + ")";
    }

    /** An expectation; a null severity and an empty evidence map check neither. */
    private record Expected(String ruleId, String text, boolean error, String severity, Map<String, String> evidence) {
        Expected(String ruleId, String text, boolean error) {
            this(ruleId, text, error, null, Map.of());
        }

        boolean matches(Actual a) {
            return a.error == error && (error || a.ruleId.equals(ruleId)) && (text == null || a.message.contains(text))
                    && (severity == null || severity.equals(a.severity))
                    && evidence.entrySet().stream().allMatch(e -> e.getValue().equals(a.evidence.get(e.getKey())));
        }

        @Override
        public String toString() {
            return (error ? "processing note" : ruleId) + (severity == null ? "" : "@" + severity)
                    + (text == null ? "" : " containing \"" + text + "\"") + (evidence.isEmpty() ? "" : " " + evidence);
        }
    }

    private record Actual(String ruleId, String message, boolean error, String severity, Map<String, String> evidence) {
        @Override
        public String toString() {
            return (error ? "processing note" : ruleId + "@" + severity) + ": " + message
                    + (evidence.isEmpty() ? "" : " " + evidence);
        }
    }

    private record Explicit(String at, Expected expected) {}

    private static void collectMarkers(String path, String content, Map<String, List<Expected>> out,
            List<String> problems) {
        String[] lines = content.split("\n", -1);
        List<Expected> pending = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher like = MARKER_LIKE.matcher(line);
            Expected x = null;
            int markerStart = -1;
            if (like.find()) {
                markerStart = like.start();
                Matcher m = MARKER.matcher(line).region(markerStart, line.length());
                Matcher err = ERROR_MARKER.matcher(line).region(markerStart, line.length());
                if (m.lookingAt()) {
                    x = new Expected(m.group(1), m.group(3) == null ? null : unescape(m.group(3)), false, m.group(2),
                            evidence(m.group(4)));
                } else if (err.lookingAt()) {
                    x = new Expected(null, unescape(err.group(1)), true);
                } else {
                    problems.add(path + ":" + (i + 1) + ": malformed expectation marker (want `// expect: RuleId "
                            + "\"message part\"` or `// expect-error: \"reason part\"` in a line comment, nothing "
                            + "after it): " + line.trim());
                    continue;
                }
            }
            String code = x != null ? line.substring(0, markerStart).trim() : line.trim();
            if (x != null) {
                if (code.isEmpty()) {
                    pending.add(x);
                    continue;
                }
                out.computeIfAbsent(path + ":" + (i + 1), k -> new ArrayList<>()).add(x);
            }
            if (!code.isEmpty() && !pending.isEmpty()) {
                out.computeIfAbsent(path + ":" + (i + 1), k -> new ArrayList<>()).addAll(pending);
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            problems.add(path + ": marker at the end of the file applies to no line");
        }
    }

    /** {@code key=value} pairs after a marker's text: evidence the finding must carry. */
    private static Map<String, String> evidence(String pairs) {
        Map<String, String> out = new TreeMap<>();
        if (pairs != null) {
            Matcher m = EVIDENCE.matcher(pairs);
            while (m.find()) {
                out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return out;
    }

    private static String unescape(String text) {
        return text.replace("\\\"", "\"");
    }

    /** Reads a classpath resource as text (for tests that embed fixtures). */
    public static String resource(String name) {
        try (InputStream in = RuleTester.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
