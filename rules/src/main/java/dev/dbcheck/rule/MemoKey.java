package dev.dbcheck.rule;

/**
 * The key of a per-file memo entry ({@link JavaContext#memo}, {@link ResourceFile#memo}), typed by the value it
 * holds. The analysis that owns an entry creates its key once, as a constant
 * ({@code static final MemoKey<ValueFlow> KEY = MemoKey.of("value flow")}): keys compare by identity, so two
 * analyses can never share an entry by accident, and the value needs no cast at the caller.
 */
public final class MemoKey<T> {

    private final String name;

    private MemoKey(String name) {
        this.name = name;
    }

    /** A new key, distinct from every other; {@code name} only describes it (in messages and debugging). */
    public static <T> MemoKey<T> of(String name) {
        return new MemoKey<>(name);
    }

    @Override
    public String toString() {
        return "MemoKey(" + name + ")";
    }
}
