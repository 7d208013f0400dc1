package dev.dbcheck.classpath;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a class file on the build's class path says a type is: its supertypes with their type arguments, its
 * annotations, and the return types of its methods. Names are qualified with nested types joined by '.', as
 * everywhere in dbcheck ({@code a.b.Outer.Inner}).
 *
 * @param name the type's qualified name
 * @param isInterface whether it is an interface (or an annotation type)
 * @param supertypes the superclass (none for {@code java.lang.Object} and interfaces that extend nothing), then
 *     the interfaces, in declaration order, with the type arguments of the generic signature
 * @param annotations the annotation types on the type, runtime-visible or not
 * @param methodReturns return type by method name, of the non-private methods the type declares (not those it
 *     inherits); a name whose overloads return different types, or a type variable, is left out
 * @param origin the class-path entry (jar or folder) the class file was read from
 */
public record LibraryType(String name, boolean isInterface, List<GenericType> supertypes, List<String> annotations,
        Map<String, String> methodReturns, Path origin) {

    public LibraryType {
        supertypes = List.copyOf(supertypes);
        annotations = List.copyOf(annotations);
        methodReturns = Map.copyOf(methodReturns);
    }

    /** The supertypes' qualified names, without type arguments. */
    public List<String> supertypeNames() {
        return supertypes.stream().map(GenericType::name).toList();
    }

    /** The return type of a method the type declares, when the class file makes it unambiguous. */
    public Optional<String> returnType(String method) {
        return Optional.ofNullable(methodReturns.get(method));
    }

    /**
     * A type as a generic signature writes it: {@code com.baomidou.mybatisplus.core.mapper.BaseMapper<T>}.
     *
     * @param arguments each type argument as written ({@code T}, {@code java.lang.String}, {@code ?},
     *     {@code java.util.List<T>})
     */
    public record GenericType(String name, List<String> arguments) {

        public GenericType {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String toString() {
            return arguments.isEmpty() ? name : name + "<" + String.join(", ", arguments) + ">";
        }
    }
}
