package dev.dbcheck.model;

import com.github.javaparser.ast.CompilationUnit;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed tree of a project file, for analyses that look into another file's method bodies (summaries).
 * The engine's implementation keeps the trees it parsed in a cache bounded by their sources' size and parses a
 * file again when its tree has dropped out; implementations are thread-safe. Trees handed out are shared: read
 * them, never change them.
 */
public interface SourceTrees {

    /** The tree of a file in the model, or empty when it cannot be read or parsed. */
    Optional<CompilationUnit> tree(Path file);

    SourceTrees NONE = file -> Optional.empty();
}
