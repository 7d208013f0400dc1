package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.Node;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.report.ToolVersion;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.suppress.Suppression;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.suppress.Suppressions;
import dev.dbcheck.types.ProjectTypes;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The engine: request in, result out. Each file is read and parsed once, all rules run over that tree, files
 * are analysed in parallel, and the result is sorted so the same inputs always give the same output.
 * Instances hold no state between calls and may be shared by threads (Maven's {@code -T}).
 *
 * <p>Wrong configuration (a language level, a rule option) throws {@link IllegalArgumentException} before
 * any file is read; problems with single files never throw, they become processing errors.
 */
public final class Analyzer {

    /**
     * Parser threads get a large stack: JavaParser's recursive-descent parser recurses once per nesting level,
     * and generated or pathological code can nest thousands of levels deep.
     */
    private static final long WORKER_STACK_BYTES = 256L * 1024 * 1024;

    public AnalysisResult analyze(AnalysisRequest request) {
        LanguageLevel level = LanguageLevels.parse(request.languageLevel());
        for (Rule rule : request.rules()) {
            rule.validate(request.options());
        }
        SourceCollector collector = new SourceCollector(request.includes(), request.excludes());
        List<SourceCollector.Input> javaInputs = collector.javaFiles(request.javaRoots());

        List<JavaRule> javaRules = new ArrayList<>();
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<ProjectRule> projectRules = new ArrayList<>();
        for (Rule rule : request.rules()) {
            if (rule instanceof JavaRule j) {
                javaRules.add(j);
            }
            if (rule instanceof ResourceRule r) {
                resourceRules.add(r);
            }
            if (rule instanceof ProjectRule p) {
                projectRules.add(p);
            }
        }
        List<SourceCollector.Input> resourceInputs = resourceRules.isEmpty()
                ? List.of()
                : collector.resourceFiles(request.resourceRoots(), in -> resourceRules.stream()
                        .anyMatch(r -> r.appliesTo(new ResourceFile(in.path(), in.relativePath(), request.encoding()))));

        ProjectTypes projectTypes = projectTypes(javaInputs);
        JavaFileAnalysis javaAnalysis = new JavaFileAnalysis(dispatchTable(javaRules), projectTypes,
                request.options());
        ParserConfiguration config = new ParserConfiguration()
                .setLanguageLevel(level)
                .setCharacterEncoding(request.encoding());
        ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(config));
        AnalysisCache cache = request.cacheFile() == null ? null
                : AnalysisCache.open(request.cacheFile(), cacheKey(request, level, projectTypes), request.log(),
                        request.debugLog());
        AtomicInteger reused = new AtomicInteger();

        int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), workerThreads());
        List<Future<FileOutcome>> futures = new ArrayList<>();
        List<Path> futurePaths = new ArrayList<>();
        try {
            for (SourceCollector.Input in : javaInputs) {
                futurePaths.add(in.path());
                futures.add(pool.submit(() -> cached(in.path(), cache, reused,
                        bytes -> analyzeJava(in.path(), bytes, request.encoding(), javaAnalysis, parsers))));
            }
            for (SourceCollector.Input in : resourceInputs) {
                futurePaths.add(in.path());
                futures.add(pool.submit(() -> cached(in.path(), cache, reused,
                        bytes -> analyzeResource(in, request, resourceRules))));
            }
            List<Finding> findings = new ArrayList<>();
            List<ProcessingError> errors = new ArrayList<>();
            List<Fact> facts = new ArrayList<>();
            Map<Path, List<Suppression>> suppressions = new HashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                FileOutcome o = get(futures.get(i));
                findings.addAll(o.findings);
                errors.addAll(o.errors);
                facts.addAll(o.facts);
                if (!o.suppressions.isEmpty()) {
                    suppressions.put(futurePaths.get(i), List.copyOf(o.suppressions));
                }
            }
            Set<Path> scanned = new java.util.HashSet<>(futurePaths);
            facts.sort(Comparator.comparing((Fact f) -> f.file().toString()).thenComparingInt(Fact::line)
                    .thenComparingInt(Fact::column).thenComparing(Fact::ruleId).thenComparing(Fact::kind));
            for (ProjectRule rule : projectRules) {
                runProjectRule(rule, facts, request, findings, errors);
            }
            if (cache != null) {
                cache.save(request.log());
                if (reused.get() > 0) {
                    request.debugLog().accept("dbcheck: " + reused.get() + " of " + futures.size()
                        + " files unchanged since the last run (incremental analysis)");
                }
            }
            suppressionsOfOtherFiles(findings, scanned, request, suppressions);
            Set<String> known = new java.util.HashSet<>(RuleRegistry.ids());
            request.rules().forEach(r -> known.add(r.id()));
            Suppressions.Applied applied = Suppressions.apply(findings, suppressions, request.rules(), known);
            Map<String, Severity> defaults = new HashMap<>();
            request.rules().forEach(r -> defaults.put(r.id(), r.metadata().defaultSeverity()));
            List<Finding> adjusted = applySeverities(applied.findings(), request.severityOverrides(), defaults);
            adjusted.sort(Finding.ORDER);
            List<dev.dbcheck.suppress.SuppressedFinding> suppressed = applied.suppressed().stream()
                    .map(s -> {
                        Severity sev = atDefault(s.finding(), defaults)
                                ? request.severityOverrides().get(s.finding().ruleId()) : null;
                        return sev == null ? s : new dev.dbcheck.suppress.SuppressedFinding(
                                s.finding().withSeverity(sev), s.kind(), s.justification());
                    }).toList();
            errors.sort(ProcessingError.ORDER);
            List<RuleMetadata> metadata = request.rules().stream().map(Rule::metadata)
                    .sorted(Comparator.comparing(RuleMetadata::id)).toList();
            return new AnalysisResult(request.baseDir().toAbsolutePath().normalize(), metadata, adjusted, errors,
                    javaInputs.size(), resourceInputs.size(), suppressed, null);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Project rules may report in files that were not analysed themselves (a config file no resource rule reads):
     * their suppressions are read here. Unreadable files simply have none.
     */
    private static void suppressionsOfOtherFiles(List<Finding> findings, Set<Path> scanned, AnalysisRequest request,
            Map<Path, List<Suppression>> suppressions) {
        for (Finding f : findings) {
            Path file = f.file();
            if (scanned.add(file) && SuppressionScanner.supports(file.getFileName().toString())) {
                try {
                    List<Suppression> found = SuppressionScanner.text(file.getFileName().toString(),
                            new String(Files.readAllBytes(file), request.encoding()));
                    if (!found.isEmpty()) {
                        suppressions.put(file, found);
                    }
                } catch (IOException e) {
                    request.debugLog().accept("dbcheck: cannot read " + file + " for suppressions: " + e.getMessage());
                }
            }
        }
    }

    private static FileOutcome get(Future<FileOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        } catch (ExecutionException e) {
            // analyzeJava/analyzeResource catch everything per file; reaching here is a bug in the engine.
            throw new IllegalStateException("analysis failed: " + e.getCause(), e.getCause());
        }
    }

    /** Reads a file once, and analyses it unless the cache holds the outcome for exactly this content. */
    private static FileOutcome cached(Path file, AnalysisCache cache, AtomicInteger reused,
            java.util.function.Function<byte[], FileOutcome> analysis) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return failed(file, "Cannot read the file: " + e.getMessage());
        }
        if (cache == null) {
            return analysis.apply(bytes);
        }
        String hash = AnalysisCache.hash(bytes);
        FileOutcome known = cache.lookup(file, hash);
        if (known != null) {
            reused.incrementAndGet();
            return known;
        }
        FileOutcome fresh = analysis.apply(bytes);
        cache.store(file, hash, fresh);
        return fresh;
    }

    /** Everything that can change any file's outcome: a different key discards the whole cache. */
    private static String cacheKey(AnalysisRequest request, LanguageLevel level, ProjectTypes projectTypes) {
        List<String> parts = new ArrayList<>();
        parts.add(ToolVersion.current());
        parts.add(ToolVersion.build());
        parts.add(level.name());
        parts.add(request.encoding().name());
        request.rules().stream().map(r -> r.getClass().getName()).sorted().forEach(parts::add);
        parts.add(new java.util.TreeMap<>(request.options().asMap()).toString());
        parts.addAll(projectTypes.names().stream().sorted().toList());
        return AnalysisCache.key(parts);
    }

    private static FileOutcome analyzeJava(Path file, byte[] bytes, Charset encoding, JavaFileAnalysis analysis,
            ThreadLocal<JavaParser> parsers) {
        try {
            String source = new String(bytes, encoding);
            return analysis.analyze(file, source, parsers.get());
        } catch (StackOverflowError e) {
            return failed(file, "The file is nested too deeply to parse");
        } catch (OutOfMemoryError e) {
            return failed(file, "The file is too large to analyse in the available memory");
        } catch (RuntimeException e) {
            return failed(file, "Internal error while analysing the file: " + e);
        }
    }

    private static FileOutcome analyzeResource(SourceCollector.Input in, AnalysisRequest request,
            List<ResourceRule> rules) {
        FileOutcome outcome = new FileOutcome();
        ResourceFile file = new ResourceFile(in.path(), in.relativePath(), request.encoding());
        if (SuppressionScanner.supports(file.fileName())) {
            try {
                outcome.suppressions.addAll(SuppressionScanner.text(file.fileName(), file.text()));
            } catch (RuntimeException e) {
                outcome.errors.add(new ProcessingError(in.path(), 0, 0, "Cannot read the suppressions: " + e));
            }
        }
        for (ResourceRule rule : rules) {
            if (!rule.appliesTo(file)) {
                continue;
            }
            try {
                rule.analyze(file, new ResourceRuleContext(rule, file, request.options(), outcome));
            } catch (StackOverflowError e) {
                outcome.errors.add(new ProcessingError(in.path(), 0, 0,
                        "Rule " + rule.id() + " gave up: the file is nested too deeply"));
            } catch (RuntimeException e) {
                outcome.errors.add(new ProcessingError(in.path(), 0, 0, "Rule " + rule.id() + " failed: " + e));
            }
        }
        return outcome;
    }

    private static FileOutcome failed(Path file, String reason) {
        FileOutcome o = new FileOutcome();
        o.errors.add(new ProcessingError(file, 0, 0, reason));
        return o;
    }

    private static void runProjectRule(ProjectRule rule, List<Fact> facts, AnalysisRequest request,
            List<Finding> findings, List<ProcessingError> errors) {
        ProjectContext context = new ProjectContext() {
            @Override
            public List<Fact> facts() {
                return facts;
            }

            @Override
            public AnalysisOptions options() {
                return request.options();
            }

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn, String message) {
                findings.add(new Finding(rule.id(), rule.metadata().family(), rule.metadata().defaultSeverity(),
                        message, file, line, column, endLine, endColumn));
            }

            @Override
            public Consumer<String> log() {
                return request.log();
            }
        };
        try {
            rule.finish(context);
        } catch (IllegalArgumentException e) {
            // Wrong configuration (an unknown instance class, say): the user must hear it, not a note.
            throw e;
        } catch (RuntimeException e) {
            errors.add(new ProcessingError(request.baseDir(), 0, 0, "Rule " + rule.id() + " failed: " + e));
        }
    }

    /**
     * Per-rule overrides change the findings reported at the rule's default severity; a finding whose rule chose
     * its severity (through a rule option) keeps it.
     */
    private static List<Finding> applySeverities(List<Finding> findings, Map<String, Severity> overrides,
            Map<String, Severity> defaults) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Severity s = atDefault(f, defaults) ? overrides.get(f.ruleId()) : null;
            out.add(s == null ? f : f.withSeverity(s));
        }
        return out;
    }

    private static boolean atDefault(Finding f, Map<String, Severity> defaults) {
        Severity d = defaults.get(f.ruleId());
        return d == null || f.severity() == d;
    }

    /** Top-level type names from file paths: {@code com/acme/Repo.java} declares {@code com.acme.Repo}. */
    private static ProjectTypes projectTypes(List<SourceCollector.Input> inputs) {
        Set<String> names = new LinkedHashSet<>();
        for (SourceCollector.Input in : inputs) {
            String rel = in.relativePath();
            names.add(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'));
        }
        return new ProjectTypes(names);
    }

    private static Map<Class<? extends Node>, List<JavaRule>> dispatchTable(List<JavaRule> rules) {
        Map<Class<? extends Node>, List<JavaRule>> table = new HashMap<>();
        for (JavaRule rule : rules) {
            for (Class<? extends Node> type : rule.nodeTypes()) {
                table.computeIfAbsent(type, k -> new ArrayList<>()).add(rule);
            }
        }
        return table;
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(null, runnable, "dbcheck-worker-" + count.incrementAndGet(), WORKER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /** Binds a resource rule to one file and the outcome it reports into. */
    private record ResourceRuleContext(ResourceRule rule, ResourceFile file, AnalysisOptions options,
            FileOutcome outcome) implements ResourceContext {

        @Override
        public void report(int line, int column, int endLine, int endColumn, String message) {
            report(line, column, endLine, endColumn, rule.metadata().defaultSeverity(), message);
        }

        @Override
        public void report(int line, int column, int endLine, int endColumn, Severity severity, String message) {
            outcome.findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message, file.path(),
                    Math.max(1, line), Math.max(1, column), endLine, endColumn));
        }

        @Override
        public void addFact(String kind, int line, int column, Map<String, String> data) {
            outcome.facts.add(new Fact(rule.id(), kind, file.path(), line, column, data));
        }

        @Override
        public void processingError(int line, int column, String reason) {
            // Several rules reading the same malformed file say the same thing: report it once.
            ProcessingError error = new ProcessingError(file.path(), line, column, reason);
            if (!outcome.errors.contains(error)) {
                outcome.errors.add(error);
            }
        }
    }
}
