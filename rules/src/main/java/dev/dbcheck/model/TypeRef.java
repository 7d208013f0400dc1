package dev.dbcheck.model;

import java.util.List;

/**
 * A type as a declaration wrote it, resolved where the project model or the library tables can tell:
 * {@code name} is then fully qualified (nested types joined by '.'), otherwise it stays as written and
 * {@code resolved} is false. Type arguments are kept ({@code ServiceImpl<ShopMapper, Shop>}), arrays keep
 * their {@code []}, primitives and {@code void} are their keyword.
 */
public record TypeRef(String name, boolean resolved, List<TypeRef> arguments) {

    public TypeRef {
        arguments = List.copyOf(arguments);
    }

    public static TypeRef of(String qualifiedName) {
        return new TypeRef(qualifiedName, true, List.of());
    }

    @Override
    public String toString() {
        return arguments.isEmpty() ? name
                : name + "<" + String.join(", ", arguments.stream().map(TypeRef::toString).toList()) + ">";
    }
}
