package dev.dbcheck.model;

import dev.dbcheck.types.LibraryTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a type name written in one file resolves, as javac would as far as names alone can tell: types declared
 * in the file, single-type imports, same-package project types, on-demand imports of known packages,
 * {@code java.lang}, then fully qualified names. Shared by the model (resolving declarations) and
 * {@link dev.dbcheck.types.TypeResolver} (resolving code), so both read a name the same way.
 */
public final class NameScope {

    public static final Set<String> JAVA_LANG = Set.of("Object", "String", "Integer", "Long", "Short", "Byte",
            "Character", "Boolean", "Double", "Float", "Number", "Math", "StrictMath", "System", "Thread",
            "Runnable", "Iterable", "Comparable", "CharSequence", "StringBuilder", "StringBuffer", "Class",
            "Enum", "Record", "Exception", "RuntimeException", "Error", "Throwable", "InterruptedException",
            "IllegalArgumentException", "IllegalStateException", "UnsupportedOperationException",
            "NullPointerException", "Void", "AutoCloseable", "Override", "Deprecated", "SuppressWarnings",
            "FunctionalInterface", "SafeVarargs", "Process", "ProcessBuilder", "Runtime", "ThreadLocal");

    private final String packageName;
    private final Map<String, String> singleImports = new HashMap<>();
    private final Map<String, String> staticImports = new HashMap<>();
    private final List<String> onDemandImports = new ArrayList<>();
    private final Map<String, String> localTypes;

    /**
     * @param imports as {@link FileDeclarations#imports()} writes them
     * @param localTypes simple name to qualified name of the types the file declares
     */
    public NameScope(String packageName, List<String> imports, Map<String, String> localTypes) {
        this.packageName = packageName;
        this.localTypes = localTypes;
        for (String imp : imports) {
            boolean isStatic = imp.startsWith("static ");
            String name = isStatic ? imp.substring("static ".length()) : imp;
            if (name.endsWith(".*")) {
                if (!isStatic) {
                    onDemandImports.add(name.substring(0, name.length() - 2));
                }
            } else if (isStatic) {
                staticImports.put(simple(name), name);
            } else {
                singleImports.put(simple(name), name);
            }
        }
    }

    public String packageName() {
        return packageName;
    }

    /** The qualified member a static single import names ({@code a.B.m} for {@code m}), if any. */
    public Optional<String> staticImport(String member) {
        return Optional.ofNullable(staticImports.get(member));
    }

    /** Resolves a written name ({@code Foo}, {@code Foo.Bar}, {@code a.b.Foo}) against the project and the tables. */
    public Optional<String> resolve(String written, Predicate<String> isProjectType, LibraryTypes library) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String rest = dot < 0 ? "" : written.substring(dot);
        String local = localTypes.get(first);
        if (local != null) {
            return Optional.of(local + rest);
        }
        String imported = singleImports.get(first);
        if (imported != null) {
            return Optional.of(imported + rest);
        }
        String samePackage = packageName.isEmpty() ? first : packageName + "." + first;
        if (isProjectType.test(samePackage)) {
            return Optional.of(samePackage + rest);
        }
        for (String pkg : onDemandImports) {
            String candidate = pkg + "." + first;
            if (library.exists(candidate) || isProjectType.test(candidate)) {
                return Optional.of(candidate + rest);
            }
        }
        if (JAVA_LANG.contains(first)) {
            return Optional.of("java.lang." + first + rest);
        }
        if (dot > 0 && Character.isLowerCase(first.charAt(0))) {
            return Optional.of(written);
        }
        return Optional.empty();
    }

    static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
