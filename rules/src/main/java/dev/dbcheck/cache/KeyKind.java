package dev.dbcheck.cache;

/**
 * How many callers can miss one cache key at the same moment, which is what makes a stampede dangerous.
 * The {@link #label} is the finding's {@code keyKind} evidence.
 */
public enum KeyKind {
    /**
     * Built from the signed-in user (the security context, a token or session, a login helper, a username):
     * only that user's own concurrent requests miss it together.
     */
    PER_PRINCIPAL("per-principal"),
    /**
     * The same key for many users: a constant, a method without parameters, a code, a type, a configuration
     * key, a tenant or client id, an entity id.
     */
    SHARED("shared"),
    /** Not visible to the analysis (a key generator, a key the project's wrapper builds). */
    UNKNOWN("unknown");

    private final String label;

    KeyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
