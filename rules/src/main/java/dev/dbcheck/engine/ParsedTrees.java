package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import dev.dbcheck.flow.CallSitesIndex;
import dev.dbcheck.model.SourceTrees;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.types.TypeResolver;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Full parse trees of the files the rules analyse. A file the rules will visit is parsed in full once, in the
 * declarations phase, and its tree is <em>held</em> until the rules take it (up to a budget); the method
 * summaries, which read other files' bodies, take trees from here too, or parse a file and keep its tree in a
 * least-recently-used cache, from which the rules take it when they come to that file.
 *
 * <p>Budgets are in measured heap, not source size: a kept tree drops JavaParser's token list (each node keeps
 * its range, every position the rules report; nothing of dbcheck reads tokens), which takes a tree from about
 * 70 to about 30 bytes per source character, and is counted at {@link #BYTES_PER_NODE} bytes per node (measured
 * on application trees: 259 to 264, nearly constant where bytes per character vary by a third). Thread-safe;
 * two threads that miss the same file may both parse it, and either result serves.
 */
final class ParsedTrees implements SourceTrees {

    /** A successful parse, the text it came from (suppression comments are read from the text), its node count. */
    record Parsed(CompilationUnit cu, String source, int nodes) {
        long bytes() {
            return (long) nodes * BYTES_PER_NODE;
        }
    }

    /** Heap a kept tree (tokens dropped) takes per node, measured on ruoyi-vue-pro and fineract sources. */
    static final long BYTES_PER_NODE = 260;

    private final Charset encoding;
    private final ThreadLocal<JavaParser> parsers;
    private final long cacheBudget;
    private final long holdBudget;
    /** Trees parsed for summaries or already visited by the rules, least recently used first. */
    private final Map<Path, Parsed> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long keptBytes;
    /** Trees of files the rules have yet to visit, parsed in the declarations phase. */
    private final Map<Path, Parsed> held = new HashMap<>();
    private long heldBytes;
    private final AtomicInteger fullParses = new AtomicInteger();
    private final AtomicInteger cutParses = new AtomicInteger();
    private final AtomicInteger heldTrees = new AtomicInteger();
    private volatile Set<Path> known = Set.of();

    /**
     * Holds trees for the rules up to a quarter of the maximum heap, and caches trees in what is left of
     * three-eighths after the held ones (an eighth while all are held, more as the rules take them).
     */
    ParsedTrees(Charset encoding, ThreadLocal<JavaParser> parsers) {
        this(encoding, parsers, Runtime.getRuntime().maxMemory() / 8, Runtime.getRuntime().maxMemory() / 4);
    }

    ParsedTrees(Charset encoding, ThreadLocal<JavaParser> parsers, long cacheBudget, long holdBudget) {
        this.encoding = encoding;
        this.parsers = parsers;
        this.cacheBudget = cacheBudget;
        this.holdBudget = holdBudget;
    }

    /** How many full parses this analysis made (the debug log: a file parsed more than once costs time). */
    int fullParses() {
        return fullParses.get();
    }

    /** How many cut texts ({@link DeclarationText}) this analysis parsed. */
    int cutParses() {
        return cutParses.get();
    }

    /** How many trees the declarations phase held for the rules. */
    int heldTrees() {
        return heldTrees.get();
    }

    /** Parses a file's {@link DeclarationText}; nothing is kept. */
    ParseResult<CompilationUnit> parseCut(String cutText) {
        cutParses.incrementAndGet();
        return ParserConfigurations.parse(parsers.get(), cutText);
    }

    /** Parses {@code source} in full without keeping the tree (a cut text that did not parse). */
    ParseResult<CompilationUnit> parseUnkept(String source) {
        fullParses.incrementAndGet();
        return ParserConfigurations.parse(parsers.get(), source);
    }

    /** Whether a tree parsed now for the rules can be held until they visit its file. */
    boolean roomToHold() {
        synchronized (kept) {
            return heldBytes < holdBudget;
        }
    }

    /**
     * Parses {@code source} in full and holds the tree for the rules' visit of {@code file}; returns the parse
     * result for error reporting.
     */
    ParseResult<CompilationUnit> parseAndHold(Path file, String source) {
        ParseResult<CompilationUnit> result = parseFull(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            Parsed parsed = kept(result.getResult().get(), source);
            synchronized (kept) {
                Parsed old = held.put(file, parsed);
                heldBytes += parsed.bytes() - (old == null ? 0 : old.bytes());
            }
            heldTrees.incrementAndGet();
        }
        return result;
    }

    /**
     * The file's tree for the rules: the held or cached one, or a parse of {@code source}, cached; returns the
     * parse result for error reporting.
     */
    ParseResult<CompilationUnit> parseOrKept(Path file, String source) {
        Parsed p;
        synchronized (kept) {
            p = held.remove(file);
            if (p != null) {
                heldBytes -= p.bytes();
                keep(file, p);
            } else {
                p = kept.get(file);
            }
        }
        if (p != null && p.source().equals(source)) {
            return new ParseResult<>(p.cu(), List.of(), null);
        }
        return parse(file, source);
    }

    /** Only files of the model are parsed for summaries; others give nothing. */
    void restrictTo(Set<Path> files) {
        known = files;
    }

    @Override
    public Optional<CompilationUnit> tree(Path file) {
        if (!known.contains(file)) {
            return Optional.empty();
        }
        Parsed p;
        synchronized (kept) {
            p = held.get(file);
            if (p == null) {
                p = kept.get(file);
            }
        }
        if (p != null) {
            return Optional.of(p.cu());
        }
        try {
            ParseResult<CompilationUnit> result = parse(file, new String(Files.readAllBytes(file), encoding));
            return result.isSuccessful() ? result.getResult() : Optional.empty();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Parses {@code source} in full and caches the tree; returns the parse result for error reporting. */
    private ParseResult<CompilationUnit> parse(Path file, String source) {
        ParseResult<CompilationUnit> result = parseFull(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            Parsed parsed = kept(result.getResult().get(), source);
            synchronized (kept) {
                keep(file, parsed);
            }
        }
        return result;
    }

    private ParseResult<CompilationUnit> parseFull(String source) {
        fullParses.incrementAndGet();
        return ParserConfigurations.parse(parsers.get(), source);
    }

    /** Caller holds the lock on {@code kept}. */
    private void keep(Path file, Parsed parsed) {
        Parsed old = kept.put(file, parsed);
        keptBytes += parsed.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Parsed> oldest = kept.values().iterator();
        // The held trees and the cache share one budget: as the rules take the held trees, the cache grows.
        while (keptBytes > cacheBudget + holdBudget - heldBytes && oldest.hasNext()) {
            Parsed drop = oldest.next();
            if (drop == parsed) {
                break;
            }
            keptBytes -= drop.bytes();
            oldest.remove();
        }
    }

    /**
     * A tree to keep, without its tokens (see the class comment), with its node count and its type declarations
     * for the resolvers ({@link TypeResolver#TYPE_DECLARATIONS}) and its calls for the call graph
     * ({@link CallSitesIndex#KEY}), all from one walk.
     */
    private static Parsed kept(CompilationUnit cu, String source) {
        int[] nodes = {0};
        List<TypeDeclaration<?>> types = new ArrayList<>();
        CallSitesIndex calls = new CallSitesIndex();
        cu.walk(node -> {
            withoutTokens(node);
            nodes[0]++;
            if (node instanceof TypeDeclaration<?> type) {
                types.add(type);
            }
            calls.add(node);
        });
        // Set before the tree is shared between threads, never changed after.
        cu.setData(TypeResolver.TYPE_DECLARATIONS, List.copyOf(types));
        cu.setData(CallSitesIndex.KEY, calls);
        if (cu.containsData(SuppressionScanner.PARSED_COMMENTS)) {
            // A comment's tokens link to the whole file's token list.
            for (Comment comment : cu.getData(SuppressionScanner.PARSED_COMMENTS).getComments()) {
                withoutTokens(comment);
            }
        }
        return new Parsed(cu, source, nodes[0]);
    }

    private static void withoutTokens(Node node) {
        Range range = node.getRange().orElse(null);
        node.setTokenRange(null);
        if (range != null) {
            node.setRange(range);
        }
    }
}
