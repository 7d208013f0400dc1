package dev.dbcheck.engine;

import dev.dbcheck.model.FileDeclarations;
import java.nio.file.Path;

/** A Java file after phase 1: its content hash, and its declarations or the outcome of a failed read or parse. */
record JavaFile(Path path, String hash, FileDeclarations declarations, FileOutcome failure) {}
