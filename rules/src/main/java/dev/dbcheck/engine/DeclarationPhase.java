package dev.dbcheck.engine;

import dev.dbcheck.model.FileDeclarations;
import dev.dbcheck.model.ProjectModel;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Phase 2 of an analysis ({@link Analyzer}): the declarations of every file the model needs, from the cache or a
 * parse, in parallel; and, once the model is built, which cached outcomes the model makes stale.
 */
final class DeclarationPhase {

    private DeclarationPhase() {}

    /**
     * Phase 2: each needed file's declarations (from the cache, or a cheap parse; for the files of
     * {@code analysed}, from a full parse whose tree is held for the rules while there is room), in parallel.
     */
    static List<JavaFile> declareAll(List<SourceCollector.Input> inputs, Set<Path> needed,
            Set<Path> analysed, AnalysisRequest request, AnalysisCache cache, ParsedTrees trees,
            ExecutorService pool) {
        List<Future<JavaFile>> declared = new ArrayList<>();
        for (SourceCollector.Input in : inputs) {
            if (needed == null || needed.contains(in.path())) {
                boolean forRules = analysed.contains(in.path());
                declared.add(pool.submit(() -> declare(in.path(), request.encoding(), cache, trees, forRules)));
            }
        }
        List<JavaFile> files = new ArrayList<>();
        for (Future<JavaFile> f : declared) {
            files.add(Analyzer.get(f));
        }
        return files;
    }

    /** @param forRules the rules will visit the file: parse it in full and hold its tree for them, if there is room */
    private static JavaFile declare(Path file, Charset encoding, AnalysisCache cache, ParsedTrees trees,
            boolean forRules) {
        // A warm run's selection hashed every file already: with declarations cached for that content, the file
        // is not read again.
        String read = cache == null ? null : cache.hashReadThisRun(file);
        Supplier<FileDeclarations> cached = read == null ? null
                : cache.declarations(file, read, () -> declareAgain(file, encoding, trees));
        if (cached != null) {
            return new JavaFile(file, read, cached, null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return JavaFile.parsed(file, null, null, Analyzer.failed(file, "Cannot read the file: " + e.getMessage()));
        }
        String hash = AnalysisCache.hash(bytes);
        Supplier<FileDeclarations> known = cache == null ? null
                : cache.declarations(file, hash, () -> declareAgain(file, encoding, trees));
        if (known != null) {
            return new JavaFile(file, hash, known, null);
        }
        try {
            JavaFileAnalysis.Declared d = JavaFileAnalysis.declare(file, new String(bytes, encoding), trees,
                    forRules);
            return JavaFile.parsed(file, hash, d.declarations(), d.failure());
        } catch (StackOverflowError e) {
            return JavaFile.parsed(file, hash, null, Analyzer.failed(file, "The file is nested too deeply to parse"));
        } catch (OutOfMemoryError e) {
            return JavaFile.parsed(file, hash, null,
                    Analyzer.failed(file, "The file is too large to analyse in the available memory"));
        } catch (RuntimeException e) {
            return JavaFile.parsed(file, hash, null, Analyzer.failed(file, "Internal error while analysing the file: " + e));
        }
    }

    /**
     * A file's declarations from a parse, when the cache's copy cannot be read (a damaged cache file): the cache is
     * never a reason for a wrong model. A file that cannot be read or parsed now declares nothing.
     */
    private static FileDeclarations declareAgain(Path file, Charset encoding, ParsedTrees trees) {
        JavaFile again = declare(file, encoding, null, trees, false);
        return again.declarations();
    }

    /**
     * The Java files whose cached outcome cannot be reused: those that changed, were added or lost their entry,
     * and every file the model says a change can reach (callers of an edited wrapper, subclasses of an edited
     * base class, files where a new type's name now resolves), see {@link ProjectModel#affectedBy}.
     */
    static Set<Path> affected(List<JavaFile> files, AnalysisCache cache,
            java.util.function.Supplier<ProjectModel> model, ClassPathCache.Change classPath) {
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
            if (!f.hasDeclarations() || !cache.hasDeclarations(f.path(), f.hash())) {
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
        return changed.isEmpty() && names.isEmpty() ? Set.of() : model.get().affectedBy(changed, names);
    }

    private static void addTypeNames(FileDeclarations d, Set<String> names) {
        if (d != null) {
            d.types().forEach(t -> names.add(t.simpleName()));
        }
    }
}
