package dev.dbcheck.model;

import java.util.List;
import java.util.Set;

/**
 * A method (or constructor, named {@code <init>}) of a project type: its signature resolved in its own file,
 * its annotations (qualified where they resolve), modifiers and line. Identity is {@link #key()}.
 */
public record MethodInfo(String owner, String name, List<TypeRef> parameterTypes, List<String> parameterNames,
        TypeRef returnType, List<String> annotations, Set<String> modifiers, boolean hasBody, int line) {

    public static final String CONSTRUCTOR = "<init>";

    public MethodInfo {
        parameterTypes = List.copyOf(parameterTypes);
        parameterNames = List.copyOf(parameterNames);
        annotations = List.copyOf(annotations);
        modifiers = Set.copyOf(modifiers);
    }

    public int arity() {
        return parameterTypes.size();
    }

    public boolean isStatic() {
        return modifiers.contains("static");
    }

    public boolean isAbstract() {
        return !hasBody;
    }

    public boolean hasAnnotation(String qualifiedOrSimpleName) {
        for (String a : annotations) {
            if (a.equals(qualifiedOrSimpleName) || a.endsWith("." + qualifiedOrSimpleName)) {
                return true;
            }
        }
        return false;
    }

    /** {@code owner#name(T1,T2)} with raw parameter type names: unique within a project. */
    public String key() {
        return owner + "#" + name + "(" + String.join(",", parameterTypes.stream().map(TypeRef::name).toList()) + ")";
    }
}
