package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.dbcheck.classpath.ClassPathIndex;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ProjectContext;
import dev.dbcheck.rule.ProjectRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.rule.SuppressionContext;
import dev.dbcheck.suppress.Suppression;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.suppress.Suppressions;
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
            RelevanceFilter.Selection selection = select(rules.java(), javaInputs, dependencyInputs, request,
                    cache, !classPathChange.any(), library, pool);
            times.end("relevance filter");
            Set<Path> needed = selection == null ? null : selection.needed();
            Set<Path> relevant = selection == null ? null : selection.relevant();
            // The files the rules will analyse are parsed in full now when all their trees fit in the tree cache:
            // each is then parsed once. Otherwise their declarations come from the cut parse, like the others'.
            Set<Path> analysed = relevant != null ? relevant : paths(javaInputs);
            Set<Path> parseInFull = fitTogether(analysed, trees) ? analysed : Set.of();
            List<JavaFile> javaFiles = declareAll(javaInputs, needed, parseInFull, request, cache, trees, pool);
            // Files of modules this one depends on: declarations for the model only, never analysed.
            List<JavaFile> dependencyFiles = declareAll(dependencyInputs, needed, Set.of(), request, cache, trees,
                    pool);
            times.end("declarations");
            // Phase 3: the project model, then (lazily, memoised) the method summaries over it.
            JavaFileAnalysis javaAnalysis = projectModel(javaFiles, dependencyFiles, rules, request, cache, trees,
                    selection == null ? Map.of() : selection.effectScopes(), library,
                    javaInputs.stream().map(SourceCollector.Input::path).toList());
            Set<Path> affected = cache == null ? Set.of()
                    : affected(concat(javaFiles, dependencyFiles), cache, javaAnalysis.model(), classPathChange);
            times.end("model");
            // Phase 4 (parallel): each file a rule can use parsed in full and analysed, unless its cached outcome
            // can be reused.
            Outcomes outcomes = analyseFiles(javaFiles, relevant, resourceInputs, rules, request, cache, affected,
                    javaAnalysis, trees, pool);
            times.end("rules");
            javaAnalysis.entryPoints().stats().ifPresent(s -> request.debugLog().accept("dbcheck: entry points: " + s));
            request.debugLog().accept("dbcheck: " + trees.fullParses() + " full parses, " + trees.cutParses()
                    + " cut parses" + (parseInFull.isEmpty() ? "" : " (the analysed files parsed in full at once)"));
            // Phase 5: project rules, over the facts of every file.
            outcomes.facts.sort(Comparator.comparing((Fact f) -> f.file().toString()).thenComparingInt(Fact::line)
                    .thenComparingInt(Fact::column).thenComparing(Fact::ruleId).thenComparing(Fact::kind));
            for (ProjectRule rule : rules.project()) {
                runProjectRule(rule, outcomes.facts, request, outcomes.findings, outcomes.errors);
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
            return result(request, outcomes, javaInputs.size(), resourceInputs.size());
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
                + " library types read from it, " + classPath.absent().size() + " names looked up in vain");
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

    /** What the per-file phase produced, gathered in input order. */
    private static final class Outcomes {
        final List<Finding> findings = new ArrayList<>();
        final List<ProcessingError> errors = new ArrayList<>();
        final List<Fact> facts = new ArrayList<>();
        final Map<Path, List<Suppression>> suppressions = new HashMap<>();
        final Set<Path> scanned = new java.util.LinkedHashSet<>();
        final AtomicInteger reused = new AtomicInteger();
    }

    /**
     * Phase 2: each needed file's declarations (from the cache, or a cheap parse; from a full parse, whose tree
     * is kept for the rules, for the files of {@code parseInFull}), in parallel.
     */
    private static List<JavaFile> declareAll(List<SourceCollector.Input> inputs, Set<Path> needed,
            Set<Path> parseInFull, AnalysisRequest request, AnalysisCache cache, ParsedTrees trees,
            ExecutorService pool) {
        List<Future<JavaFile>> declared = new ArrayList<>();
        for (SourceCollector.Input in : inputs) {
            if (needed == null || needed.contains(in.path())) {
                boolean keepTree = parseInFull.contains(in.path());
                declared.add(pool.submit(() -> declare(in.path(), request.encoding(), cache, trees, keepTree)));
            }
        }
        List<JavaFile> files = new ArrayList<>();
        for (Future<JavaFile> f : declared) {
            files.add(get(f));
        }
        return files;
    }

    /** Phase 3: the project model over the module's files and its dependencies', and the analysis on top. */
    private static JavaFileAnalysis projectModel(List<JavaFile> javaFiles, List<JavaFile> dependencyFiles,
            RuleSet rules, AnalysisRequest request, AnalysisCache cache, ParsedTrees trees,
            Map<Object, Set<Path>> effectScopes, LibraryTypes library, List<Path> projectFiles) {
        Map<Path, FileDeclarations> declarations = new HashMap<>();
        for (JavaFile f : javaFiles) {
            if (f.declarations() != null) {
                declarations.put(f.path(), f.declarations());
            }
        }
        Set<Path> dependencyPaths = new java.util.HashSet<>();
        for (JavaFile f : dependencyFiles) {
            if (f.declarations() != null && !declarations.containsKey(f.path())) {
                declarations.put(f.path(), f.declarations());
                dependencyPaths.add(f.path());
                if (cache != null) {
                    // Kept so that a warm run builds the model without parsing the dependency either.
                    cache.storeDeclarations(f.path(), f.hash(), f.declarations());
                }
            }
        }
        ProjectModel model = ProjectModel.build(declarations, dependencyPaths, library);
        trees.restrictTo(declarations.keySet());
        // With the relevance filter, a summary analysis whose effects need certain files is not computed (and no
        // tree is parsed for it) in files that cannot reach them.
        MethodSummaries summaries = new MethodSummaries(model, trees, (analysis, file) -> {
            Set<Path> scope = effectScopes.get(analysis);
            return scope == null || scope.contains(file);
        });
        EntryPoints entryPoints = new EntryPoints(summaries, trees,
                () -> EntryPointText.anyDeclares(projectFiles, request.encoding()));
        return new JavaFileAnalysis(JavaHooks.of(rules.java()), model, summaries, entryPoints, request.options());
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
                    cache.storeDeclarations(f.path(), f.hash(), f.declarations());
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

    /** Phase 6: suppressions applied and judged, severity overrides, and the stable order of every list. */
    private static AnalysisResult result(AnalysisRequest request, Outcomes outcomes, int javaCount,
            int resourceCount) {
        List<Finding> findings = outcomes.findings;
        suppressionsOfOtherFiles(findings, new java.util.HashSet<>(outcomes.scanned), request,
                outcomes.suppressions);
        Set<String> known = new java.util.HashSet<>(RuleRegistry.ids());
        request.rules().forEach(r -> known.add(r.id()));
        Suppressions.Applied applied = Suppressions.apply(findings, outcomes.suppressions);
        List<Finding> reported = SuppressionContext.runAll(request.rules(), applied, known);
        Map<String, Severity> defaults = new HashMap<>();
        request.rules().forEach(r -> defaults.put(r.id(), r.metadata().defaultSeverity()));
        List<Finding> adjusted = applySeverities(reported, request.severityOverrides(), defaults);
        adjusted.sort(Finding.ORDER);
        List<dev.dbcheck.suppress.SuppressedFinding> suppressed = applied.suppressed().stream()
                .map(s -> {
                    Severity sev = atDefault(s.finding(), defaults)
                            ? request.severityOverrides().get(s.finding().ruleId()) : null;
                    return sev == null ? s : new dev.dbcheck.suppress.SuppressedFinding(
                            s.finding().withSeverity(sev), s.kind(), s.justification());
                }).toList();
        List<ProcessingError> errors = outcomes.errors;
        errors.sort(ProcessingError.ORDER);
        List<RuleMetadata> metadata = request.rules().stream().map(Rule::metadata)
                .sorted(Comparator.comparing(RuleMetadata::id)).toList();
        return new AnalysisResult(request.baseDir().toAbsolutePath().normalize(), metadata, adjusted, errors,
                javaCount, resourceCount, suppressed, null);
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

    private static <T> T get(Future<T> future) {
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

    /**
     * The Java files (of this module and of its dependencies) that the relevance filter keeps, or null when every
     * file is analysed: the filter is off, or an enabled rule cannot say what it needs ({@link Relevance#ALWAYS}).
     */
    private static RelevanceFilter.Selection select(List<JavaRule> javaRules, List<SourceCollector.Input> javaInputs,
            List<SourceCollector.Input> dependencyInputs, AnalysisRequest request, AnalysisCache cache,
            boolean reuseSelection, LibraryTypes library, ExecutorService pool) {
        if (!request.relevanceFilter()) {
            return null;
        }
        Relevance relevance = Relevance.NONE;
        for (JavaRule rule : javaRules) {
            relevance = relevance.or(rule.relevance());
        }
        if (relevance.always()) {
            return null;
        }
        List<Path> all = new ArrayList<>();
        javaInputs.forEach(in -> all.add(in.path()));
        dependencyInputs.forEach(in -> all.add(in.path()));
        Map<Object, Relevance> effectScopes = new HashMap<>();
        for (JavaRule rule : javaRules) {
            rule.summaryRelevance().forEach((analysis, r) -> effectScopes.merge(analysis, r, Relevance::or));
        }
        // A warm run whose files are all as they were (and no file was added) reuses the last selection: it is a
        // function of the files' contents and the rules, and scanning every file is most of such a run's time.
        Map<String, String> hashes = cache == null ? null : hashes(all, cache, pool);
        // (Not when the class path changed: a file can be a seed through a class-path type.)
        AnalysisCache.StoredSelection known = cache == null || !reuseSelection ? null
                : cache.unchangedSelection(hashes);
        RelevanceFilter.Selection selection = known != null ? fromStored(known, all, effectScopes.keySet(), cache)
                : new RelevanceFilter(relevance, effectScopes, request.encoding(), library).select(all, pool);
        if (cache != null) {
            cache.storeSelection(known != null ? known : toStored(selection, hashes, cache));
        }
        request.debugLog().accept("dbcheck: " + selection.relevant().size() + " of " + selection.scanned()
                + " Java files can hold a finding and are analysed, " + selection.needed().size()
                + " are read for the model (relevance filter"
                + (known != null ? "; no file changed, so the last run's selection" : "") + ")");
        return selection;
    }

    /** Every file's content hash by its cache key, read in parallel; an unreadable file hashes as such. */
    private static Map<String, String> hashes(List<Path> files, AnalysisCache cache, ExecutorService pool) {
        List<Future<String>> futures = new ArrayList<>();
        for (Path f : files) {
            futures.add(pool.submit(() -> {
                try {
                    return AnalysisCache.hash(Files.readAllBytes(f));
                } catch (IOException | OutOfMemoryError e) {
                    return "unreadable";
                }
            }));
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            out.put(cache.keyOf(files.get(i)), get(futures.get(i)));
        }
        return out;
    }

    private static AnalysisCache.StoredSelection toStored(RelevanceFilter.Selection selection,
            Map<String, String> hashes, AnalysisCache cache) {
        AnalysisCache.StoredSelection s = new AnalysisCache.StoredSelection();
        s.hashes = hashes;
        s.needed = keys(selection.needed(), cache);
        s.relevant = keys(selection.relevant(), cache);
        s.effectScopes = new java.util.TreeMap<>();
        selection.effectScopes().forEach((analysis, files) -> s.effectScopes.put(analysis.getClass().getName(),
                keys(files, cache)));
        return s;
    }

    private static List<String> keys(Set<Path> files, AnalysisCache cache) {
        return files.stream().map(cache::keyOf).sorted().toList();
    }

    private static RelevanceFilter.Selection fromStored(AnalysisCache.StoredSelection s, List<Path> all,
            Set<Object> analyses, AnalysisCache cache) {
        Map<String, Path> byKey = new HashMap<>();
        all.forEach(f -> byKey.put(cache.keyOf(f), f));
        java.util.function.Function<List<String>, Set<Path>> paths = keys -> {
            Set<Path> out = new java.util.HashSet<>();
            keys.forEach(k -> out.add(byKey.get(k)));
            return out;
        };
        Map<Object, Set<Path>> scopes = new HashMap<>();
        for (Object analysis : analyses) {
            scopes.put(analysis, paths.apply(s.effectScopes.getOrDefault(analysis.getClass().getName(), List.of())));
        }
        return new RelevanceFilter.Selection(paths.apply(s.needed), paths.apply(s.relevant), scopes, all.size());
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
     * What other files contribute (the project model) is tracked per file instead, see {@link #affected}.
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

    /** A Java file after phase 1: its content hash, and its declarations or the outcome of a failed read or parse. */
    private record JavaFile(Path path, String hash, FileDeclarations declarations, FileOutcome failure) {}

    /** Whether the trees of these files fit in the tree cache together (sizes in bytes). */
    private static boolean fitTogether(Set<Path> files, ParsedTrees trees) {
        long chars = 0;
        for (Path file : files) {
            try {
                chars += Files.size(file);
            } catch (IOException e) {
                // Reported when the file is read; it counts for nothing here.
            }
            if (chars > trees.budgetChars()) {
                return false;
            }
        }
        return true;
    }

    private static Set<Path> paths(List<SourceCollector.Input> inputs) {
        Set<Path> all = new java.util.HashSet<>();
        inputs.forEach(in -> all.add(in.path()));
        return all;
    }

    /** @param keepTree parse the file in full and keep its tree for the rules */
    private static JavaFile declare(Path file, Charset encoding, AnalysisCache cache, ParsedTrees trees,
            boolean keepTree) {
        // A warm run's selection hashed every file already: with declarations cached for that content, the file
        // is not read again.
        String read = cache == null ? null : cache.hashReadThisRun(file);
        FileDeclarations cached = read == null ? null : cache.declarations(file, read);
        if (cached != null) {
            return new JavaFile(file, read, cached, null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return new JavaFile(file, null, null, failed(file, "Cannot read the file: " + e.getMessage()));
        }
        String hash = AnalysisCache.hash(bytes);
        FileDeclarations known = cache == null ? null : cache.declarations(file, hash);
        if (known != null) {
            return new JavaFile(file, hash, known, null);
        }
        try {
            JavaFileAnalysis.Declared d = JavaFileAnalysis.declare(file, new String(bytes, encoding), trees,
                    keepTree);
            return new JavaFile(file, hash, d.declarations(), d.failure());
        } catch (StackOverflowError e) {
            return new JavaFile(file, hash, null, failed(file, "The file is nested too deeply to parse"));
        } catch (OutOfMemoryError e) {
            return new JavaFile(file, hash, null,
                    failed(file, "The file is too large to analyse in the available memory"));
        } catch (RuntimeException e) {
            return new JavaFile(file, hash, null, failed(file, "Internal error while analysing the file: " + e));
        }
    }

    /**
     * The Java files whose cached outcome cannot be reused: those that changed, were added or lost their entry,
     * and every file the model says a change can reach (callers of an edited wrapper, subclasses of an edited
     * base class, files where a new type's name now resolves), see {@link ProjectModel#affectedBy}.
     */
    private static Set<Path> affected(List<JavaFile> files, AnalysisCache cache, ProjectModel model,
            ClassPathCache.Change classPath) {
        if (classPath.all()) {
            Set<Path> all = new java.util.HashSet<>();
            files.forEach(f -> all.add(f.path()));
            return all;
        }
        Set<Path> changed = new java.util.HashSet<>();
        // The simple names of the library types a changed jar held: the files that name them are analysed again.
        Set<String> names = new java.util.HashSet<>(classPath.names());
        Set<String> current = new java.util.HashSet<>();
        for (JavaFile f : files) {
            current.add(cache.keyOf(f.path()));
            if (f.declarations() == null || cache.declarations(f.path(), f.hash()) == null) {
                changed.add(f.path());
                addTypeNames(cache.previousDeclarations(cache.keyOf(f.path())), names);
                addTypeNames(f.declarations(), names);
            }
        }
        for (String old : cache.previousFiles()) {
            if (!current.contains(old)) {
                addTypeNames(cache.previousDeclarations(old), names);
            }
        }
        return changed.isEmpty() && names.isEmpty() ? Set.of() : model.affectedBy(changed, names);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void addTypeNames(FileDeclarations d, Set<String> names) {
        if (d != null) {
            d.types().forEach(t -> names.add(t.simpleName()));
        }
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
            cache.store(f.path(), f.hash(), f.declarations(), fresh);
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
                report(file, line, column, endLine, endColumn, rule.metadata().defaultSeverity(), message,
                        Details.NONE);
            }

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn, Severity severity,
                    String message, Details details) {
                findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message, file, line, column,
                        endLine, endColumn, details));
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
            report(line, column, endLine, endColumn, severity, message, Details.NONE);
        }

        @Override
        public void report(int line, int column, int endLine, int endColumn, Severity severity, String message,
                Details details) {
            outcome.findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message, file.path(),
                    Math.max(1, line), Math.max(1, column), endLine, endColumn, details));
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
