package dev.dbcheck.model;

import com.github.javaparser.ast.CompilationUnit;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed tree of a project file, for analyses that look into another file's method bodies (summaries).
 * The engine's implementation keeps each tree it parsed behind a soft reference and parses again only when the
 * garbage collector cleared it; implementations are thread-safe. Trees handed out are shared: read them, never
 * change them.
 */
public interface SourceTrees {

    /** The tree of a file in the model, or empty when it cannot be read or parsed. */
    Optional<CompilationUnit> tree(Path file);

    SourceTrees NONE = file -> Optional.empty();
}
