package dev.dbcheck.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One type the project declares (top-level or nested), named by its {@code package} declaration, never by
 * its file's path.
 *
 * @param name qualified name, nested types joined by '.'
 * @param file the source file that declares it
 * @param dependency whether the file comes from a dependency source root: resolved, never reported
 * @param supertypes direct supertypes as written ({@code extends} first, then {@code implements}), resolved
 *     where possible; project and library types alike
 * @param enclosing the qualified name of the enclosing type of a nested type, or null
 */
public record ProjectType(String name, String packageName, String simpleName, Kind kind, Path file,
        boolean dependency, Set<String> modifiers, List<String> annotations, List<TypeRef> supertypes,
        List<FieldInfo> fields, List<MethodInfo> methods, String enclosing) {

    public enum Kind { CLASS, INTERFACE, ENUM, RECORD, ANNOTATION }

    public ProjectType {
        modifiers = Set.copyOf(modifiers);
        annotations = List.copyOf(annotations);
        supertypes = List.copyOf(supertypes);
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
    }

    public boolean isInterface() {
        return kind == Kind.INTERFACE;
    }

    public boolean isAbstract() {
        return modifiers.contains("abstract") || kind == Kind.INTERFACE;
    }

    public boolean hasAnnotation(String qualifiedOrSimpleName) {
        for (String a : annotations) {
            if (a.equals(qualifiedOrSimpleName) || a.endsWith("." + qualifiedOrSimpleName)) {
                return true;
            }
        }
        return false;
    }
}
