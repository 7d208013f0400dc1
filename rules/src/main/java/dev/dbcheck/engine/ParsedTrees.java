package dev.dbcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import dev.dbcheck.model.SourceTrees;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed files shared between the engine's phases: declarations are extracted from a file's first parse,
 * the rules then run on the same tree, and summaries of its methods read it too. Each tree is held through a
 * {@link SoftReference}, so a large project never needs all its trees in memory at once: when the garbage
 * collector clears one, the file is read and parsed again on its next use (the only case of a second parse).
 * Thread-safe; two threads that find the same tree cleared may both parse it, and either result serves.
 */
final class ParsedTrees implements SourceTrees {

    /** A successful parse and the text it came from (suppression comments are read from the text). */
    record Parsed(CompilationUnit cu, String source) {}

    private final Map<Path, SoftReference<Parsed>> trees = new ConcurrentHashMap<>();
    private final Charset encoding;
    private final ThreadLocal<JavaParser> parsers;

    ParsedTrees(Charset encoding, ThreadLocal<JavaParser> parsers) {
        this.encoding = encoding;
        this.parsers = parsers;
    }

    /** Parses {@code source} and keeps the tree; returns the parse result for error reporting. */
    ParseResult<CompilationUnit> parse(Path file, String source) {
        ParseResult<CompilationUnit> result = parsers.get().parse(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            trees.put(file, new SoftReference<>(new Parsed(result.getResult().get(), source)));
        }
        return result;
    }

    /** The kept tree, or a fresh parse of the file when it was cleared (or never parsed); empty if that fails. */
    Optional<Parsed> parsed(Path file) {
        SoftReference<Parsed> ref = trees.get(file);
        Parsed kept = ref == null ? null : ref.get();
        if (kept != null) {
            return Optional.of(kept);
        }
        try {
            String source = new String(Files.readAllBytes(file), encoding);
            ParseResult<CompilationUnit> result = parse(file, source);
            return result.isSuccessful() ? result.getResult().map(cu -> new Parsed(cu, source)) : Optional.empty();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Only files the model knows are parsed on demand; others give nothing. */
    private volatile java.util.Set<Path> known = java.util.Set.of();

    void restrictTo(java.util.Set<Path> files) {
        known = files;
    }

    @Override
    public Optional<CompilationUnit> tree(Path file) {
        return known.contains(file) ? parsed(file).map(Parsed::cu) : Optional.empty();
    }
}
