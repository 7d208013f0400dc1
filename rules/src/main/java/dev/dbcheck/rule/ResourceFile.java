package dev.dbcheck.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A non-Java input file. The text is read once, on first use, and shared by every rule that reads it.
 *
 * @param path absolute, normalised path
 * @param relativePath path relative to the root it was found under, with '/' separators
 */
public final class ResourceFile {
    private final Path path;
    private final String relativePath;
    private final Charset encoding;
    private String text;
    private List<String> lines;
    private final java.util.Map<MemoKey<?>, Object> memo = new java.util.HashMap<>();

    public ResourceFile(Path path, String relativePath, Charset encoding) {
        this.path = path;
        this.relativePath = relativePath;
        this.encoding = encoding;
    }

    public Path path() {
        return path;
    }

    public String relativePath() {
        return relativePath;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** The file name in lower case, for extension tests. */
    public String lowerCaseName() {
        return fileName().toLowerCase(Locale.ROOT);
    }

    public synchronized String text() {
        if (text == null) {
            try {
                text = new String(Files.readAllBytes(path), encoding);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text;
    }

    /**
     * Per-file memo shared by every rule that reads this file: a parse (of SQL, YAML, XML) computed once
     * for the first rule that asks and reused by the others. The key is owned by that analysis (see {@link MemoKey}).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T memo(MemoKey<T> key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    public synchronized List<String> lines() {
        if (lines == null) {
            lines = text().lines().toList();
        }
        return lines;
    }
}
