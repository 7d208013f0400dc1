package dev.dbcheck.engine;

import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.types.LibraryTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Which Java files an analysis reads (phase 1 of {@link Analyzer}): the relevance filter's selection over every file,
 * or, on a warm run where no file changed, the selection the last run stored in the cache.
 */
final class FileSelection {

    private FileSelection() {}

    /**
     * The Java files (of this module and of its dependencies) that the relevance filter keeps, or null when every
     * file is analysed: the filter is off, or an enabled rule cannot say what it needs ({@link Relevance#ALWAYS}).
     */
    static RelevanceFilter.Selection select(List<JavaRule> javaRules, List<SourceCollector.Input> javaInputs,
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
            out.put(cache.keyOf(files.get(i)), Analyzer.get(futures.get(i)));
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
}
