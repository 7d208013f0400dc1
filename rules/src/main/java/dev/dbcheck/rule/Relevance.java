package dev.dbcheck.rule;

import dev.dbcheck.types.MethodMatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Java file, or a file it reaches through the project model, must contain for a rule to report anything
 * there: any one of some library types (by qualified name: written by its simple name in a file that sees its
 * package, through an import or a qualified name), identifiers ending in some suffix
 * (project types recognised by name, {@code ...Repository}), or fragments of text (SQL keywords, property
 * names in string literals; matched case-insensitively in the raw text). The engine does not parse files that
 * no enabled rule can use (see {@code engine/RelevanceFilter}). {@link #ALWAYS} opts a rule out: every file
 * is parsed.
 *
 * <p>Sound by construction: the names come from the same data the rules match with (the {@code *.types}
 * tables and the qualified names in the rules' own constants and {@link MethodMatcher}s, read reflectively),
 * so they cannot drift from it. A library type is only ever reached through a name written somewhere in the
 * project: in an import, a declaration, or the static call that starts a chain; the filter follows the model's
 * mentions from there.
 */
public record Relevance(boolean always, Set<String> types, Set<String> suffixes, Set<String> fragments,
        Set<String> calls) {

    /** Every file may matter: the rule cannot say what it needs. */
    public static final Relevance ALWAYS = new Relevance(true, Set.of(), Set.of(), Set.of(), Set.of());

    public static final Relevance NONE = new Relevance(false, Set.of(), Set.of(), Set.of(), Set.of());

    /**
     * Packages whose types are the glue of every Java program, not a data-access API: no rule reports on them
     * alone (a {@code Map} is a cache only next to a database, cache or remote client it loads from, which is
     * in the vocabulary), so their names would only make every file relevant.
     */
    private static final Set<String> GENERIC_PACKAGES = Set.of("java.lang", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.function", "java.util.stream",
            "java.util.random", "java.time", "java.io", "java.security", "java.util.logging");

    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])([a-z_$][\\w$]*(?:\\.[a-z_$][\\w$]*)*)\\.([A-Z][\\w$]*)");

    public Relevance {
        types = Set.copyOf(types);
        suffixes = Set.copyOf(suffixes);
        fragments = Set.copyOf(fragments.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
        calls = Set.copyOf(calls);
    }

    public static Relevance suffixes(Collection<String> suffixes) {
        return new Relevance(false, Set.of(), Set.copyOf(suffixes), Set.of(), Set.of());
    }

    /** Text that must occur somewhere in the file, in any case (string literals, comments, names). */
    public static Relevance fragments(String... fragments) {
        return new Relevance(false, Set.of(), Set.of(), Set.of(fragments), Set.of());
    }

    public Relevance or(Relevance other) {
        if (always || other.always) {
            return ALWAYS;
        }
        // A call requirement narrows: the union keeps one only if both have one.
        Set<String> anyCall = calls.isEmpty() || other.calls.isEmpty() ? Set.of() : union(calls, other.calls);
        return new Relevance(false, union(types, other.types), union(suffixes, other.suffixes),
                union(fragments, other.fragments), anyCall);
    }

    /**
     * The simple names of the types a {@code dev/dbcheck/types/*.types} table names (the outermost type of a
     * nested one: that is the name a file must write to reach it), generic JDK packages left out.
     */
    public static Relevance typeTables(String... tables) {
        Set<String> names = new TreeSet<>();
        for (String table : tables) {
            try (InputStream in = Relevance.class.getResourceAsStream("/dev/dbcheck/types/" + table)) {
                if (in == null) {
                    throw new IllegalStateException("no type table " + table);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.startsWith("#")) {
                        addQualifiedNames(line, names);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Relevance(false, names, Set.of(), Set.of(), Set.of());
    }

    /**
     * The simple names of every qualified type name in the static constants of {@code holders}: strings,
     * collections, maps and arrays of them, and {@link MethodMatcher}s (their receiver types). Generic JDK
     * packages are left out.
     */
    public static Relevance constantsOf(Class<?>... holders) {
        Set<String> names = new TreeSet<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    collect(field.get(null), names, 0);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + holder.getName() + "." + field.getName(), e);
                }
            }
        }
        return new Relevance(false, names, Set.of(), Set.of(), Set.of());
    }

    private static void collect(Object value, Set<String> names, int depth) {
        if (value == null || depth > 4 || value instanceof Relevance) {
            return;
        }
        if (value instanceof String s) {
            addQualifiedNames(s, names);
        } else if (value instanceof MethodMatcher m) {
            m.owners().forEach(o -> addQualifiedNames(o, names));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, names, depth + 1));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                collect(k, names, depth + 1);
                collect(v, names, depth + 1);
            });
        } else if (value instanceof Object[] array) {
            for (Object v : array) {
                collect(v, names, depth + 1);
            }
        } else if (value instanceof Record r) {
            for (var component : r.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    collect(component.getAccessor().invoke(r), names, depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }

    /**
     * {@code a.b.Outer.Inner} adds {@code a.b.Outer}: a file reaches it by writing {@code Outer} and seeing
     * package {@code a.b}; {@code java.util.Map} adds nothing (generic).
     */
    static void addQualifiedNames(String text, Set<String> names) {
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            if (!GENERIC_PACKAGES.contains(m.group(1))) {
                names.add(m.group(1) + "." + m.group(2));
            }
        }
    }

    /** Some library types by qualified name (the outermost type of a nested one; generic JDK packages left out). */
    public static Relevance types(Collection<String> qualifiedNames) {
        Set<String> names = new TreeSet<>();
        qualifiedNames.forEach(n -> addQualifiedNames(n, names));
        return new Relevance(false, names, Set.of(), Set.of(), Set.of());
    }

    /**
     * This relevance with only the types under the given package prefixes (suffixes and fragments kept): what an
     * analysis needs whose effects come from some of a rule's libraries (the type tables also list look-alikes
     * the rule must tell apart, such as HBase's {@code Table.getScanner}, which are no effect of its own).
     */
    public Relevance inPackages(String... prefixes) {
        Set<String> kept = new TreeSet<>();
        for (String type : types) {
            for (String prefix : prefixes) {
                if (type.startsWith(prefix)) {
                    kept.add(type);
                }
            }
        }
        return new Relevance(always, kept, suffixes, fragments, calls);
    }

    /**
     * This relevance for an analysis whose effects are calls of these method names only: a file has such an
     * effect only if it calls one of the names (the name followed by {@code (}; a method reference is no call) and
     * reaches (through the model) a file with what the rest of this relevance names. Used for method summaries ({@code JavaRule.summaryRelevance()}), not for rules.
     */
    public Relevance requiringCalls(Collection<String> names) {
        return new Relevance(always, types, suffixes, fragments, Set.copyOf(names));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
