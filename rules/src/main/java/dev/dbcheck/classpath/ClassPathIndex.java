package dev.dbcheck.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The library types of the build's own class path (the jars and class folders Maven resolved for the module),
 * read lazily: a type is read only when the analysis asks for it by name, which happens only for names that
 * project code writes and for the supertypes of types read, transitively. Nothing is read up front: at the first
 * lookup each jar's packages are listed from its central directory ({@link JarPackages}, remembered per jar for
 * the JVM's life), and a jar is opened only when a name is looked up in a package it holds.
 *
 * <p>Lookups follow the class path's order, as javac does: the first entry holding the class file wins. Every
 * answer, found or not, is memoised. Safe for concurrent use: the engine's workers share one index.
 *
 * <p>Nothing here fails the analysis: an entry that cannot be opened, or a class file that cannot be read,
 * is remembered ({@link #unreadable()}) and counts as absent, so the analysis goes on as without it.
 */
public final class ClassPathIndex implements AutoCloseable {

    /** Class files larger than this are not read (no real class header needs it; a corrupt entry might claim it). */
    private static final long MAX_CLASS_BYTES = 8L * 1024 * 1024;

    private static final ClassPathIndex EMPTY = new ClassPathIndex(List.of());

    private final List<Entry> entries;
    private final Map<String, Optional<LibraryType>> types = new ConcurrentHashMap<>();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    /** Package folder ({@code a/b}) to the entries that hold class files in it, in class-path order; built once. */
    private volatile Map<String, List<Entry>> byPackage;

    private ClassPathIndex(List<Path> paths) {
        List<Entry> list = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path p : paths) {
            Path normal = p.toAbsolutePath().normalize();
            if (seen.add(normal)) {
                list.add(new Entry(normal));
            }
        }
        this.entries = List.copyOf(list);
    }

    /** An index over these jars and class folders, in class-path order; entries that do not exist are skipped. */
    public static ClassPathIndex of(List<Path> classPath) {
        return classPath.isEmpty() ? EMPTY : new ClassPathIndex(classPath);
    }

    /** The index of no class path: every lookup is absent. */
    public static ClassPathIndex empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries, in class-path order. */
    public List<Path> entries() {
        return entries.stream().map(e -> e.path).toList();
    }

    /**
     * The type of this qualified name (nested types joined by '.': {@code a.b.Outer.Inner}), read from the first
     * entry that holds its class file, or empty.
     */
    public Optional<LibraryType> type(String qualifiedName) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Optional<LibraryType> known = types.get(qualifiedName);
        if (known == null) {
            // Not computeIfAbsent: reading is slow-ish and must not hold a map bin; two threads reading the same
            // class at once read the same bytes, and the first answer stays.
            known = lookup(qualifiedName);
            Optional<LibraryType> before = types.putIfAbsent(qualifiedName, known);
            if (before != null) {
                known = before;
            }
        }
        return known;
    }

    /** Whether some entry holds a class file of this name. */
    public boolean contains(String qualifiedName) {
        return type(qualifiedName).isPresent();
    }

    private Optional<LibraryType> lookup(String name) {
        Map<String, List<Entry>> packages = packages();
        for (String resource : resourceNames(name)) {
            int slash = resource.lastIndexOf('/');
            List<Entry> holders = packages.get(slash < 0 ? "" : resource.substring(0, slash));
            for (Entry e : holders == null ? List.<Entry>of() : holders) {
                byte[] bytes = e.read(resource, this);
                if (bytes != null) {
                    try {
                        LibraryType t = ClassFiles.read(bytes, e.path);
                        // A class file found under a '$' candidate is the nested type asked for; its own name (from
                        // the file) is kept so that supertypes resolve the same way.
                        return Optional.of(t);
                    } catch (IllegalArgumentException ex) {
                        unreadable.add(name + " in " + e.path.getFileName() + " (" + ex.getMessage() + ")");
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Which entries hold which packages, listed once when the first name is looked up (a jar from its central
     * directory, without opening it): with the list a name in a package no entry has (most names asked: the JDK's,
     * the project's own) costs one hash lookup instead of one per entry, and a jar is opened only for a name in a
     * package it holds.
     */
    private Map<String, List<Entry>> packages() {
        Map<String, List<Entry>> known = byPackage;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (byPackage == null) {
                Map<String, List<Entry>> map = new java.util.HashMap<>();
                for (Entry e : entries) {
                    for (String pkg : e.packages(this)) {
                        map.computeIfAbsent(pkg, k -> new ArrayList<>(2)).add(e);
                    }
                }
                byPackage = map;
            }
            return byPackage;
        }
    }

    /**
     * The class-file paths a qualified name can stand for: {@code a/b/C.class}, then with the last dots read as
     * nesting ({@code a/b/C$D.class} for {@code a.b.C.D}), as far as the segments start with an upper-case letter.
     */
    static List<String> resourceNames(String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        List<String> out = new ArrayList<>();
        for (int nested = 0; nested < parts.length; nested++) {
            int first = parts.length - nested; // parts[first..] are joined with '$'
            if (nested > 0 && (first < 1 || parts[first].isEmpty()
                    || !Character.isUpperCase(parts[first - 1].isEmpty() ? 'a' : parts[first - 1].charAt(0)))) {
                break;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sb.append(i >= first ? '$' : '/');
                }
                sb.append(parts[i]);
            }
            out.add(sb.append(".class").toString());
        }
        return out;
    }

    /**
     * Takes a type as a previous run read it from an entry that has not changed since (the incremental cache), so
     * that a warm run opens no jar for it.
     */
    public void seed(LibraryType type) {
        types.putIfAbsent(type.name(), Optional.of(type));
    }

    /** Takes a name that a previous run looked up in vain over the same class path. */
    public void seedAbsent(String qualifiedName) {
        types.putIfAbsent(qualifiedName, Optional.empty());
    }

    /** Every type read so far (or seeded), by the entry it came from. */
    public Map<Path, List<LibraryType>> typesRead() {
        Map<Path, List<LibraryType>> out = new TreeMap<>();
        types.forEach((name, type) -> type.filter(t -> t.name().equals(name))
                .ifPresent(t -> out.computeIfAbsent(t.origin(), k -> new ArrayList<>()).add(t)));
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(LibraryType::name)));
        return out;
    }

    /** How many names were looked up in vain, without building {@link #absent()}'s sorted set (for the debug log). */
    public long absentCount() {
        return types.values().stream().filter(java.util.Optional::isEmpty).count();
    }

    /** The names looked up so far (or seeded) that no entry holds; sorted. */
    public Set<String> absent() {
        Set<String> out = new TreeSet<>();
        types.forEach((name, type) -> {
            if (type.isEmpty()) {
                out.add(name);
            }
        });
        return out;
    }

    /** Entries and class files that could not be read, to say once; sorted. */
    public Set<String> unreadable() {
        return Collections.unmodifiableSet(new TreeSet<>(unreadable));
    }

    /**
     * Identity of each entry as it is now, for the incremental cache: a jar by its size and modification time, a
     * class folder by the newest modification time of its class files (and their count).
     */
    public List<Fingerprint> fingerprints() {
        return entries.stream().map(e -> Fingerprint.of(e.path)).toList();
    }

    @Override
    public void close() {
        for (Entry e : entries) {
            e.close();
        }
    }

    /**
     * An entry's identity for the cache.
     *
     * @param size a jar's size in bytes, a folder's number of class files, -1 when the entry does not exist
     * @param modified modification time in milliseconds (a folder's newest class file)
     */
    public record Fingerprint(Path path, long size, long modified) {

        static Fingerprint of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                if (!a.isDirectory()) {
                    return new Fingerprint(path, a.size(), a.lastModifiedTime().toMillis());
                }
                long[] countAndNewest = {0, a.lastModifiedTime().toMillis()};
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                        countAndNewest[0]++;
                        try {
                            countAndNewest[1] = Math.max(countAndNewest[1], Files.getLastModifiedTime(f).toMillis());
                        } catch (IOException e) {
                            // Vanished while walking: counted, its time unknown.
                        }
                    });
                }
                return new Fingerprint(path, countAndNewest[0], countAndNewest[1]);
            } catch (IOException | java.io.UncheckedIOException e) {
                return new Fingerprint(path, -1, 0);
            }
        }
    }

    /** One jar or class folder, opened on first use. */
    private static final class Entry {
        final Path path;
        private volatile boolean opened;
        private ZipFile zip;
        private boolean directory;

        Entry(Path path) {
            this.path = path;
        }

        private void open(ClassPathIndex index) {
            if (opened) {
                return;
            }
            synchronized (this) {
                if (opened) {
                    return;
                }
                if (Files.isDirectory(path)) {
                    directory = true;
                } else if (Files.isRegularFile(path)) {
                    try {
                        zip = new ZipFile(path.toFile());
                    } catch (IOException | RuntimeException e) {
                        index.unreadable.add(path.getFileName() + " (" + e.getMessage() + ")");
                    }
                }
                opened = true;
            }
        }

        /**
         * The package folders ({@code a/b}) this entry holds class files in. A jar is listed from its central
         * directory ({@link JarPackages}) and not opened: only the jars that hold a package asked for are.
         */
        Set<String> packages(ClassPathIndex index) {
            Set<String> out = new java.util.HashSet<>();
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                            Path parent = path.relativize(f).getParent();
                            out.add(parent == null ? "" : parent.toString().replace('\\', '/'));
                        });
                    }
                } else if (Files.isRegularFile(path)) {
                    return JarPackages.of(path);
                }
            } catch (IOException | RuntimeException e) {
                index.unreadable.add(path.getFileName() + " (" + e.getMessage() + ")");
            }
            return out;
        }

        /** The bytes of a class file in this entry, or null when it has none (or cannot read it). */
        byte[] read(String resource, ClassPathIndex index) {
            open(index);
            try {
                if (directory) {
                    Path file = path.resolve(resource);
                    if (!Files.isRegularFile(file) || Files.size(file) > MAX_CLASS_BYTES) {
                        return null;
                    }
                    return Files.readAllBytes(file);
                }
                ZipFile z = zip;
                if (z == null) {
                    return null;
                }
                ZipEntry entry = z.getEntry(resource);
                if (entry == null || entry.isDirectory() || entry.getSize() > MAX_CLASS_BYTES) {
                    return null;
                }
                try (InputStream in = z.getInputStream(entry)) {
                    return in.readNBytes((int) Math.min(MAX_CLASS_BYTES, Integer.MAX_VALUE - 8));
                }
            } catch (IOException | RuntimeException e) {
                index.unreadable.add(resource + " in " + path.getFileName() + " (" + e.getMessage() + ")");
                return null;
            }
        }

        synchronized void close() {
            if (zip != null) {
                try {
                    zip.close();
                } catch (IOException e) {
                    // Read-only; nothing to lose.
                }
                zip = null;
            }
        }
    }
}
