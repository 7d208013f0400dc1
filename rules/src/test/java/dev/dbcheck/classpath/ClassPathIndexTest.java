package dev.dbcheck.classpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.types.LibraryTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathIndexTest {

    @TempDir
    Path dir;

    private static final String BASE = "com.baomidou.mybatisplus.core.mapper.BaseMapper";

    private Path library() {
        return TinyJar.build(dir, "acme-data-commons", Map.of(
                "com/baomidou/mybatisplus/core/mapper/BaseMapper.java", TinyJar.BASE_MAPPER,
                "com/acme/data/AcmeStore.java", """
                        package com.acme.data;
                        @Deprecated
                        public interface AcmeStore<T> extends com.baomidou.mybatisplus.core.mapper.BaseMapper<T>,
                                java.io.Closeable {
                            java.util.List<T> findRecent(int limit);
                            T pick();
                            Audit audit();
                            String name();
                            String name(int variant);
                            Object shape();
                            Integer shape(int variant);
                            void touch();
                            class Audit { public static class Line {} }
                        }
                        """,
                "com/acme/data/JdbcStore.java", """
                        package com.acme.data;
                        public abstract class JdbcStore<K, V> implements AcmeStore<java.util.Map<K, V[]>> {
                            private String secret() { return ""; }
                        }
                        """), List.of("com/acme/"));
    }

    @Test
    void readsSupertypesWithTheirTypeArgumentsAnnotationsAndReturnTypes() {
        try (ClassPathIndex index = ClassPathIndex.of(List.of(library()))) {
            LibraryType store = index.type("com.acme.data.AcmeStore").orElseThrow();
            assertTrue(store.isInterface());
            assertEquals("[com.baomidou.mybatisplus.core.mapper.BaseMapper<T>, java.io.Closeable]",
                    store.supertypes().toString());
            assertEquals(List.of("java.lang.Deprecated"), store.annotations());
            assertEquals(Optional.of("java.util.List"), store.returnType("findRecent"));
            assertEquals(Optional.of("com.acme.data.AcmeStore.Audit"), store.returnType("audit"));
            assertEquals(Optional.of("java.lang.String"), store.returnType("name"), "overloads agreeing");
            assertEquals(Optional.empty(), store.returnType("pick"), "a type variable is unknown at the caller");
            assertEquals(Optional.empty(), store.returnType("shape"), "overloads disagreeing");
            assertEquals(Optional.empty(), store.returnType("touch"), "void");

            LibraryType jdbc = index.type("com.acme.data.JdbcStore").orElseThrow();
            assertFalse(jdbc.isInterface());
            assertEquals("[com.acme.data.AcmeStore<java.util.Map<K, V[]>>]", jdbc.supertypes().toString());
            assertEquals(Optional.empty(), jdbc.returnType("secret"), "private methods are not read");
        }
    }

    @Test
    void findsNestedTypesByTheirDottedNames() {
        try (ClassPathIndex index = ClassPathIndex.of(List.of(library()))) {
            assertEquals("com.acme.data.AcmeStore.Audit.Line",
                    index.type("com.acme.data.AcmeStore.Audit.Line").orElseThrow().name());
            assertTrue(index.type("com.acme.data.Missing").isEmpty());
            assertTrue(index.type(BASE).isEmpty(), "compiled against, not in the jar");
            assertEquals(List.of("com/acme/data/AcmeStore.class"), ClassPathIndex.resourceNames("com.acme.data.AcmeStore"));
            assertEquals(List.of("a/B/C.class", "a/B$C.class"), ClassPathIndex.resourceNames("a.B.C"));
        }
    }

    @Test
    void theTablesTakeTheClassPathForWhatTheyDoNotList() {
        try (ClassPathIndex index = ClassPathIndex.of(List.of(library()))) {
            LibraryTypes tables = LibraryTypes.get();
            LibraryTypes both = tables.withClassPath(index);
            assertFalse(tables.isSubtype("com.acme.data.JdbcStore", BASE));
            assertTrue(both.isSubtype("com.acme.data.JdbcStore", BASE), "JdbcStore -> AcmeStore -> BaseMapper");
            assertTrue(both.isSubtype("com.acme.data.JdbcStore", "com.baomidou.mybatisplus.core.mapper.Mapper"),
                    "and on through the tables' own supertypes");
            assertTrue(both.isSubtypeOfAny("com.acme.data.JdbcStore", java.util.Set.of("java.io.Closeable")));
            assertTrue(both.exists("com.acme.data.AcmeStore"));
            assertFalse(both.isKnown("com.acme.data.AcmeStore"), "known means: in the tables");
            assertEquals(Optional.of("java.util.List"), both.returnType("com.acme.data.JdbcStore", "findRecent"));
            assertEquals(both, both.withClassPath(ClassPathIndex.empty()).withClassPath(ClassPathIndex.empty()));
        }
    }

    @Test
    void theFirstEntryWinsAndClassFoldersAreRead() throws IOException {
        Path jar = library();
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder.resolve("com/acme/data"));
        Files.copy(dir.resolve("acme-data-commons-classes/com/acme/data/JdbcStore.class"),
                folder.resolve("com/acme/data/JdbcStore.class"));
        try (ClassPathIndex index = ClassPathIndex.of(List.of(folder, jar))) {
            assertEquals(folder.toAbsolutePath().normalize(), index.type("com.acme.data.JdbcStore").orElseThrow().origin());
            assertEquals(jar.toAbsolutePath().normalize(), index.type("com.acme.data.AcmeStore").orElseThrow().origin());
        }
    }

    @Test
    void whatCannotBeReadIsNamedAndCountsAsAbsent() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a zip");
        Path missing = dir.resolve("never-built.jar");
        Path folder = dir.resolve("bad");
        Files.createDirectories(folder.resolve("com/acme"));
        Files.writeString(folder.resolve("com/acme/Broken.class"), "not a class file");
        try (ClassPathIndex index = ClassPathIndex.of(List.of(corrupt, missing, folder, library()))) {
            assertTrue(index.type("com.acme.Broken").isEmpty());
            assertTrue(index.type("com.acme.data.AcmeStore").isPresent(), "the entries after them are still read");
            String unreadable = index.unreadable().toString();
            assertTrue(unreadable.contains("corrupt.jar"), unreadable);
            assertTrue(unreadable.contains("com.acme.Broken"), unreadable);
            assertFalse(unreadable.contains("never-built"), "an entry that does not exist is no error: " + unreadable);
        }
    }

    @Test
    void seededTypesAreTakenWithoutOpeningTheJar() {
        Path jar = library();
        LibraryType read;
        try (ClassPathIndex first = ClassPathIndex.of(List.of(jar))) {
            read = first.type("com.acme.data.AcmeStore").orElseThrow();
            first.type("com.acme.data.Nothing");
            assertEquals(List.of("com.acme.data.Nothing"), List.copyOf(first.absent()));
            assertEquals(List.of(read), first.typesRead().get(jar.toAbsolutePath().normalize()));
        }
        Path gone = dir.resolve("elsewhere.jar");
        try (ClassPathIndex second = ClassPathIndex.of(List.of(gone))) {
            second.seed(read);
            assertEquals(Optional.of(read), second.type("com.acme.data.AcmeStore"));
        }
    }
}
