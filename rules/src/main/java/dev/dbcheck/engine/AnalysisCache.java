package dev.dbcheck.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.model.FileDeclarations;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.suppress.Suppression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The incremental-analysis cache: per file, the content hash and what analysing it produced (findings and
 * the facts project-wide rules need), so an unchanged file is not parsed again and reports stay complete.
 *
 * <p>A Java file's entry also keeps its declarations (package, types, members, mentioned names), so a warm
 * run builds the project model without parsing. Its findings depend on other files too (a wrapper's summary,
 * a base class's fields): the engine re-analyses every file the project model says a changed, added or
 * removed file can affect ({@link dev.dbcheck.model.ProjectModel#affectedBy}), and reuses the rest.
 *
 * <p>The whole cache is keyed by what could change any file's result on its own: dbcheck's version, the
 * rules and their configuration, the language level and the encoding. A different key, a corrupt file or a
 * foreign one is discarded with a note, never a failure. Files with processing errors are never stored, so
 * they are always analysed again.
 */
final class AnalysisCache {

    private static final int FORMAT = 9; // 6: findings keep their details (headline, evidence, path); 7: the class path;
    // 8: declarations carry the values of constant string fields; 9: declarations stored as JSON text, read on use
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Path file;
    private final Path baseDir;
    private final String key;
    private final Map<String, Entry> previous;
    private final StoredSelection previousSelection;
    private final Map<String, Entry> current = new ConcurrentHashMap<>();
    private volatile StoredSelection selection;
    private final ClassPathCache.StoredClassPath previousClassPath;
    private volatile ClassPathCache.StoredClassPath classPath;

    private AnalysisCache(Path file, Path baseDir, String key, Map<String, Entry> previous,
            StoredSelection previousSelection, ClassPathCache.StoredClassPath previousClassPath) {
        this.file = file;
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.key = key;
        this.previous = previous;
        this.previousSelection = previousSelection;
        this.previousClassPath = previousClassPath;
        this.classPath = previousClassPath;
    }

    /**
     * Opens the cache at {@code file}; anything unusable there is reported and ignored. Entries are keyed by the
     * path relative to {@code baseDir}, so that a cache restored into another checkout folder (a CI cache step
     * in a fresh clone) still matches its files; each entry is reused only for the same content hash.
     */
    static AnalysisCache open(Path file, Path baseDir, String key, Consumer<String> log, Consumer<String> debug) {
        if (!Files.exists(file)) {
            return new AnalysisCache(file, baseDir, key, Map.of(), null, null);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Stored stored = JSON.readValue(in, Stored.class);
            if (stored.format != FORMAT || !key.equals(stored.key)) {
                debug.accept("dbcheck: the analysis cache is out of date (dbcheck or its configuration changed); "
                        + "analysing every file");
                return new AnalysisCache(file, baseDir, key, Map.of(), null, null);
            }
            return new AnalysisCache(file, baseDir, key, stored.files == null ? Map.of() : stored.files,
                    stored.selection, stored.classPath);
        } catch (IOException | RuntimeException e) {
            log.accept("dbcheck: ignoring the unreadable analysis cache " + file + " (" + e.getMessage() + ")");
            return new AnalysisCache(file, baseDir, key, Map.of(), null, null);
        }
    }

    /** A file's key: its path relative to the base dir, with {@code /} separators. */
    String keyOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return baseDir.relativize(absolute).toString().replace('\\', '/');
    }

    /** The stored outcome of a file whose content hash is unchanged, or null. */
    FileOutcome lookup(Path path, String contentHash) {
        Entry e = previous.get(keyOf(path));
        if (e == null || !e.hash.equals(contentHash) || !e.complete) {
            return null;
        }
        current.put(keyOf(path), e);
        return e.toOutcome(path, baseDir);
    }

    /**
     * The declarations stored with a file whose content hash is unchanged, or null: read from their JSON text when
     * first asked for (a run in which nothing changed never builds the model, and reading every file's
     * declarations was most of its time); {@code ifUnreadable} gives them when the text cannot be read.
     */
    Supplier<FileDeclarations> declarations(Path path, String contentHash, Supplier<FileDeclarations> ifUnreadable) {
        return hasDeclarations(path, contentHash) ? new Cached(previous.get(keyOf(path)), ifUnreadable) : null;
    }

    /** Whether declarations are stored with a file whose content hash is unchanged. */
    boolean hasDeclarations(Path path, String contentHash) {
        Entry e = previous.get(keyOf(path));
        return e != null && e.hash.equals(contentHash) && e.declarations != null;
    }

    /**
     * The declarations of the previous run for a file key ({@link #keyOf}), whatever its content now; null when
     * there are none, or their text cannot be read.
     */
    FileDeclarations previousDeclarations(String key) {
        Entry e = previous.get(key);
        try {
            return e == null ? null : e.declarations();
        } catch (java.io.UncheckedIOException unreadable) {
            return null;
        }
    }

    /** Declarations read from a cache entry on first use, or given by {@code ifUnreadable} when they cannot be. */
    private static final class Cached implements Supplier<FileDeclarations> {
        private final Entry entry;
        private final Supplier<FileDeclarations> ifUnreadable;
        private volatile FileDeclarations instead;

        Cached(Entry entry, Supplier<FileDeclarations> ifUnreadable) {
            this.entry = entry;
            this.ifUnreadable = ifUnreadable;
        }

        @Override
        public FileDeclarations get() {
            if (instead != null) {
                return instead;
            }
            try {
                return entry.declarations();
            } catch (java.io.UncheckedIOException unreadable) {
                instead = ifUnreadable.get();
                return instead;
            }
        }
    }

    /** The keys ({@link #keyOf}) of the previous run's entries. */
    Set<String> previousFiles() {
        return previous.keySet();
    }

    /** Remembers a fresh outcome; outcomes with processing errors are not cached. */
    void store(Path path, String contentHash, FileOutcome outcome) {
        store(path, contentHash, (Supplier<FileDeclarations>) null, outcome);
    }

    /** Remembers a fresh outcome of a Java file with its declarations. */
    void store(Path path, String contentHash, Supplier<FileDeclarations> declarations, FileOutcome outcome) {
        if (outcome.errors.isEmpty()) {
            Entry e = Entry.of(contentHash, outcome, baseDir);
            e.declarations(declarations);
            current.put(keyOf(path), e);
        } else if (declarations != null) {
            // The outcome is not kept (the file is analysed again), but its declarations are: an unchanged
            // file with a processing note is no change to the model, so the files that use it stay cached.
            Entry e = Entry.of(contentHash, new FileOutcome(), baseDir);
            e.declarations(declarations);
            e.complete = false;
            current.put(keyOf(path), e);
        }
    }

    /**
     * Remembers a file's declarations without an outcome (a file the model reads but no rule analyses, a file of
     * a dependency): a warm run builds the model from them, and analyses the file if it must.
     */
    void storeDeclarations(Path path, String contentHash, Supplier<FileDeclarations> declarations) {
        Entry known = previous.get(keyOf(path));
        if (known != null && !known.complete && known.hash.equals(contentHash) && known.declarations != null) {
            current.put(keyOf(path), known);
            return;
        }
        Entry e = Entry.of(contentHash, new FileOutcome(), baseDir);
        e.declarations(declarations);
        e.complete = false;
        current.put(keyOf(path), e);
    }

    /**
     * The relevance filter's selection of the previous run, if every file it scanned is still there with the same
     * content and no other file was added ({@code hashes}: every input's key and content hash): the selection
     * is a function of the files' contents and the rules (part of the cache key), so it is the same now.
     */
    StoredSelection unchangedSelection(Map<String, String> hashes) {
        StoredSelection s = previousSelection;
        return s != null && s.hashes != null && s.hashes.equals(hashes) ? s : null;
    }

    /** A file's content hash as this run's selection read it, or null: the declare phase need not read it again. */
    String hashReadThisRun(Path path) {
        StoredSelection s = selection;
        return s == null || s.hashes == null ? null : s.hashes.get(keyOf(path));
    }

    /** The class path as the last run left it (see {@link ClassPathCache}), or null. */
    ClassPathCache.StoredClassPath previousClassPath() {
        return previousClassPath;
    }

    /** Keeps this run's class path and what was read from it for the next run. */
    void storeClassPath(ClassPathCache.StoredClassPath value) {
        this.classPath = value;
    }

    /** Keeps this run's selection (keys relative to the base dir) for the next run. */
    void storeSelection(StoredSelection selection) {
        this.selection = selection;
    }

    /**
     * Writes the entries of this run (files that no longer exist drop out). Failures only log. A run that
     * reused every entry as it was, and the same selection, leaves the file as it is.
     */
    void save(Consumer<String> log) {
        boolean unchanged = current.size() == previous.size()
                && current.entrySet().stream().allMatch(e -> previous.get(e.getKey()) == e.getValue())
                && java.util.Objects.equals(selection, previousSelection)
                && java.util.Objects.equals(classPath, previousClassPath);
        if (unchanged && Files.exists(file)) {
            return;
        }
        Stored stored = new Stored();
        stored.format = FORMAT;
        stored.key = key;
        stored.files = new TreeMap<>(current);
        stored.selection = selection;
        stored.classPath = classPath;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                JSON.writeValue(out, stored);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.accept("dbcheck: could not write the analysis cache " + file + " (" + e.getMessage() + ")");
        }
    }

    static String hash(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** A stable digest of everything that makes up the cache key. */
    static String key(List<String> parts) {
        MessageDigest d = sha256();
        for (String p : parts) {
            d.update(p.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    // ---- stored form -------------------------------------------------------------------------------

    /** The file as stored. Public fields for Jackson; never leaves this class. */
    static final class Stored {
        public int format;
        public String key;
        public Map<String, Entry> files;
        public StoredSelection selection;
        public ClassPathCache.StoredClassPath classPath;
    }

    /**
     * The relevance filter's result, by file key: what it scanned (with content hashes), the files the model
     * read, those the rules analysed, and per method-summary analysis (by class name) the files in its scope.
     */
    static final class StoredSelection {
        public Map<String, String> hashes;
        public List<String> needed;
        public List<String> relevant;
        public Map<String, List<String>> effectScopes;

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredSelection other && java.util.Objects.equals(hashes, other.hashes)
                    && java.util.Objects.equals(needed, other.needed)
                    && java.util.Objects.equals(relevant, other.relevant)
                    && java.util.Objects.equals(effectScopes, other.effectScopes);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(hashes, needed, relevant, effectScopes);
        }
    }

    static final class Entry {
        public String hash;
        public List<StoredFinding> findings;
        public List<StoredFact> facts;
        public List<StoredSuppression> suppressions;
        /** The file's declarations as JSON text ({@link #declarations()}). */
        public String declarations;
        /** False when only the declarations are kept (the outcome had processing errors). */
        public boolean complete = true;
        @JsonIgnore
        private volatile FileDeclarations read;

        /** The declarations, read from their text on first use; null when there are none. */
        FileDeclarations declarations() {
            FileDeclarations d = read;
            if (d == null && declarations != null) {
                try {
                    d = JSON.readValue(declarations, FileDeclarations.class);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("unreadable declarations in the analysis cache", e);
                }
                read = d;
            }
            return d;
        }

        /** Keeps {@code source}'s declarations: the text of a cached entry as it is, fresh ones written out. */
        void declarations(Supplier<FileDeclarations> source) {
            if (source instanceof Cached c && c.instead == null) {
                declarations = c.entry.declarations;
                read = c.entry.read;
                return;
            }
            FileDeclarations d = source == null ? null : source.get();
            try {
                declarations = d == null ? null : JSON.writeValueAsString(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            read = d;
        }

        static Entry of(String hash, FileOutcome o, Path baseDir) {
            Entry e = new Entry();
            e.hash = hash;
            e.findings = o.findings.stream().map(f -> StoredFinding.of(f, baseDir)).toList();
            e.facts = o.facts.stream().map(StoredFact::of).toList();
            e.suppressions = o.suppressions.stream().map(StoredSuppression::of).toList();
            return e;
        }

        FileOutcome toOutcome(Path path, Path baseDir) {
            FileOutcome o = new FileOutcome();
            for (StoredFinding f : findings) {
                o.findings.add(new Finding(f.rule, Family.valueOf(f.family), Severity.valueOf(f.severity), f.message,
                        path, f.line, f.column, f.endLine, f.endColumn, f.details(baseDir)));
            }
            for (StoredFact f : facts) {
                o.facts.add(new Fact(f.rule, f.kind, path, f.line, f.column, f.data));
            }
            if (suppressions != null) {
                for (StoredSuppression s : suppressions) {
                    o.suppressions.add(s.toSuppression());
                }
            }
            return o;
        }
    }

    static final class StoredSuppression {
        public String kind;
        public List<String> rules;
        public int line;
        public int column;
        public int beginLine;
        public int beginColumn;
        public int endLine;
        public int endColumn;
        public String justification;

        static StoredSuppression of(Suppression s) {
            StoredSuppression o = new StoredSuppression();
            o.kind = s.kind().name();
            o.rules = s.ruleIds();
            o.line = s.line();
            o.column = s.column();
            o.beginLine = s.scope().beginLine();
            o.beginColumn = s.scope().beginColumn();
            o.endLine = s.scope().endLine();
            o.endColumn = s.scope().endColumn();
            o.justification = s.justification();
            return o;
        }

        Suppression toSuppression() {
            return new Suppression(Suppression.Kind.valueOf(kind), rules, line, column,
                    new Suppression.Scope(beginLine, beginColumn, endLine, endColumn), justification);
        }
    }

    static final class StoredFinding {
        public String rule;
        public String family;
        public String severity;
        public String message;
        public int line;
        public int column;
        public int endLine;
        public int endColumn;
        public String headline;
        public Map<String, String> evidence;
        public List<StoredStep> path;

        static StoredFinding of(Finding f, Path baseDir) {
            StoredFinding s = new StoredFinding();
            s.rule = f.ruleId();
            s.family = f.family().name();
            s.severity = f.severity().name();
            s.message = f.message();
            s.line = f.beginLine();
            s.column = f.beginColumn();
            s.endLine = f.endLine();
            s.endColumn = f.endColumn();
            Details d = f.details();
            s.headline = d.headline();
            s.evidence = d.evidence().isEmpty() ? null : new LinkedHashMap<>(d.evidence());
            s.path = d.path().isEmpty() ? null : d.path().stream().map(step -> StoredStep.of(step, baseDir)).toList();
            return s;
        }

        Details details(Path baseDir) {
            Details d = new Details(headline, evidence == null ? Map.of() : evidence, List.of());
            return path == null ? d : d.withPath(path.stream().map(step -> step.toStep(baseDir)).toList());
        }
    }

    /** A step of a finding's path; its file relative to the base folder, like the entries' keys. */
    static final class StoredStep {
        public String file;
        public int line;
        public int column;
        public String description;

        static StoredStep of(Details.Step step, Path baseDir) {
            StoredStep s = new StoredStep();
            Path p = step.file().toAbsolutePath().normalize();
            s.file = p.startsWith(baseDir) ? baseDir.relativize(p).toString().replace('\\', '/') : p.toString();
            s.line = step.line();
            s.column = step.column();
            s.description = step.description();
            return s;
        }

        Details.Step toStep(Path baseDir) {
            return new Details.Step(baseDir.resolve(file).normalize(), line, column, description);
        }
    }

    static final class StoredFact {
        public String rule;
        public String kind;
        public int line;
        public int column;
        public Map<String, String> data = new HashMap<>();

        static StoredFact of(Fact f) {
            StoredFact s = new StoredFact();
            s.rule = f.ruleId();
            s.kind = f.kind();
            s.line = f.line();
            s.column = f.column();
            s.data = new TreeMap<>(f.data());
            return s;
        }
    }
}
