package dev.dbcheck.engine;

import dev.dbcheck.model.FileDeclarations;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A Java file after phase 1: its content hash, and its declarations (fresh from a parse, or read from the analysis
 * cache when first asked for) or the outcome of a failed read or parse.
 */
record JavaFile(Path path, String hash, Supplier<FileDeclarations> declared, FileOutcome failure) {

    static JavaFile parsed(Path path, String hash, FileDeclarations declarations, FileOutcome failure) {
        return new JavaFile(path, hash, declarations == null ? null : () -> declarations, failure);
    }

    boolean hasDeclarations() {
        return declared != null;
    }

    FileDeclarations declarations() {
        return declared == null ? null : declared.get();
    }
}
