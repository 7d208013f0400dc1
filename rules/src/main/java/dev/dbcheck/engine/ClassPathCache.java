package dev.dbcheck.engine;

import dev.dbcheck.classpath.ClassPathIndex;
import dev.dbcheck.classpath.ClassPathIndex.Fingerprint;
import dev.dbcheck.classpath.LibraryType;
import dev.dbcheck.classpath.LibraryType.GenericType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The class path in the incremental cache: per entry (a jar by path, size and modification time; a class folder
 * by its class files' count and newest time) the library types the last run read from it, and the names it
 * looked up in vain. A warm run over the same class path takes them back ({@link ClassPathIndex#seed}), so it
 * opens no jar for them. A changed entry's types are read again, and the files that name them (or name a type
 * that was absent, which the entry may now hold) are analysed again; a different list of entries (a dependency
 * added or removed, another order) re-analyses every file.
 */
final class ClassPathCache {

    private ClassPathCache() {}

    /**
     * What changed since the last run.
     *
     * @param all the entries are not those of the last run: every file is analysed again
     * @param names simple names of the types of changed entries (and of the names that were absent), for
     *     {@code ProjectModel.affectedBy}
     */
    record Change(boolean all, Set<String> names) {
        static final Change NONE = new Change(false, Set.of());

        boolean any() {
            return all || !names.isEmpty();
        }
    }

    /** Compares the class path with the last run's and seeds the index with what is still valid. */
    static Change compareAndSeed(StoredClassPath previous, ClassPathIndex index, List<Fingerprint> now) {
        if (previous == null || previous.entries == null) {
            return now.isEmpty() ? Change.NONE : new Change(true, Set.of());
        }
        if (previous.entries.size() != now.size()) {
            return new Change(true, Set.of());
        }
        for (int i = 0; i < now.size(); i++) {
            if (!previous.entries.get(i).path.equals(now.get(i).path().toString())) {
                return new Change(true, Set.of());
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < now.size(); i++) {
            StoredEntry e = previous.entries.get(i);
            Fingerprint f = now.get(i);
            boolean same = e.size == f.size() && e.modified == f.modified();
            for (StoredType t : e.types == null ? List.<StoredType>of() : e.types) {
                if (same) {
                    index.seed(t.toType(f.path()));
                } else {
                    addSimpleNames(t.name, names);
                }
            }
            if (!same) {
                // Even a jar whose types nobody read can now hold one that was absent.
                names.add("");
            }
        }
        List<String> absent = previous.absent == null ? List.of() : previous.absent;
        if (names.isEmpty()) {
            absent.forEach(index::seedAbsent);
            return Change.NONE;
        }
        names.remove("");
        absent.forEach(n -> addSimpleNames(n, names));
        return new Change(false, names);
    }

    /** The class path as this run leaves it: the entries as they are now and what was read from them. */
    static StoredClassPath toStored(ClassPathIndex index, List<Fingerprint> now) {
        if (now.isEmpty()) {
            return null;
        }
        Map<Path, List<LibraryType>> read = index.typesRead();
        StoredClassPath s = new StoredClassPath();
        s.entries = new ArrayList<>();
        for (Fingerprint f : now) {
            StoredEntry e = new StoredEntry();
            e.path = f.path().toString();
            e.size = f.size();
            e.modified = f.modified();
            e.types = read.getOrDefault(f.path(), List.of()).stream().map(StoredType::of).toList();
            s.entries.add(e);
        }
        s.absent = List.copyOf(index.absent());
        return s;
    }

    /** Every segment of a qualified name that can be a type's simple name (a mention of {@code Outer.Inner}). */
    private static void addSimpleNames(String qualified, Set<String> names) {
        for (String segment : qualified.split("\\.")) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                names.add(segment);
            }
        }
    }

    // ---- stored form (public fields for Jackson) ---------------------------------------------------

    static final class StoredClassPath {
        public List<StoredEntry> entries;
        public List<String> absent;

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredClassPath other && Objects.equals(entries, other.entries)
                    && Objects.equals(absent, other.absent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entries, absent);
        }
    }

    static final class StoredEntry {
        public String path;
        public long size;
        public long modified;
        public List<StoredType> types;

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredEntry other && Objects.equals(path, other.path) && size == other.size
                    && modified == other.modified && Objects.equals(types, other.types);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, size, modified, types);
        }
    }

    static final class StoredType {
        public String name;
        public boolean isInterface;
        public List<String> supertypes;
        public List<List<String>> supertypeArguments;
        public List<String> annotations;
        public Map<String, String> methodReturns;

        static StoredType of(LibraryType t) {
            StoredType s = new StoredType();
            s.name = t.name();
            s.isInterface = t.isInterface();
            s.supertypes = t.supertypeNames();
            s.supertypeArguments = t.supertypes().stream().map(GenericType::arguments).toList();
            s.annotations = t.annotations();
            s.methodReturns = new TreeMap<>(t.methodReturns());
            return s;
        }

        LibraryType toType(Path origin) {
            List<GenericType> sup = new ArrayList<>();
            for (int i = 0; i < supertypes.size(); i++) {
                sup.add(new GenericType(supertypes.get(i), supertypeArguments.get(i)));
            }
            return new LibraryType(name, isInterface, sup, annotations, methodReturns, origin);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredType other && Objects.equals(name, other.name)
                    && isInterface == other.isInterface && Objects.equals(supertypes, other.supertypes)
                    && Objects.equals(supertypeArguments, other.supertypeArguments)
                    && Objects.equals(annotations, other.annotations)
                    && Objects.equals(methodReturns, other.methodReturns);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, supertypes);
        }
    }
}
