package dev.dbcheck.rule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts a fact record to the string map the engine stores (and caches) and back. Components may be
 * strings, whole numbers, booleans, doubles or enums; a {@code null} string is left out of the map.
 */
public final class FactRecords {

    private FactRecords() {}

    public static Map<String, String> encode(Record value) {
        Map<String, String> data = new HashMap<>();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            checkSupported(value.getClass(), c);
            try {
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true); // fact records may be package-private beside their rule
                Object v = accessor.invoke(value);
                if (v != null) {
                    data.put(c.getName(), v instanceof Enum<?> e ? e.name() : v.toString());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read fact component " + c.getName() + " of "
                        + value.getClass().getName(), e);
            }
        }
        return data;
    }

    public static <R extends Record> R decode(Class<R> type, Map<String, String> data) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            checkSupported(type, components[i]);
            types[i] = components[i].getType();
            args[i] = parse(types[i], data.get(components[i].getName()));
        }
        try {
            java.lang.reflect.Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild fact " + type.getName() + " from " + data, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String s) {
        if (type == String.class) {
            return s;
        }
        if (s == null) {
            throw new IllegalStateException("fact component of type " + type.getSimpleName() + " is missing");
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(s);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(s);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(s);
        }
        if (type == double.class || type == Double.class) {
            return Double.valueOf(s);
        }
        return Enum.valueOf((Class<? extends Enum>) type, s);
    }

    private static void checkSupported(Class<?> owner, RecordComponent c) {
        Class<?> t = c.getType();
        boolean ok = t == String.class || t.isEnum() || t == int.class || t == Integer.class || t == long.class
                || t == Long.class || t == boolean.class || t == Boolean.class || t == double.class
                || t == Double.class;
        if (!ok) {
            throw new IllegalArgumentException("Fact record " + owner.getName() + " has component " + c.getName()
                    + " of type " + t.getName() + "; facts hold strings, numbers, booleans and enums only");
        }
    }
}
