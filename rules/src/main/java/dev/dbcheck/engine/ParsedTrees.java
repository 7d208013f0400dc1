package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import dev.dbcheck.model.SourceTrees;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Full parse trees of the files the rules analyse, kept for the method summaries, which read other files'
 * bodies. The rules' own walk of a file is its one full parse ({@link #parse}); a summary that needs a file
 * takes its tree from here, or parses the file and keeps it.
 *
 * <p>Kept trees are bounded by their sources' size (least recently used dropped first), not held through soft
 * references: a tree takes about 60 bytes of heap per source character, so holding every tree until the
 * collector clears them filled the heap, and the collector then cleared the trees the next phase needed,
 * which parsed them all again. With a bound, memory stays flat and a file is parsed again only when a summary
 * needs it after it has dropped out. Thread-safe; two threads that miss the same file may both parse it, and
 * either result serves.
 */
final class ParsedTrees implements SourceTrees {

    /** A successful parse and the text it came from (suppression comments are read from the text). */
    record Parsed(CompilationUnit cu, String source) {}

    /** Heap a kept tree takes per source character (measured on the JDK's sources, 57). */
    private static final long BYTES_PER_CHAR = 60;

    private final Charset encoding;
    private final ThreadLocal<JavaParser> parsers;
    private final long budgetChars;
    private final Map<Path, Parsed> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long keptChars;
    private final java.util.concurrent.atomic.AtomicInteger fullParses = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger cutParses = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Set<Path> known = Set.of();

    /** Keeps trees up to an eighth of the maximum heap. */
    ParsedTrees(Charset encoding, ThreadLocal<JavaParser> parsers) {
        this(encoding, parsers, Runtime.getRuntime().maxMemory() / 8 / BYTES_PER_CHAR);
    }

    ParsedTrees(Charset encoding, ThreadLocal<JavaParser> parsers, long budgetChars) {
        this.encoding = encoding;
        this.parsers = parsers;
        this.budgetChars = budgetChars;
    }

    /** How many full parses this analysis made (the debug log: a file parsed more than once costs time). */
    int fullParses() {
        return fullParses.get();
    }

    /** How many cut texts ({@link DeclarationText}) this analysis parsed. */
    int cutParses() {
        return cutParses.get();
    }

    /** Parses a file's {@link DeclarationText}; nothing is kept. */
    ParseResult<CompilationUnit> parseCut(String cutText) {
        cutParses.incrementAndGet();
        return parsers.get().parse(cutText);
    }

    /** Parses {@code source} in full without keeping the tree (a cut text that did not parse). */
    ParseResult<CompilationUnit> parseUnkept(String source) {
        fullParses.incrementAndGet();
        return parsers.get().parse(source);
    }

    /** How much source the kept trees may stand for, in characters. */
    long budgetChars() {
        return budgetChars;
    }

    /** Parses {@code source} in full and keeps the tree; returns the parse result for error reporting. */
    ParseResult<CompilationUnit> parse(Path file, String source) {
        fullParses.incrementAndGet();
        ParseResult<CompilationUnit> result = parsers.get().parse(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            keep(file, new Parsed(result.getResult().get(), source));
        }
        return result;
    }

    /**
     * The file's tree for the rules: the kept one (a summary parsed it already), or a parse of {@code source},
     * kept; returns the parse result for error reporting.
     */
    ParseResult<CompilationUnit> parseOrKept(Path file, String source) {
        Parsed p;
        synchronized (kept) {
            p = kept.get(file);
        }
        if (p != null && p.source().equals(source)) {
            return new ParseResult<>(p.cu(), java.util.List.of(), null);
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
            p = kept.get(file);
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

    private void keep(Path file, Parsed parsed) {
        synchronized (kept) {
            Parsed old = kept.put(file, parsed);
            keptChars += parsed.source().length() - (old == null ? 0 : old.source().length());
            Iterator<Parsed> oldest = kept.values().iterator();
            while (keptChars > budgetChars && oldest.hasNext()) {
                Parsed drop = oldest.next();
                if (drop == parsed) {
                    break;
                }
                keptChars -= drop.source().length();
                oldest.remove();
            }
        }
    }
}
