package dev.dbcheck.types;

import dev.dbcheck.classpath.ClassPathIndex;
import dev.dbcheck.classpath.LibraryType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What dbcheck knows about library types without a classpath: which types exist, their supertypes, and
 * the return types of the methods rules follow through call chains. Kept as data in {@code *.types}
 * resources beside this class, one file per library family, so a new SDK version means new rows, not code.
 *
 * <p>Line format (a line starting with {@code #} is a comment):
 * <pre>
 * type    a.b.Child : a.b.Parent, a.b.Other    a known type and its direct supertypes
 * returns a.b.Owner#method -> a.b.Result       return type of a method (static or instance)
 * builder a.b.Model [a.b.ModelBuilder]         Model.builder() returns the builder (default Model.Builder);
 *                                              the builder's methods return the builder, build() the Model
 * fluent  a.b.SomeBuilder -> a.b.Product       methods return the builder, build() returns Product
 * </pre>
 *
 * <p>With the build's class path ({@link #withClassPath}), a type the tables do not list is looked up there: its
 * supertypes, annotations and method return types come from its class file ({@link ClassPathIndex}). The tables
 * stay the fast path and the only source of behaviour (what a method does, which rules read from the
 * {@code *.types} names); the class path supplies structure (what a type is: an {@code AcmeStore<T>} of an
 * internal jar that extends MyBatis-Plus's {@code BaseMapper<T>}). {@link #isKnown} still means "in the tables".
 */
public final class LibraryTypes {

    /** The data files, one per library family. */
    static final List<String> FILES = List.of(
            "java.types",
            "aws-dynamodb.types",
            "cache.types",
            "aws-dynamodb-writes.types",
            "sql.types",
            "connection-pool.types",
            "redis-commands.types",
            "aws-streams.types");

    private static final LibraryTypes DEFAULT = load(FILES);

    private final Set<String> types;
    private final Map<String, Set<String>> supertypes;
    private final Map<String, String> returnTypes;
    private final Map<String, String> fluentBuilders;
    private final Set<String> packages;
    private final ClassPathIndex classPath;
    /** Direct supertypes of class-path types, as {@link #supertypes} gives them: asked in every subtype test. */
    private final Map<String, Set<String>> classPathSupertypes = new java.util.concurrent.ConcurrentHashMap<>();

    private LibraryTypes() {
        types = new HashSet<>();
        supertypes = new HashMap<>();
        returnTypes = new HashMap<>();
        fluentBuilders = new HashMap<>();
        packages = new HashSet<>();
        classPath = ClassPathIndex.empty();
    }

    /** The same tables over a class path (they are read-only once loaded, so they are shared, not copied). */
    private LibraryTypes(LibraryTypes tables, ClassPathIndex classPath) {
        types = tables.types;
        supertypes = tables.supertypes;
        returnTypes = tables.returnTypes;
        fluentBuilders = tables.fluentBuilders;
        packages = tables.packages;
        this.classPath = classPath;
    }

    /** These tables, with the types of the build's class path for whatever they do not list. */
    public LibraryTypes withClassPath(ClassPathIndex index) {
        return index.isEmpty() ? this : new LibraryTypes(this, index);
    }

    /** The class path behind these tables (empty for the tables alone). */
    public ClassPathIndex classPath() {
        return classPath;
    }

    public static LibraryTypes get() {
        return DEFAULT;
    }

    static LibraryTypes load(List<String> files) {
        LibraryTypes t = new LibraryTypes();
        for (String file : files) {
            try (InputStream in = LibraryTypes.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing type table " + file);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    t.parseLine(line, file, number);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return t;
    }

    private void parseLine(String raw, String file, int number) {
        String line = raw.trim();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] head = line.split("\\s+", 2);
        String rest = head.length > 1 ? head[1].trim() : "";
        switch (head[0]) {
            case "type" -> {
                String[] parts = rest.split(":", 2);
                String name = parts[0].trim();
                addType(name);
                if (parts.length > 1) {
                    for (String s : parts[1].split(",")) {
                        String sup = s.trim();
                        addType(sup);
                        supertypes.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(sup);
                    }
                }
            }
            case "returns" -> {
                String[] parts = rest.split("->");
                if (parts.length != 2 || !parts[0].contains("#")) {
                    throw new IllegalStateException(file + ":" + number + ": expected 'returns Owner#m -> Type'");
                }
                String owner = parts[0].substring(0, parts[0].indexOf('#')).trim();
                addType(owner);
                addType(parts[1].trim());
                returnTypes.put(parts[0].trim(), parts[1].trim());
            }
            case "builder" -> {
                String[] parts = rest.split("\\s+");
                String model = parts[0];
                String builder = parts.length > 1 ? parts[1] : model + ".Builder";
                addType(model);
                addType(builder);
                returnTypes.put(model + "#builder", builder);
                fluentBuilders.put(builder, model);
            }
            case "fluent" -> {
                String[] parts = rest.split("->");
                if (parts.length != 2) {
                    throw new IllegalStateException(file + ":" + number + ": expected 'fluent Builder -> Product'");
                }
                addType(parts[0].trim());
                addType(parts[1].trim());
                fluentBuilders.put(parts[0].trim(), parts[1].trim());
            }
            default -> throw new IllegalStateException(file + ":" + number + ": unknown directive " + head[0]);
        }
    }

    private void addType(String name) {
        types.add(name);
        int dot = name.lastIndexOf('.');
        while (dot > 0) {
            String prefix = name.substring(0, dot);
            // A package is the longest prefix that starts with a lower-case segment.
            String last = prefix.substring(prefix.lastIndexOf('.') + 1);
            if (!last.isEmpty() && Character.isLowerCase(last.charAt(0))) {
                packages.add(prefix);
                break;
            }
            dot = prefix.lastIndexOf('.');
        }
    }

    /** Whether the type (fully qualified, nested types joined with '.') is in the tables. */
    public boolean isKnown(String type) {
        return types.contains(type);
    }

    /** Whether the type is in the tables or on the class path: a name that resolves to a library type. */
    public boolean exists(String type) {
        return types.contains(type) || classPath.contains(type);
    }

    /** The type's class file on the class path, for a type the tables do not describe. */
    public Optional<LibraryType> fromClassPath(String type) {
        return supertypes.containsKey(type) ? Optional.empty() : classPath.type(type);
    }

    /**
     * The direct supertypes of a type: the tables' when they list any, else its class file's (empty when none or
     * unknown).
     */
    public Set<String> supertypes(String type) {
        Set<String> listed = supertypes.get(type);
        if (listed != null) {
            return java.util.Collections.unmodifiableSet(listed);
        }
        if (classPath.isEmpty()) {
            return Set.of();
        }
        Set<String> known = classPathSupertypes.get(type);
        if (known == null) {
            known = classPath.type(type)
                    .map(t -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(t.supertypeNames())))
                    .orElse(Set.of());
            classPathSupertypes.putIfAbsent(type, known);
        }
        return known;
    }

    /** Whether some known type lives in this package. */
    public boolean isKnownPackage(String pkg) {
        return packages.contains(pkg);
    }

    /** Every type of the tables that is one of {@code targets} or, by the tables, a subtype of one. */
    public Set<String> subtypesOf(java.util.Collection<String> targets) {
        Set<String> out = new java.util.TreeSet<>();
        for (String t : types) {
            if (targets.stream().anyMatch(target -> isSubtype(t, target))) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when {@code type} is {@code target} or, by the tables, one of its subtypes. */
    public boolean isSubtype(String type, String target) {
        if (type.equals(target)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>();
        work.add(type);
        while (!work.isEmpty()) {
            String t = work.poll();
            if (!seen.add(t)) {
                continue;
            }
            for (String s : supertypes(t)) {
                if (s.equals(target)) {
                    return true;
                }
                work.add(s);
            }
        }
        return false;
    }

    /** True when {@code type} is one of {@code targets} or, by the tables and the class path, a subtype of one. */
    public boolean isSubtypeOfAny(String type, Set<String> targets) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>();
        work.add(type);
        while (!work.isEmpty()) {
            String t = work.poll();
            if (targets.contains(t)) {
                return true;
            }
            if (seen.add(t)) {
                work.addAll(supertypes(t));
            }
        }
        return false;
    }

    /** Return type of {@code owner.method(..)}, searching supertypes, then the fluent-builder convention. */
    public Optional<String> returnType(String owner, String method) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>();
        work.add(owner);
        while (!work.isEmpty()) {
            String t = work.poll();
            if (!seen.add(t)) {
                continue;
            }
            String r = returnTypes.get(t + "#" + method);
            if (r != null) {
                return Optional.of(r);
            }
            if (!types.contains(t)) {
                Optional<String> read = classPath.type(t).flatMap(c -> c.returnType(method));
                if (read.isPresent()) {
                    return read;
                }
            }
            work.addAll(supertypes(t));
        }
        String product = fluentBuilders.get(owner);
        if (product != null) {
            return Optional.of(method.equals("build") ? product : owner);
        }
        return Optional.empty();
    }
}
