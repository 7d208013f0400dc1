package dev.dbcheck.model;

import dev.dbcheck.model.FileDeclarations.RawField;
import dev.dbcheck.model.FileDeclarations.RawMethod;
import dev.dbcheck.model.FileDeclarations.RawRef;
import dev.dbcheck.model.FileDeclarations.RawType;
import dev.dbcheck.types.LibraryTypes;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole project as declarations: every type by its {@code package} declaration, its supertypes (project
 * and library), fields (inherited ones too), methods and their signatures. Built once per analysis, before any
 * rule runs, from each file's {@link FileDeclarations}; immutable afterwards, so rules on many threads share
 * it without locks. Rules reach it through {@code JavaContext.model()} or {@code TypeResolver.model()}.
 *
 * <p>Files of dependency source roots (sibling modules) are in the model for resolution only: their types
 * resolve, their methods have summaries, and nothing in them is reported ({@link #isDependency}).
 */
public final class ProjectModel {

    private static final ProjectModel EMPTY = new ProjectModel(Map.of(), Map.of(), Set.of(), LibraryTypes.get());

    private final Map<String, ProjectType> types;
    private final Map<Path, List<ProjectType>> byFile;
    private final Map<Path, FileDeclarations> declarations;
    private final Map<String, Set<String>> bySimpleName = new HashMap<>();
    private final Map<String, List<String>> directSubtypes = new HashMap<>();
    private final Map<Path, NameScope> scopes = new HashMap<>();
    private final Map<String, List<Path>> mentionedBy = new HashMap<>();
    private final Set<String> methodNames = new HashSet<>();
    private final Map<String, List<String>> supertypeMemo = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<Path> dependencyFiles;
    private final LibraryTypes library;

    private ProjectModel(Map<String, ProjectType> types, Map<Path, FileDeclarations> declarations,
            Set<Path> dependencyFiles, LibraryTypes library) {
        this.types = types;
        this.declarations = declarations;
        this.dependencyFiles = Set.copyOf(dependencyFiles);
        this.library = library;
        Map<Path, List<ProjectType>> files = new HashMap<>();
        for (ProjectType t : types.values()) {
            bySimpleName.computeIfAbsent(t.simpleName(), k -> new TreeSet<>()).add(t.name());
            if (t.file() != null) {
                files.computeIfAbsent(t.file(), k -> new ArrayList<>()).add(t);
            }
            for (TypeRef s : t.supertypes()) {
                directSubtypes.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(t.name());
            }
            for (MethodInfo m : t.methods()) {
                methodNames.add(m.name());
            }
        }
        directSubtypes.values().forEach(Collections::sort);
        this.byFile = files;
        for (Map.Entry<Path, FileDeclarations> e : declarations.entrySet()) {
            for (String m : e.getValue().mentions()) {
                mentionedBy.computeIfAbsent(m, k -> new ArrayList<>()).add(e.getKey());
            }
        }
    }

    /** A model with no project types: single-file analyses and tests. */
    public static ProjectModel empty() {
        return EMPTY;
    }

    /** A model that knows only the names of project types (no members): for tests of name resolution. */
    public static ProjectModel ofNames(Set<String> names) {
        Map<String, ProjectType> types = new TreeMap<>();
        for (String n : names) {
            int dot = n.lastIndexOf('.');
            types.put(n, new ProjectType(n, dot < 0 ? "" : n.substring(0, dot), n.substring(dot + 1),
                    ProjectType.Kind.CLASS, null, false, Set.of(), List.of(), List.of(), List.of(), List.of(), null));
        }
        return new ProjectModel(types, Map.of(), Set.of(), LibraryTypes.get());
    }

    /**
     * Builds the model: first every type name (so names resolve whatever the order), then each file's
     * declarations resolved in that file's scope.
     *
     * @param files each source file's declarations, project and dependency files alike
     * @param dependencyFiles the files that are there for resolution only
     */
    public static ProjectModel build(Map<Path, FileDeclarations> files, Set<Path> dependencyFiles,
            LibraryTypes library) {
        Set<String> names = new HashSet<>();
        for (FileDeclarations d : files.values()) {
            d.types().forEach(t -> names.add(t.name()));
        }
        Map<String, ProjectType> types = new TreeMap<>();
        Map<Path, NameScope> scopes = new HashMap<>();
        // Sorted so that when two files declare the same type the choice is the same on every run.
        for (Map.Entry<Path, FileDeclarations> e : new TreeMap<>(files).entrySet()) {
            FileDeclarations d = e.getValue();
            Map<String, String> local = new HashMap<>();
            d.types().forEach(t -> local.putIfAbsent(t.simpleName(), t.name()));
            NameScope scope = new NameScope(d.packageName(), d.imports(), local);
            scopes.put(e.getKey(), scope);
            boolean dependency = dependencyFiles.contains(e.getKey());
            for (RawType raw : d.types()) {
                types.putIfAbsent(raw.name(), resolve(raw, e.getKey(), dependency, scope, names, library));
            }
        }
        ProjectModel model = new ProjectModel(types, Map.copyOf(files), dependencyFiles, library);
        model.scopes.putAll(scopes);
        return model;
    }

    private static ProjectType resolve(RawType raw, Path file, boolean dependency, NameScope scope, Set<String> names,
            LibraryTypes library) {
        List<FieldInfo> fields = new ArrayList<>();
        for (RawField f : raw.fields()) {
            fields.add(new FieldInfo(raw.name(), f.name(), ref(f.type(), scope, names, library),
                    new HashSet<>(f.modifiers()), f.line(), f.constant()));
        }
        List<MethodInfo> methods = new ArrayList<>();
        for (RawMethod m : raw.methods()) {
            methods.add(new MethodInfo(raw.name(), m.name(),
                    m.parameterTypes().stream().map(p -> ref(p, scope, names, library)).toList(), m.parameterNames(),
                    ref(m.returnType(), scope, names, library),
                    m.annotations().stream().map(a -> scope.resolve(a, names::contains, library).orElse(a)).toList(),
                    new HashSet<>(m.modifiers()), m.hasBody(), m.line()));
        }
        int dot = raw.name().lastIndexOf('.');
        String pkg = raw.enclosing() != null ? scope.packageName() : dot < 0 ? "" : raw.name().substring(0, dot);
        return new ProjectType(raw.name(), pkg, raw.simpleName(), ProjectType.Kind.valueOf(raw.kind()), file,
                dependency, new HashSet<>(raw.modifiers()),
                raw.annotations().stream().map(a -> scope.resolve(a, names::contains, library).orElse(a)).toList(),
                raw.supertypes().stream().map(s -> ref(s, scope, names, library)).toList(), fields, methods,
                raw.enclosing());
    }

    private static final Set<String> PRIMITIVES = Set.of("void", "boolean", "byte", "short", "char", "int", "long",
            "float", "double");

    private static TypeRef ref(RawRef raw, NameScope scope, Set<String> names, LibraryTypes library) {
        String written = raw.written();
        String dims = "";
        while (written.endsWith("[]")) {
            dims += "[]";
            written = written.substring(0, written.length() - 2);
        }
        List<TypeRef> args = raw.arguments().stream().map(a -> ref(a, scope, names, library)).toList();
        if (PRIMITIVES.contains(written)) {
            return new TypeRef(written + dims, true, args);
        }
        Optional<String> resolved = scope.resolve(written, names::contains, library);
        return new TypeRef(resolved.orElse(written) + dims, resolved.isPresent(), args);
    }

    // ---- types -------------------------------------------------------------------------------------

    public boolean contains(String qualifiedName) {
        return types.containsKey(qualifiedName);
    }

    public Optional<ProjectType> type(String qualifiedName) {
        return Optional.ofNullable(types.get(qualifiedName));
    }

    /** Every project type, by qualified name. */
    public Collection<ProjectType> types() {
        return Collections.unmodifiableCollection(types.values());
    }

    /** The types a file declares (top-level and nested), in declaration order of the extraction. */
    public List<ProjectType> typesIn(Path file) {
        return byFile.getOrDefault(file, List.of());
    }

    /** Whether some project type declares a method of this name: a cheap first filter for call targets. */
    public boolean declaresMethodNamed(String name) {
        return methodNames.contains(name);
    }

    /** Whether some file of the model imports (single-type, on-demand or static) a name starting with one of these prefixes. */
    public boolean anyImportStartsWith(Collection<String> prefixes) {
        for (FileDeclarations d : declarations.values()) {
            for (String imp : d.imports()) {
                String name = imp.startsWith("static ") ? imp.substring("static ".length()) : imp;
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether some file of the model mentions one of these simple names (as a type, annotation or static scope). */
    public boolean mentionsAny(Collection<String> simpleNames) {
        for (String n : simpleNames) {
            if (mentionedBy.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    /** The files of the model that mention this simple name (as a type, annotation or static scope), in no order. */
    public List<Path> filesMentioning(String simpleName) {
        return mentionedBy.getOrDefault(simpleName, List.of());
    }

    /** Qualified names of project types with this simple name. */
    public Set<String> typesNamed(String simpleName) {
        return bySimpleName.getOrDefault(simpleName, Set.of());
    }

    /** The raw declarations of a file, as extracted (what the cache keeps), or null for a file not in the model. */
    public FileDeclarations declarationsOf(Path file) {
        return declarations.get(file);
    }

    /** How names resolve in a file of the model, or empty for a file not in it. */
    public Optional<NameScope> scopeOf(Path file) {
        return Optional.ofNullable(scopes.get(file));
    }

    /** Whether a file belongs to a dependency source root: resolved, never reported. */
    public boolean isDependency(Path file) {
        return dependencyFiles.contains(file);
    }

    public LibraryTypes library() {
        return library;
    }

    // ---- hierarchy ---------------------------------------------------------------------------------

    /** Direct supertypes of a project or library type, as qualified names (project types with resolved names). */
    public List<String> directSupertypes(String type) {
        ProjectType t = types.get(type);
        if (t != null) {
            return t.supertypes().stream().map(TypeRef::name).toList();
        }
        return List.copyOf(library.supertypes(type));
    }

    /** Every supertype, project and library, nearest first (breadth-first); the type itself is not included. */
    public List<String> supertypes(String type) {
        // Memoised: asked for every subtype test and member lookup. The model never changes, so neither do these.
        List<String> known = supertypeMemo.get(type);
        if (known == null) {
            known = computeSupertypes(type);
            supertypeMemo.putIfAbsent(type, known);
        }
        return known;
    }

    private List<String> computeSupertypes(String type) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> work = new ArrayDeque<>(directSupertypes(type));
        while (!work.isEmpty()) {
            String s = work.poll();
            if (!s.equals(type) && seen.add(s)) {
                work.addAll(directSupertypes(s));
            }
        }
        return List.copyOf(seen);
    }

    /** Whether {@code type} is {@code target} or a subtype of it, through project and library supertypes. */
    public boolean isSubtype(String type, String target) {
        return type.equals(target) || (!supertypes(type).isEmpty() && supertypes(type).contains(target));
    }

    /** The supertype reference of {@code type} naming {@code target}, with its type arguments as written. */
    public Optional<TypeRef> supertypeRef(String type, String target) {
        for (String t : withSupertypes(type)) {
            ProjectType p = types.get(t);
            if (p != null) {
                for (TypeRef s : p.supertypes()) {
                    if (s.name().equals(target)) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Library types among the supertypes of a project type (the APIs it implements or extends). */
    public List<String> librarySupertypes(String type) {
        return supertypes(type).stream().filter(s -> !types.containsKey(s)).toList();
    }

    /** Every project type that is a subtype of {@code type} (a project or a library type), sorted. */
    public List<String> subtypesOf(String type) {
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> work = new ArrayDeque<>(directSubtypes.getOrDefault(type, List.of()));
        while (!work.isEmpty()) {
            String s = work.poll();
            if (seen.add(s)) {
                work.addAll(directSubtypes.getOrDefault(s, List.of()));
            }
        }
        return List.copyOf(seen);
    }

    private List<String> withSupertypes(String type) {
        List<String> all = new ArrayList<>();
        all.add(type);
        all.addAll(supertypes(type));
        return all;
    }

    // ---- members -----------------------------------------------------------------------------------

    /** A field declared by the type or inherited from a project supertype (the nearest declaration wins). */
    public Optional<FieldInfo> field(String type, String name) {
        for (String t : withSupertypes(type)) {
            ProjectType p = types.get(t);
            if (p != null) {
                for (FieldInfo f : p.fields()) {
                    if (f.name().equals(name)) {
                        return Optional.of(f);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Methods of that name the type declares or inherits from project supertypes, nearest first. */
    public List<MethodInfo> methods(String type, String name) {
        List<MethodInfo> out = new ArrayList<>();
        for (String t : withSupertypes(type)) {
            ProjectType p = types.get(t);
            if (p != null) {
                for (MethodInfo m : p.methods()) {
                    if (m.name().equals(name)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The method a call {@code name(..)} with {@code arity} arguments on {@code type} runs, as declared: the
     * nearest declaration in the type or its project supertypes with a body, else the nearest abstract one.
     * A declaration of exactly that arity wins over a varargs one ({@code scan(String, Map, Map)} over
     * {@code scan(ScanFilter...)} for three arguments); overloads with the same arity are not told apart (the first
     * declared wins).
     */
    public Optional<MethodInfo> method(String type, String name, int arity) {
        MethodInfo abstractOne = null;
        MethodInfo varargs = null;
        MethodInfo abstractVarargs = null;
        for (MethodInfo m : methods(type, name)) {
            if (m.arity() == arity) {
                if (m.hasBody()) {
                    return Optional.of(m);
                }
                if (abstractOne == null) {
                    abstractOne = m;
                }
            } else if (m.arity() > 0 && m.parameterTypes().get(m.arity() - 1).name().endsWith("[]")
                    && arity >= m.arity() - 1) {
                if (m.hasBody() && varargs == null) {
                    varargs = m;
                } else if (!m.hasBody() && abstractVarargs == null) {
                    abstractVarargs = m;
                }
            }
        }
        if (varargs != null) {
            return Optional.of(varargs);
        }
        return Optional.ofNullable(abstractOne != null ? abstractOne : abstractVarargs);
    }

    /** Project methods that {@code method} overrides or implements: same name and arity in a supertype. */
    public List<MethodInfo> overridesOf(MethodInfo method) {
        List<MethodInfo> out = new ArrayList<>();
        for (String t : supertypes(method.owner())) {
            ProjectType p = types.get(t);
            if (p != null) {
                for (MethodInfo m : p.methods()) {
                    if (sameSignatureShape(m, method)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /** Project methods that override or implement {@code method}, in its subtypes. */
    public List<MethodInfo> overridersOf(MethodInfo method) {
        List<MethodInfo> out = new ArrayList<>();
        for (String t : subtypesOf(method.owner())) {
            for (MethodInfo m : types.get(t).methods()) {
                if (sameSignatureShape(m, method)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /**
     * The library types whose method {@code method} overrides or implements, as far as names can tell: it is
     * annotated {@code @Override}, no project supertype declares it, and these are the owner's library
     * supertypes. Empty for a method that overrides nothing from a library.
     */
    public List<String> libraryOverrideTargets(MethodInfo method) {
        if (method.isStatic() || MethodInfo.CONSTRUCTOR.equals(method.name()) || !method.hasAnnotation("Override")
                || !overridesOf(method).isEmpty()) {
            return List.of();
        }
        return librarySupertypes(method.owner());
    }

    private static boolean sameSignatureShape(MethodInfo a, MethodInfo b) {
        return !a.isStatic() && !b.isStatic() && a.name().equals(b.name()) && a.arity() == b.arity()
                && !MethodInfo.CONSTRUCTOR.equals(a.name());
    }

    /** The type enclosing {@code type} when it is nested, or empty. */
    public Optional<String> enclosing(String type) {
        return type(type).map(ProjectType::enclosing);
    }

    // ---- dependencies between files ----------------------------------------------------------------

    /**
     * How far a change travels through mentions: a caller sees a wrapper's wrapper's wrapper
     * ({@link MethodSummaries#MAX_DEPTH}) and the types their receivers resolve through, with room to spare.
     */
    public static final int DEPENDENCY_DEPTH = MethodSummaries.MAX_DEPTH + 3;

    /**
     * The files whose analysis can change when {@code changed} files changed (edited, added or removed) and
     * types with the {@code changedNames} simple names appeared, changed or disappeared: the changed files, then
     * every file that mentions a type of an affected file by simple name (a caller of a wrapper, a subclass of
     * a base class, a file whose same-package name now resolves differently), {@link #DEPENDENCY_DEPTH} steps
     * deep, plus the project files the changed files mention (their callees: what runs only at start-up
     * depends on the callers). Over-approximate by design: a simple name stands for every type of that name.
     * Sorted.
     */
    public Set<Path> affectedBy(Set<Path> changed, Set<String> changedNames) {
        Set<Path> affected = new TreeSet<>();
        Set<String> names = new HashSet<>(changedNames);
        for (Path f : changed) {
            if (declarations.containsKey(f)) {
                affected.add(f);
                for (ProjectType t : typesIn(f)) {
                    names.add(t.simpleName());
                }
                for (String mention : declarations.get(f).mentions()) {
                    for (String t : typesNamed(mention)) {
                        affected.add(types.get(t).file());
                    }
                }
            }
        }
        for (int step = 0; step < DEPENDENCY_DEPTH && !names.isEmpty(); step++) {
            Set<String> next = new HashSet<>();
            for (String name : names) {
                for (Path f : mentionedBy.getOrDefault(name, List.of())) {
                    if (affected.add(f)) {
                        typesIn(f).forEach(t -> next.add(t.simpleName()));
                    }
                }
            }
            names = next;
        }
        return affected;
    }
}
