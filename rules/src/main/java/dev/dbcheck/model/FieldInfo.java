package dev.dbcheck.model;

import java.util.Set;

/**
 * A field of a project type (or a record component), with its declared type resolved in its own file, and the
 * value of a constant string field (null otherwise), so that another file can read {@code CacheKeys.PREFIX}.
 */
public record FieldInfo(String owner, String name, TypeRef type, Set<String> modifiers, int line, String constant) {

    public FieldInfo {
        modifiers = Set.copyOf(modifiers);
    }

    public boolean isStatic() {
        return modifiers.contains("static");
    }
}
