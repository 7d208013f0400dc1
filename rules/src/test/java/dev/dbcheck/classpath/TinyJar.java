package dev.dbcheck.classpath;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a small library for tests the way a real one is built: Java sources compiled by javac, then the class
 * files of some packages put in a jar. Sources of other packages (stand-ins for a library the jar only uses, such
 * as MyBatis-Plus's {@code BaseMapper}) are compiled against but left out of the jar, so that the analysis knows
 * them from its tables only.
 */
public final class TinyJar {

    private TinyJar() {}

    /**
     * @param sources path of each source ({@code com/acme/data/AcmeStore.java}) to its text
     * @param packagesInJar the package folders whose class files go in the jar ({@code com/acme/})
     * @return the jar, under {@code dir}
     */
    public static Path build(Path dir, String jarName, Map<String, String> sources, List<String> packagesInJar) {
        try {
            Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
            Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn", "-proc:none"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path p = src.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                args.add(p.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
            int status = javac.run(null, messages, messages, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac failed on the test library " + jarName + ": " + messages);
            }
            Path jar = dir.resolve(jarName + ".jar");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                    Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    if (packagesInJar.stream().anyMatch(name::startsWith)) {
                        zip.putNextEntry(new JarEntry(name));
                        zip.write(Files.readAllBytes(f));
                        zip.closeEntry();
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stand-in for MyBatis-Plus's {@code BaseMapper} to compile against (never put in a jar). */
    public static final String BASE_MAPPER = """
            package com.baomidou.mybatisplus.core.mapper;
            public interface BaseMapper<T> {
                T selectById(java.io.Serializable id);
                int insert(T entity);
            }
            """;
}
