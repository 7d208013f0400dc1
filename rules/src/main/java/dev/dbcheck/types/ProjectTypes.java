package dev.dbcheck.types;

import java.util.Set;

/**
 * The top-level types a project declares, known before any file is parsed: by Java's convention the file
 * {@code com/acme/OrderRepository.java} under a source root declares {@code com.acme.OrderRepository}. That
 * is enough to resolve same-package and on-demand-imported names to project types, so a project's own
 * {@code Table} or {@code DynamoDbClient} is never mistaken for the library's.
 */
public record ProjectTypes(Set<String> names) {

    public ProjectTypes {
        names = Set.copyOf(names);
    }

    public static ProjectTypes none() {
        return new ProjectTypes(Set.of());
    }

    public boolean contains(String qualifiedName) {
        return names.contains(qualifiedName);
    }
}
