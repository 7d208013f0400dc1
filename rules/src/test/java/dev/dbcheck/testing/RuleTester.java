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
 * any missing AND any extra finding. An expectation is a comment:
 *
 * <pre>
 * // expect: DynamoDbScan "on table \"orders\""    (Java; the quoted text must occur in the message)
 * -- expect: DeleteWithoutWhere                     (SQL)
 * # expect: OversizedConnectionPool                 (YAML, properties)
 * <!-- expect: DeleteWithoutWhere -->               (XML)
 * </pre>
 *
 * A marker alone on its line applies to the next line that is not blank and not a marker; a marker after
 * code applies to its own line. Several markers for one line expect several findings there. Markers are read
 * from the raw text, never from the parser's comment attribution.
 */
public final class RuleTester {

    private static final Pattern MARKER = Pattern.compile(
            "(?:<!--|//|--|#)\\s*expect:\\s*([A-Z][A-Za-z0-9]*)(?:\\s+\"(.*)\")?\\s*(?:-->)?\\s*$");

    private final List<Rule> rules;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private String languageLevel;
    private int expectedProcessingErrors;

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

    public RuleTester expectProcessingErrors(int count) {
        expectedProcessingErrors = count;
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

    /** Runs, then fails unless the findings are exactly the ones the markers expect. */
    public AnalysisResult expectMarkedFindings() {
        AnalysisResult result = run();
        Map<String, List<Expected>> expected = new TreeMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            collectMarkers(e.getKey(), e.getValue(), expected);
        }
        Map<String, List<Finding>> actual = new TreeMap<>();
        for (Finding f : result.findings()) {
            String rel = result.baseDir().relativize(f.file()).toString().replace('\\', '/');
            actual.computeIfAbsent(rel + ":" + f.beginLine(), k -> new ArrayList<>()).add(f);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Expected>> e : expected.entrySet()) {
            List<Finding> found = new ArrayList<>(actual.getOrDefault(e.getKey(), List.of()));
            for (Expected x : e.getValue()) {
                Finding match = found.stream()
                        .filter(f -> f.ruleId().equals(x.ruleId) && (x.text == null || f.message().contains(x.text)))
                        .findFirst().orElse(null);
                if (match == null) {
                    problems.add("missing " + x.ruleId + (x.text == null ? "" : " containing \"" + x.text + "\"")
                            + " at " + e.getKey() + describe(found));
                } else {
                    found.remove(match);
                }
            }
            for (Finding f : found) {
                problems.add("unexpected " + f.ruleId() + " at " + e.getKey() + ": " + f.message());
            }
            actual.remove(e.getKey());
        }
        for (Map.Entry<String, List<Finding>> e : actual.entrySet()) {
            for (Finding f : e.getValue()) {
                problems.add("unexpected " + f.ruleId() + " at " + e.getKey() + ": " + f.message());
            }
        }
        if (result.processingErrors().size() != expectedProcessingErrors) {
            for (ProcessingError err : result.processingErrors()) {
                problems.add("processing error at " + err.file().getFileName() + ":" + err.line() + ": " + err.reason());
            }
            problems.add("expected " + expectedProcessingErrors + " processing errors, got "
                    + result.processingErrors().size());
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        return result;
    }

    /** Like {@link #expectMarkedFindings()} for sources without markers: runs, and fails on processing errors. */
    public AnalysisResult expectMarkedFindingsOrNone() {
        AnalysisResult result = run();
        if (result.processingErrors().size() != expectedProcessingErrors) {
            fail("unexpected processing errors: " + result.processingErrors());
        }
        return result;
    }

    private static String describe(List<Finding> found) {
        return found.isEmpty() ? "" : " (found there: " + found.stream().map(f -> f.ruleId() + ": " + f.message())
                .toList() + ")";
    }

    private record Expected(String ruleId, String text) {}

    private static void collectMarkers(String path, String content, Map<String, List<Expected>> out) {
        String[] lines = content.split("\n", -1);
        List<Expected> pending = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = MARKER.matcher(line);
            boolean hasMarker = m.find();
            String code = hasMarker ? line.substring(0, m.start()).trim() : line.trim();
            if (hasMarker) {
                String text = m.group(2) == null ? null : m.group(2).replace("\\\"", "\"");
                Expected x = new Expected(m.group(1), text);
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
            throw new IllegalArgumentException(path + ": marker at the end of the file applies to no line");
        }
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
