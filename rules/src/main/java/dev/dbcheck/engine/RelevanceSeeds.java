package dev.dbcheck.engine;

import dev.dbcheck.engine.RelevanceLexer.Lexed;
import dev.dbcheck.rule.Relevance;
import dev.dbcheck.types.LibraryTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What makes a file a seed for one {@link Relevance} ({@link RelevanceFilter}), from its lexed text. */
final class RelevanceSeeds {

    final Relevance relevance;
    /** Simple name of a vocabulary type to the packages it is in. */
    final Map<String, List<String>> libraryPackages = new HashMap<>();
    /** The tables with the class path, when there is one (else null: names alone decide). */
    final LibraryTypes classPath;
    /** Class-path names already judged: whether each is a subtype of a vocabulary type. */
    final Map<String, Boolean> classPathSubtypes = new ConcurrentHashMap<>();

    RelevanceSeeds(Relevance relevance, LibraryTypes library) {
        this.relevance = relevance;
        this.classPath = library.classPath().isEmpty() || relevance.types().isEmpty() ? null : library;
        for (String type : relevance.types()) {
            int dot = type.lastIndexOf('.');
            libraryPackages.computeIfAbsent(type.substring(dot + 1), k -> new ArrayList<>())
                    .add(type.substring(0, dot));
        }
    }

    /**
     * @param lowerTextContains whether the file's text, lower-cased, contains a fragment (lower-case)
     * @param classPathTypes the class-path types the file writes that the tables do not list ({@link
     *     ClassPathNames#written}), asked for only when nothing else makes the file a seed
     */
    boolean test(Lexed lexed, java.util.function.Predicate<String> lowerTextContains,
            java.util.function.Supplier<List<String>> classPathTypes) {
        for (String w : lexed.identifiers()) {
            if (hasSuffix(w) || seesLibraryType(w, lexed)) {
                return true;
            }
        }
        return lowerTextContains.test("dbcheck") || relevance.fragments().stream().anyMatch(lowerTextContains)
                || writesClassPathSubtype(classPathTypes);
    }

    /**
     * Whether the file writes a class-path type that extends a vocabulary type ({@link ClassPathNames#written}:
     * a dotted name or a simple name under an on-demand import, not a type of the tables, which say all there
     * is about their types' vocabulary, see {@link #seesLibraryType}).
     */
    private boolean writesClassPathSubtype(java.util.function.Supplier<List<String>> classPathTypes) {
        if (classPath == null) {
            return false;
        }
        for (String name : classPathTypes.get()) {
            Boolean known = classPathSubtypes.get(name);
            if (known == null) {
                known = classPath.isSubtypeOfAny(name, relevance.types());
                classPathSubtypes.put(name, known);
            }
            if (known) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the file calls (or declares) a method of one of the relevance's call names: the name followed by
     * {@code (} in code (true when it requires none). A word {@code count} or {@code keys} that is a variable,
     * a field or a comment cannot be a library call, and those words are in most files.
     */
    boolean writesCall(Lexed lexed) {
        return relevance.calls().isEmpty() || relevance.calls().stream().anyMatch(lexed.called()::contains);
    }

    private boolean hasSuffix(String word) {
        for (String s : relevance.suffixes()) {
            if (word.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code word} can name a library type of the vocabulary in this file: the file writes the type's
     * simple name and sees its package (same package, or it writes the package as a dotted name: an import,
     * single-type or on demand, or a qualified name; that is how {@code model/NameScope} resolves).
     */
    private boolean seesLibraryType(String word, Lexed lexed) {
        List<String> packages = libraryPackages.get(word);
        if (packages == null) {
            return false;
        }
        for (String pkg : packages) {
            if (pkg.equals(lexed.packageName()) || (pkg.indexOf('.') < 0 ? lexed.identifiers().contains(pkg)
                    : lexed.qualified().contains(pkg))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names a file writes that are types of the class path and not of the tables, looked up once per name for
     * every file and every {@link RelevanceSeeds} (most names are no class-path type: the JDK's, the project's own).
     */
    static final class ClassPathNames {
        private final LibraryTypes library;
        private final Map<String, Boolean> onClassPath = new ConcurrentHashMap<>();

        ClassPathNames(LibraryTypes library) {
            this.library = library;
        }

        /**
         * The class-path types (not in the tables) among the file's dotted names (imports, qualified names) and,
         * under its on-demand imports, its capitalised simple names; in no particular order.
         */
        List<String> written(Lexed lexed) {
            List<String> out = new ArrayList<>();
            for (String q : lexed.qualified()) {
                if (Character.isUpperCase(q.charAt(q.lastIndexOf('.') + 1)) && Character.isLowerCase(q.charAt(0))
                        && onClassPath(q)) {
                    out.add(q);
                }
            }
            for (String pkg : lexed.onDemand()) {
                for (String w : lexed.identifiers()) {
                    if (Character.isUpperCase(w.charAt(0))) {
                        String name = pkg + "." + w;
                        if (onClassPath(name)) {
                            out.add(name);
                        }
                    }
                }
            }
            return out;
        }

        private boolean onClassPath(String name) {
            Boolean known = onClassPath.get(name);
            if (known == null) {
                known = !library.isKnown(name) && library.classPath().contains(name);
                onClassPath.put(name, known);
            }
            return known;
        }
    }
}
