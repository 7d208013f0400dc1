package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.dbcheck.classpath.ClassPathIndex;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.model.FileDeclarations;
import dev.dbcheck.entrypoints.EntryPointText;
import dev.dbcheck.entrypoints.EntryPoints;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.types.LibraryTypes;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
        // Phase 0: configuration is checked before any file is read.
        LanguageLevel level = LanguageLevels.parse(request.languageLevel());
        for (Rule rule : request.rules()) {
            rule.validate(request.options());
        }
        RuleSet rules = RuleSet.of(request.rules());
        // Phase 1: the files.
        SourceCollector collector = new SourceCollector(request.includes(), request.excludes());
        List<SourceCollector.Input> javaInputs = collector.javaFiles(request.javaRoots());
        List<SourceCollector.Input> dependencyInputs = new SourceCollector(List.of(), List.of())
                .javaFiles(request.dependencyRoots());
        List<SourceCollector.Input> resourceInputs = rules.resource().isEmpty()
                ? List.of()
                : collector.resourceFiles(request.resourceRoots(), in -> rules.resource().stream()
                        .anyMatch(r -> r.appliesTo(new ResourceFile(in.path(), in.relativePath(), request.encoding()))));

        ParserConfiguration config = ParserConfigurations.reading(level, request.encoding());
        ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(config));
        AnalysisCache cache = request.cacheFile() == null ? null
                : AnalysisCache.open(request.cacheFile(), request.baseDir(), cacheKey(request, level), request.log(),
                        request.debugLog());
        ParsedTrees trees = new ParsedTrees(request.encoding(), parsers);
        // The build's class path: library types the tables do not list, read lazily (ClassPathIndex).
        ClassPathIndex classPath = ClassPathIndex.of(request.classPath());
        LibraryTypes library = LibraryTypes.get().withClassPath(classPath);
        List<ClassPathIndex.Fingerprint> prints = cache == null ? List.of() : classPath.fingerprints();
        ClassPathCache.Change classPathChange = cache == null ? ClassPathCache.Change.NONE
                : ClassPathCache.compareAndSeed(cache.previousClassPath(), classPath, prints);
        int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), workerThreads());
        try {
            // Phase 2 (parallel): the files the model needs for the files a rule can use, and their declarations
            // (from a cheap parse of their headers).
            PhaseTimes times = new PhaseTimes();
            RelevanceFilter.Selection selection = FileSelection.select(rules.java(), javaInputs, dependencyInputs, request,
                    cache, !classPathChange.any(), library, pool);
            times.end("relevance filter");
            Set<Path> needed = selection == null ? null : selection.needed();
            Set<Path> relevant = selection == null ? null : selection.relevant();
            // The files the rules will analyse are parsed in full now, and their trees held for the rules while the
            // budget lasts: each is then parsed once. Past it, their declarations come from the cut parse, like the
            // others'.
            Set<Path> analysed = relevant != null ? relevant : paths(javaInputs);
            List<JavaFile> javaFiles = DeclarationPhase.declareAll(javaInputs, needed, analysed, request, cache, trees, pool);
            // Files of modules this one depends on: declarations for the model only, never analysed.
            List<JavaFile> dependencyFiles = DeclarationPhase.declareAll(dependencyInputs, needed, Set.of(), request, cache, trees,
                    pool);
            times.end("declarations");
            // Phase 3: the project model, then (lazily, memoised) the method summaries over it.
            JavaFileAnalysis javaAnalysis = projectModel(javaFiles, dependencyFiles, rules, request, cache, trees,
                    selection == null ? Map.of() : selection.effectScopes(), library,
                    javaInputs.stream().map(SourceCollector.Input::path).toList());
            Set<Path> affected = cache == null ? Set.of()
                    : DeclarationPhase.affected(concat(javaFiles, dependencyFiles), cache, javaAnalysis::model,
                            classPathChange);
            times.end("model");
            // Phase 4 (parallel): each file a rule can use parsed in full and analysed, unless its cached outcome
            // can be reused.
            Outcomes outcomes = analyseFiles(javaFiles, relevant, resourceInputs, rules, request, cache, affected,
                    javaAnalysis, trees, pool);
            times.end("rules");
            javaAnalysis.builtEntryPoints().flatMap(EntryPoints::stats)
                    .ifPresent(s -> request.debugLog().accept("dbcheck: entry points: " + s));
            request.debugLog().accept("dbcheck: " + trees.fullParses() + " full parses, " + trees.cutParses()
                    + " cut parses; " + trees.heldTrees() + " of the analysed files parsed in full at once");
            // Phase 5: project rules, over the facts of every file.
            outcomes.facts.sort(Comparator.comparing((Fact f) -> f.file().toString()).thenComparingInt(Fact::line)
                    .thenComparingInt(Fact::column).thenComparing(Fact::ruleId).thenComparing(Fact::kind));
            for (ProjectRule rule : rules.project()) {
                ProjectPhase.runProjectRule(rule, outcomes.facts, request, outcomes.findings, outcomes.errors);
            }
            if (cache != null) {
                cache.storeClassPath(ClassPathCache.toStored(classPath, prints));
                cache.save(request.log());
                if (outcomes.reused.get() > 0) {
                    request.debugLog().accept("dbcheck: " + outcomes.reused.get() + " of " + outcomes.scanned.size()
                        + " files unchanged since the last run (incremental analysis)");
                }
            }
            times.end("project rules and cache");
            request.debugLog().accept("dbcheck: phase times " + times);
            reportClassPath(classPath, request);
            // Phase 6: suppressions and the suppression rules, severities, a stable order.
            return ProjectPhase.result(request, outcomes, javaInputs.size(), resourceInputs.size());
        } finally {
            pool.shutdownNow();
            classPath.close();
        }
    }

    /** How much of the class path was read (debug), and, once, what could not be read (the analysis went on). */
    private static void reportClassPath(ClassPathIndex classPath, AnalysisRequest request) {
        if (classPath.isEmpty()) {
            return;
        }
        int read = classPath.typesRead().values().stream().mapToInt(List::size).sum();
        request.debugLog().accept("dbcheck: class path of " + classPath.entries().size() + " entries, " + read
                + " library types read from it, " + classPath.absentCount() + " names looked up in vain");
        Set<String> unreadable = classPath.unreadable();
        if (!unreadable.isEmpty()) {
            List<String> shown = unreadable.stream().limit(10).toList();
            request.log().accept("dbcheck: could not read from the class path, so these types are unknown (as without"
                    + " a class path): " + String.join(", ", shown)
                    + (unreadable.size() > shown.size() ? " and " + (unreadable.size() - shown.size()) + " more" : ""));
        }
    }

    /** Wall-clock time of each phase, for the debug log (where a slow run spends its time). */
    private static final class PhaseTimes {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void end(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f s", (now - last) / 1e9));
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The rules of a request by kind (a rule may be of several kinds). */
    private record RuleSet(List<JavaRule> java, List<ResourceRule> resource, List<ProjectRule> project) {
        static RuleSet of(List<Rule> all) {
            List<JavaRule> java = new ArrayList<>();
            List<ResourceRule> resource = new ArrayList<>();
            List<ProjectRule> project = new ArrayList<>();
            for (Rule rule : all) {
                if (rule instanceof JavaRule j) {
                    java.add(j);
                }
                if (rule instanceof ResourceRule r) {
                    resource.add(r);
                }
                if (rule instanceof ProjectRule p) {
                    project.add(p);
                }
            }
            return new RuleSet(java, resource, project);
        }
    }

    /** Phase 3: the project model over the module's files and its dependencies', and the analysis on top. */
    private static JavaFileAnalysis projectModel(List<JavaFile> javaFiles, List<JavaFile> dependencyFiles,
            RuleSet rules, AnalysisRequest request, AnalysisCache cache, ParsedTrees trees,
            Map<Object, Set<Path>> effectScopes, LibraryTypes library, List<Path> projectFiles) {
        // Which files declare what is read when the model is built: a run with nothing changed never builds it.
        Map<Path, JavaFile> declared = new HashMap<>();
        for (JavaFile f : javaFiles) {
            if (f.hasDeclarations()) {
                declared.put(f.path(), f);
            }
        }
        Set<Path> dependencyPaths = new java.util.HashSet<>();
        for (JavaFile f : dependencyFiles) {
            if (f.hasDeclarations() && !declared.containsKey(f.path())) {
                declared.put(f.path(), f);
                dependencyPaths.add(f.path());
                if (cache != null) {
                    // Kept so that a warm run builds the model without parsing the dependency either.
                    cache.storeDeclarations(f.path(), f.hash(), f.declared());
                }
            }
        }
        trees.restrictTo(declared.keySet());
        // Built when a file is analysed or a change is traced through it; with nothing changed, never.
        return new JavaFileAnalysis(JavaHooks.of(rules.java()), () -> {
            Map<Path, FileDeclarations> declarations = new HashMap<>();
            declared.forEach((path, f) -> declarations.put(path, f.declarations()));
            ProjectModel model = ProjectModel.build(declarations, dependencyPaths, library);
            // With the relevance filter, a summary analysis whose effects need certain files is not computed (and no
            // tree is parsed for it) in files that cannot reach them.
            MethodSummaries summaries = new MethodSummaries(model, trees, effectScopes::get);
            EntryPoints entryPoints = new EntryPoints(summaries, trees,
                    () -> EntryPointText.anyDeclares(projectFiles, request.encoding()));
            return new JavaFileAnalysis.Shared(model, summaries, entryPoints);
        }, request.options());
    }

    /**
     * Phase 4: every Java file a rule can use ({@code relevant}, or all when null) and every resource file
     * through its rules, in parallel, gathered in input order.
     */
    private static Outcomes analyseFiles(List<JavaFile> javaFiles, Set<Path> relevant,
            List<SourceCollector.Input> resourceInputs,
            RuleSet rules, AnalysisRequest request, AnalysisCache cache, Set<Path> affected,
            JavaFileAnalysis javaAnalysis, ParsedTrees trees, ExecutorService pool) {
        Outcomes outcomes = new Outcomes();
        List<Future<FileOutcome>> futures = new ArrayList<>();
        List<Path> futurePaths = new ArrayList<>();
        for (JavaFile f : javaFiles) {
            if (relevant != null && !relevant.contains(f.path()) && f.failure() == null) {
                // No rule can use it: it only contributes declarations. Its cache entry keeps them without an
                // outcome, so a later run in which it becomes relevant analyses it.
                if (cache != null) {
                    cache.storeDeclarations(f.path(), f.hash(), f.declared());
                }
                continue;
            }
            futurePaths.add(f.path());
            futures.add(pool.submit(() -> analyzeJava(f, request.encoding(), cache, affected, outcomes.reused,
                    javaAnalysis, trees)));
        }
        for (SourceCollector.Input in : resourceInputs) {
            futurePaths.add(in.path());
            futures.add(pool.submit(() -> cached(in.path(), cache, outcomes.reused,
                    bytes -> analyzeResource(in, request, rules.resource()))));
        }
        for (int i = 0; i < futures.size(); i++) {
            FileOutcome o = get(futures.get(i));
            outcomes.findings.addAll(o.findings);
            outcomes.errors.addAll(o.errors);
            outcomes.facts.addAll(o.facts);
            if (!o.suppressions.isEmpty()) {
                outcomes.suppressions.put(futurePaths.get(i), List.copyOf(o.suppressions));
            }
        }
        outcomes.scanned.addAll(futurePaths);
        return outcomes;
    }

    static <T> T get(Future<T> future) {
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

    /**
     * Everything that can change any file's outcome on its own: a different key discards the whole cache.
     * What other files contribute (the project model) is tracked per file instead, see {@link DeclarationPhase#affected}.
     */
    private static String cacheKey(AnalysisRequest request, LanguageLevel level) {
        List<String> parts = new ArrayList<>();
        parts.add(ToolVersion.current());
        parts.add(ToolVersion.build());
        parts.add(level.name());
        parts.add(request.encoding().name());
        request.rules().stream().map(r -> r.getClass().getName()).sorted().forEach(parts::add);
        parts.add(new java.util.TreeMap<>(request.options().asMap()).toString());
        return AnalysisCache.key(parts);
    }

    private static Set<Path> paths(List<SourceCollector.Input> inputs) {
        Set<Path> all = new java.util.HashSet<>();
        inputs.forEach(in -> all.add(in.path()));
        return all;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A Java file's outcome: its declaration failure, its cached outcome, or a fresh analysis. */
    private static FileOutcome analyzeJava(JavaFile f, Charset encoding, AnalysisCache cache, Set<Path> affected,
            AtomicInteger reused, JavaFileAnalysis analysis, ParsedTrees trees) {
        if (f.failure() != null) {
            return f.failure();
        }
        if (cache != null && !affected.contains(f.path())) {
            FileOutcome known = cache.lookup(f.path(), f.hash());
            if (known != null) {
                reused.incrementAndGet();
                return known;
            }
        }
        FileOutcome fresh;
        try {
            String source = readAgain(f.path(), encoding);
            fresh = source != null ? analysis.analyze(f.path(), source, trees)
                    : failed(f.path(), "Cannot read the file again: it changed or vanished during the analysis");
        } catch (StackOverflowError e) {
            fresh = failed(f.path(), "The file is nested too deeply to parse");
        } catch (OutOfMemoryError e) {
            fresh = failed(f.path(), "The file is too large to analyse in the available memory");
        } catch (RuntimeException e) {
            fresh = failed(f.path(), "Internal error while analysing the file: " + e);
        }
        if (cache != null) {
            cache.store(f.path(), f.hash(), f.declared(), fresh);
        }
        return fresh;
    }

    private static String readAgain(Path file, Charset encoding) {
        try {
            return new String(Files.readAllBytes(file), encoding);
        } catch (IOException e) {
            return null;
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

    static FileOutcome failed(Path file, String reason) {
        FileOutcome o = new FileOutcome();
        o.errors.add(new ProcessingError(file, 0, 0, reason));
        return o;
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(null, runnable, "dbcheck-worker-" + count.incrementAndGet(), WORKER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

}
