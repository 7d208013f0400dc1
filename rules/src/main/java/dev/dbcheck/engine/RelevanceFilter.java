package dev.dbcheck.engine;

import dev.dbcheck.engine.RelevanceLexer.Lexed;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.types.LibraryTypes;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, without parsing, which Java files the analysis needs: those the rules analyse, and those whose
 * declarations the model reads for them. The rest are neither parsed nor analysed: in a cold run parsing is
 * nearly all the cost, and most files of a project never touch a data-access API.
 *
 * <p>Each file is scanned once as text ({@link Scan}): every identifier-like word (comments and strings
 * included: more words only keep more files), and, by a small lexer that skips comments and literals, its
 * {@code package}, its dotted names (imports, qualified names), the names it declares after
 * {@code class}/{@code interface}/{@code enum}/{@code record}, and the names in its
 * {@code extends}/{@code implements} clauses. A file is a <b>seed</b> when it writes a vocabulary type's simple
 * name and sees its package (same package, or the package written as a dotted name: an import or a qualified
 * name, which is how {@code model/NameScope} resolves library names), ends a name in a suffix, or holds a
 * fragment, a {@code dbcheck} suppression or a unicode escape the scan cannot read through. Then three
 * closures over "G mentions a simple name that D declares, and can see D's package" (same package,
 * {@code java.lang}, or G writes the last segment of D's package) and "D's type extends or implements a type
 * that S declares" (a call through S's abstract method runs D's; not for {@code java.*} supertypes, which only
 * the JDK declares and the summaries do not follow either):
 * <ol>
 *   <li><b>relevant</b>: seeds, then every file that reaches a relevant one, {@link #DEPTH} steps, and one more
 *       (what runs only at start-up depends on the callers). This is where a finding can be: a caller of a
 *       wrapper sees the wrapper's summary, a subclass inherits a field of a library type, a constant holds the
 *       SQL. The rules analyse these files only;</li>
 *   <li><b>needed</b>: the relevant files and every file they reach by mentions, {@link #DEPTH} steps: the
 *       declarations the model resolves for them (supertypes, fields, method signatures, the bodies that
 *       summaries read);</li>
 *   <li>and every file whose {@code extends}/{@code implements} names a type of a needed file: summaries of an
 *       interface's method read its project implementations.</li>
 * </ol>
 * A file outside the needed set cannot change the model as a relevant file sees it, and a file outside the
 * relevant set has nothing a rule reports on, so their findings are none in a full run too. A file that is not
 * analysed is not parsed in full, so a syntax error in it is not reported: nothing was analysed in it that the
 * error could have hidden.
 *
 * <p>The same closure, from the seeds of a method-summary analysis's own needs
 * ({@code JavaRule.summaryRelevance()}), gives the files where that analysis can have effects
 * ({@link Selection#effectScopes}); summaries elsewhere are empty and are not computed.
 *
 * <p>With the build's class path, a type the tables do not list can extend a vocabulary type (an internal jar's
 * {@code AcmeStore<T>} extends MyBatis-Plus's {@code BaseMapper<T>}): a file is a seed too when it writes, as an
 * import or a qualified name, or by its simple name under an on-demand import, a class-path type that is a
 * subtype of a vocabulary type ({@link LibraryTypes#isSubtype} over the class files). Only such names are looked
 * up, once each. (A class-path type of the file's own package, written by its simple name alone, is not seen: a
 * split package between the project and a jar.)
 *
 * <p>Why text and not parsing for the model's needs: which files the model reads for a relevant file is known
 * from names alone, and scanning text costs a few percent of parsing it.
 */
final class RelevanceFilter {

    /**
     * The result: the files the model reads ({@code needed}), those of them the rules analyse ({@code relevant}),
     * and how many files were scanned.
     */
    record Selection(Set<Path> needed, Set<Path> relevant, Map<Object, Set<Path>> effectScopes, int scanned) {}

    /**
     * How far a file's analysis reads other files through the model: the depth the model itself promises to
     * the incremental cache ({@link ProjectModel#DEPENDENCY_DEPTH}: wrapper summaries and supertype chains).
     */
    static final int DEPTH = ProjectModel.DEPENDENCY_DEPTH;

    private final RelevanceSeeds relevance;
    /** Names looked up on the class path, shared by every {@link RelevanceSeeds}; null without a class path. */
    private final RelevanceSeeds.ClassPathNames classPathNames;
    /** Keys (method-summary analyses) and what their effects need, in a fixed order: a scan's scope seeds. */
    private final List<Object> scopeKeys = new ArrayList<>();
    private final List<RelevanceSeeds> scopeSeeds = new ArrayList<>();
    private final Charset encoding;
    private final Map<String, Integer> dictionary = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    RelevanceFilter(Relevance relevance, Charset encoding) {
        this(relevance, Map.of(), encoding, LibraryTypes.get());
    }

    /**
     * @param effectScopes for some keys (method-summary analyses), what a file must contain for their library
     *     effects: {@link Selection#effectScopes} gives, per key, the files that can reach such a file
     */
    RelevanceFilter(Relevance relevance, Map<?, Relevance> effectScopes, Charset encoding, LibraryTypes library) {
        this.relevance = new RelevanceSeeds(relevance, library);
        this.classPathNames = library.classPath().isEmpty() ? null : new RelevanceSeeds.ClassPathNames(library);
        this.encoding = encoding;
        effectScopes.forEach((key, r) -> {
            scopeKeys.add(key);
            scopeSeeds.add(new RelevanceSeeds(r, library));
        });
    }

    /** A file's words as sorted ids, and what the lexer found. */
    record Scan(Path path, String packageName, int[] words, int[] declared, int[] supertypes, int packageSegment,
            boolean seed, boolean[] scopeSeeds, boolean[] scopeCalls) {

        boolean mentions(int word) {
            return Arrays.binarySearch(words, word) >= 0;
        }

        boolean extendsName(int word) {
            return Arrays.binarySearch(supertypes, word) >= 0;
        }
    }

    Selection select(List<Path> files, ExecutorService pool) {
        List<Future<Scan>> futures = new ArrayList<>();
        for (Path f : files) {
            futures.add(pool.submit(() -> scan(f)));
        }
        List<Scan> scans = new ArrayList<>();
        for (Future<Scan> f : futures) {
            try {
                scans.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("analysis interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("relevance scan failed: " + e.getCause(), e.getCause());
            }
        }
        return close(scans);
    }

    private Selection close(List<Scan> scans) {
        int n = scans.size();
        Map<Integer, List<Integer>> declaredBy = new HashMap<>();
        Map<Integer, List<Integer>> mentionedBy = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int name : scans.get(i).declared()) {
                declaredBy.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int w : scans.get(i).words()) {
                if (declaredBy.containsKey(w)) {
                    mentionedBy.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
                }
            }
        }
        // 1. Relevant: seeds, then whoever mentions a type of a relevant file, DEPTH steps (one more for the
        // direct callers of the last step: what runs only at start-up depends on the callers).
        BitSet seeds = new BitSet(n);
        for (int i = 0; i < n; i++) {
            seeds.set(i, scans.get(i).seed());
        }
        BitSet withinDepth = reach(seeds, DEPTH, scans, declaredBy, mentionedBy);
        BitSet relevant = reach(withinDepth, 1, scans, declaredBy, mentionedBy);
        // 2. Needed: what the relevant files reach by mentions, DEPTH steps: the declarations and bodies the
        // model reads for them. 3. The project subtypes of a needed type (an interface's implementations).
        BitSet needed = (BitSet) relevant.clone();
        breadthFirst(needed, withinDepth, DEPTH, (i, to) -> {
            Scan f = scans.get(i);
            for (int w : f.words()) {
                for (int d : declaredBy.getOrDefault(w, List.of())) {
                    if (sees(f, scans.get(d))) {
                        to.accept(d);
                    }
                }
            }
        });
        BitSet subtypes = new BitSet(n);
        needed.stream().forEach(i -> {
            Scan f = scans.get(i);
            for (int name : f.declared()) {
                for (int g : mentionedBy.getOrDefault(name, List.of())) {
                    Scan sub = scans.get(g);
                    if (!needed.get(g) && sub.extendsName(name) && sees(sub, f)) {
                        subtypes.set(g);
                    }
                }
            }
        });
        needed.or(subtypes);
        Set<Path> paths = new HashSet<>();
        needed.stream().forEach(i -> paths.add(scans.get(i).path()));
        Set<Path> relevantPaths = new HashSet<>();
        relevant.stream().forEach(i -> relevantPaths.add(scans.get(i).path()));
        // 4. Per method-summary analysis: the files that can have its effects themselves (they reach its types and
        // write one of its calls), and the files that reach those, as the relevant ones reach the rules' seeds.
        Map<Object, Set<Path>> scopes = new HashMap<>();
        for (int k = 0; k < scopeKeys.size(); k++) {
            BitSet typeSeeds = new BitSet(n);
            BitSet callers = new BitSet(n);
            for (int i = 0; i < n; i++) {
                typeSeeds.set(i, scans.get(i).scopeSeeds()[k]);
                callers.set(i, scans.get(i).scopeCalls()[k]);
            }
            BitSet effects = reach(typeSeeds, DEPTH, scans, declaredBy, mentionedBy);
            effects.and(callers);
            Set<Path> scope = new HashSet<>();
            reach(effects, DEPTH, scans, declaredBy, mentionedBy).stream()
                    .forEach(i -> scope.add(scans.get(i).path()));
            scopes.put(scopeKeys.get(k), scope);
        }
        return new Selection(paths, relevantPaths, scopes, n);
    }

    /**
     * {@code from}, then, {@code steps} times, every file that mentions (and can see) a type declared in a file
     * reached so far, and every file that declares a type that a reached file's types extend or implement (a
     * call through an interface runs its implementations, see {@code MethodSummaries}; not through a
     * {@code java.*} type, as there).
     */
    private static BitSet reach(BitSet from, int steps, List<Scan> scans, Map<Integer, List<Integer>> declaredBy,
            Map<Integer, List<Integer>> mentionedBy) {
        BitSet reached = (BitSet) from.clone();
        breadthFirst(reached, from, steps, (d, to) -> {
            Scan declaring = scans.get(d);
            for (int name : declaring.declared()) {
                for (int g : mentionedBy.getOrDefault(name, List.of())) {
                    if (sees(scans.get(g), declaring)) {
                        to.accept(g);
                    }
                }
            }
            for (int name : declaring.supertypes()) {
                for (int s : declaredBy.getOrDefault(name, List.of())) {
                    if (sees(declaring, scans.get(s))
                            && !MethodSummaries.isPlatformType(scans.get(s).packageName() + ".")) {
                        to.accept(s);
                    }
                }
            }
        });
        return reached;
    }

    /** The files one step from a file: each is handed to {@code to}. */
    private interface Edges {
        void from(int file, java.util.function.IntConsumer to);
    }

    /**
     * Adds to {@code reached}, level by level for {@code steps} steps, the files one edge away from the last
     * level, starting from {@code from}.
     */
    private static void breadthFirst(BitSet reached, BitSet from, int steps, Edges edges) {
        List<Integer> level = new ArrayList<>();
        from.stream().forEach(level::add);
        for (int step = 0; step < steps && !level.isEmpty(); step++) {
            List<Integer> next = new ArrayList<>();
            for (int file : level) {
                edges.from(file, to -> {
                    if (!reached.get(to)) {
                        reached.set(to);
                        next.add(to);
                    }
                });
            }
            level = next;
        }
    }

    /** Whether names written in {@code g} can resolve to types of {@code d} (see {@code model/NameScope}). */
    private static boolean sees(Scan g, Scan d) {
        return d.packageName().equals(g.packageName()) || d.packageName().equals("java.lang")
                || d.packageSegment() >= 0 && g.mentions(d.packageSegment());
    }

    private int id(String word) {
        return dictionary.computeIfAbsent(word, k -> nextId.getAndIncrement());
    }

    /** An unreadable file is kept: the analysis reports why it cannot read it. */
    Scan scan(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), encoding);
        } catch (IOException | OutOfMemoryError e) {
            boolean[] all = new boolean[scopeSeeds.size()];
            Arrays.fill(all, true);
            return new Scan(file, "", new int[0], new int[0], new int[0], -1, true, all, all);
        }
        if (text.contains("\\u")) {
            text = JavaText.unicodeEscapesTranslated(text);
        }
        Lexed lexed = RelevanceLexer.lex(text);
        // Whether the lower-cased text contains a fragment: lower-cased only if a seed set asks, and each fragment
        // searched once for all seed sets (each asks for "dbcheck").
        String source = text;
        Map<String, Boolean> contained = new HashMap<>();
        String[] lower = new String[1];
        java.util.function.Predicate<String> contains = fragment -> contained.computeIfAbsent(fragment, f -> {
            if (lower[0] == null) {
                lower[0] = source.toLowerCase(Locale.ROOT);
            }
            return lower[0].contains(f);
        });
        // The class-path names of the file: looked up once for all seeds, and only if one of them asks.
        List<List<String>> written = new ArrayList<>(1);
        java.util.function.Supplier<List<String>> classPathTypes = () -> {
            if (written.isEmpty()) {
                written.add(classPathNames == null ? List.of() : classPathNames.written(lexed));
            }
            return written.get(0);
        };
        boolean seed = relevance.test(lexed, contains, classPathTypes);
        boolean[] scoped = new boolean[scopeSeeds.size()];
        boolean[] calls = new boolean[scopeSeeds.size()];
        for (int k = 0; k < scoped.length; k++) {
            scoped[k] = scopeSeeds.get(k).test(lexed, contains, classPathTypes);
            calls[k] = scopeSeeds.get(k).writesCall(lexed);
        }
        int[] ids = lexed.identifiers().stream().mapToInt(this::id).sorted().toArray();
        int[] declared = lexed.declared().stream().mapToInt(this::id).sorted().toArray();
        int[] supertypes = lexed.supertypes().stream().mapToInt(this::id).sorted().toArray();
        String pkg = lexed.packageName();
        int segment = pkg.isEmpty() ? -1 : id(pkg.substring(pkg.lastIndexOf('.') + 1));
        return new Scan(file, pkg, ids, declared, supertypes, segment, seed, scoped, calls);
    }
}
