package dev.dbcheck.model;

import java.util.List;

/**
 * What one source file declares, as written (nothing resolved yet): its package, imports, types with their
 * members, and the type-like names it mentions. Extracted from one parse by {@link Declarations#of}; plain data,
 * so the incremental cache can keep it per content hash and a warm run can build the {@link ProjectModel}
 * without parsing. Names are resolved when the model is built, once every project type is known.
 *
 * @param imports as written, {@code a.b.C}, {@code a.b.*}, {@code static a.b.C.m}, {@code static a.b.C.*}
 * @param mentions capitalised simple names the file uses as types or static scopes (sorted): what the model
 *     needs to tell which other files this file's analysis can depend on
 */
public record FileDeclarations(String packageName, List<String> imports, List<RawType> types, List<String> mentions) {

    public FileDeclarations {
        imports = List.copyOf(imports);
        types = List.copyOf(types);
        mentions = List.copyOf(mentions);
    }

    /** A type reference as written: {@code Map.Entry}, with its type arguments. */
    public record RawRef(String written, List<RawRef> arguments) {
        public RawRef {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * @param constant the value of a constant string field ({@code static final}, or any field of an interface) as
     *     its own file computes it from literals and the constants of its type, or null
     */
    public record RawField(String name, RawRef type, List<String> modifiers, int line, String constant) {
        public RawField {
            modifiers = List.copyOf(modifiers);
        }
    }

    public record RawMethod(String name, List<RawRef> parameterTypes, List<String> parameterNames, RawRef returnType,
            List<String> annotations, List<String> modifiers, boolean hasBody, int line) {
        public RawMethod {
            parameterTypes = List.copyOf(parameterTypes);
            parameterNames = List.copyOf(parameterNames);
            annotations = List.copyOf(annotations);
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * @param name qualified name from the package declaration and the enclosing types
     * @param kind a {@link ProjectType.Kind} name
     * @param supertypes {@code extends} first, then {@code implements}
     */
    public record RawType(String name, String simpleName, String kind, List<String> modifiers, List<String> annotations,
            List<RawRef> supertypes, List<RawField> fields, List<RawMethod> methods, String enclosing, int line) {
        public RawType {
            modifiers = List.copyOf(modifiers);
            annotations = List.copyOf(annotations);
            supertypes = List.copyOf(supertypes);
            fields = List.copyOf(fields);
            methods = List.copyOf(methods);
        }
    }
}
