package dev.dbcheck.engine;

import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleRegistry;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to analyse and how: plain paths and values, no build-tool types. Built with {@link #builder(Path)}.
 *
 * @param baseDir the project directory; report paths are relative to it
 * @param javaRoots source roots holding {@code .java} files
 * @param resourceRoots roots holding configuration files and SQL migrations
 * @param includes Ant patterns (relative to a Java root) of files to analyse; empty means all {@code .java}
 * @param excludes Ant patterns of files to skip; an exclude wins over an include
 * @param languageLevel Java release such as "17" or "21"; null for the newest level the parser supports
 * @param severityOverrides per-rule severities replacing the rules' defaults
 * @param threads worker threads; 0 for one per available processor
 * @param log receives notes for the build log (not findings)
 * @param cacheFile where the incremental-analysis cache lives, or null for no cache
 * @param debugLog receives operational detail (cache reuse) that a build log shows only on request
 * @param dependencyRoots source roots of modules this one depends on: their types, members and method
 *     summaries are in the project model for resolution, their files are never analysed nor reported
 * @param relevanceFilter whether files that no enabled rule can use are left unparsed (see
 *     {@code RelevanceFilter}); off only to compare
 * @param classPath the module's compile class path (jars and class folders, in order), whose class files supply
 *     the library types the tables do not list; empty for none (everything works from the tables alone). Entries
 *     that do not exist are skipped, so a build tool can pass what it resolved without checking it
 */
public record AnalysisRequest(
        Path baseDir,
        List<Path> javaRoots,
        List<Path> resourceRoots,
        List<String> includes,
        List<String> excludes,
        Charset encoding,
        String languageLevel,
        List<Rule> rules,
        Map<String, Severity> severityOverrides,
        AnalysisOptions options,
        int threads,
        Consumer<String> log,
        Path cacheFile,
        Consumer<String> debugLog,
        List<Path> dependencyRoots,
        boolean relevanceFilter,
        List<Path> classPath) {

    public AnalysisRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        javaRoots = List.copyOf(javaRoots);
        resourceRoots = List.copyOf(resourceRoots);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(encoding, "encoding");
        rules = List.copyOf(rules);
        severityOverrides = Map.copyOf(severityOverrides);
        Objects.requireNonNull(options, "options");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or more, got " + threads);
        }
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(debugLog, "debugLog");
        dependencyRoots = List.copyOf(dependencyRoots);
        classPath = List.copyOf(classPath);
    }

    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /** Builder with the defaults a plain project needs: every rule, UTF-8, all Java files. */
    public static final class Builder {
        private final Path baseDir;
        private final List<Path> javaRoots = new ArrayList<>();
        private final List<Path> dependencyRoots = new ArrayList<>();
        private final List<Path> resourceRoots = new ArrayList<>();
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private boolean relevanceFilter = true;
        private final List<Path> classPath = new ArrayList<>();
        private Charset encoding = StandardCharsets.UTF_8;
        private String languageLevel;
        private List<Rule> rules = RuleRegistry.all();
        private final Map<String, Severity> severityOverrides = new LinkedHashMap<>();
        private AnalysisOptions options = AnalysisOptions.none();
        private int threads;
        private Consumer<String> log = message -> {};
        private Path cacheFile;
        private Consumer<String> debugLog = message -> {};

        private Builder(Path baseDir) {
            this.baseDir = baseDir;
        }

        public Builder javaRoot(Path root) {
            javaRoots.add(root);
            return this;
        }

        public Builder javaRoots(List<Path> roots) {
            javaRoots.addAll(roots);
            return this;
        }

        public Builder resourceRoot(Path root) {
            resourceRoots.add(root);
            return this;
        }

        public Builder resourceRoots(List<Path> roots) {
            resourceRoots.addAll(roots);
            return this;
        }

        public Builder includes(List<String> patterns) {
            includes.addAll(patterns);
            return this;
        }

        public Builder excludes(List<String> patterns) {
            excludes.addAll(patterns);
            return this;
        }

        public Builder encoding(Charset value) {
            encoding = value;
            return this;
        }

        public Builder languageLevel(String value) {
            languageLevel = value;
            return this;
        }

        public Builder rules(List<Rule> value) {
            rules = value;
            return this;
        }

        public Builder severity(String ruleId, Severity severity) {
            severityOverrides.put(ruleId, severity);
            return this;
        }

        public Builder options(AnalysisOptions value) {
            options = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder log(Consumer<String> value) {
            log = value;
            return this;
        }

        /** Enables incremental analysis with a cache at this path (under {@code target/}). */
        public Builder cacheFile(Path value) {
            cacheFile = value;
            return this;
        }

        public Builder debugLog(Consumer<String> value) {
            debugLog = value;
            return this;
        }

        /** Adds a source root of a module this one depends on: resolved, never reported. */
        public Builder dependencyRoot(Path root) {
            dependencyRoots.add(root);
            return this;
        }

        /** Whether files no enabled rule can use are left unparsed; on by default (soundness: RelevanceFilter). */
        public Builder relevanceFilter(boolean value) {
            relevanceFilter = value;
            return this;
        }

        /** Adds jars and class folders of the module's compile class path, in class-path order. */
        public Builder classPath(List<Path> entries) {
            classPath.addAll(entries);
            return this;
        }

        public AnalysisRequest build() {
            return new AnalysisRequest(baseDir, javaRoots, resourceRoots, includes, excludes, encoding,
                    languageLevel, rules, severityOverrides, options, threads, log, cacheFile, debugLog,
                    dependencyRoots, relevanceFilter, classPath);
        }
    }
}
