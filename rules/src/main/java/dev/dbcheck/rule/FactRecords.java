package dev.dbcheck.rule;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed facts: a rule records a {@code record} and reads the same record back in its project phase, while the
 * engine keeps storing (and caching) the flat string form of {@link Fact#data()}. The kind is the record's simple
 * name; components may be {@code String} (null stays absent), {@code int}, {@code long}, {@code boolean} or an
 * enum.
 */
public final class FactRecords {

    private FactRecords() {}

    /** The fact kind of a record type. */
    public static String kind(Class<? extends Record> type) {
        return type.getSimpleName();
    }

    /** The flat form of {@code value}, one entry per non-null component. */
    public static Map<String, String> encode(Record value) {
        Map<String, String> data = new HashMap<>();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            parse(c.getType(), null); // refuses a component that has no flat form
            Object v = read(c, value);
            if (v != null) {
                data.put(c.getName(), v instanceof Enum<?> e ? e.name() : v.toString());
            }
        }
        return data;
    }

    /** The record {@code fact} holds, when it is of {@code type}'s kind. */
    static <R extends Record> R decode(Class<R> type, Map<String, String> data) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] signature = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            signature[i] = components[i].getType();
            args[i] = parse(signature[i], data.get(components[i].getName()));
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(signature);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild fact " + type.getName(), e);
        }
    }

    private static Object read(RecordComponent component, Record value) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read fact component " + component.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class) {
            return text == null ? 0 : Integer.parseInt(text);
        }
        if (type == long.class) {
            return text == null ? 0L : Long.parseLong(text);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type.isEnum()) {
            return text == null ? null : Enum.valueOf((Class<Enum>) type, text);
        }
        throw new IllegalArgumentException("unsupported fact component type " + type.getName());
    }
}
