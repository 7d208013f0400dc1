package dev.dbcheck.classpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packages read from a jar's central directory are those the JDK's {@code ZipFile} lists. */
class JarPackagesTest {

    @TempDir
    Path dir;

    @Test
    void theCentralDirectoryGivesWhatZipFileGivesOnTheJarsOfThisBuild() throws IOException {
        List<Path> jars = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).toList();
        assertTrue(jars.size() > 5, "jars on the test class path: " + jars);
        for (Path jar : jars) {
            Set<String> read = JarPackages.centralDirectory(jar);
            assertNotNull(read, jar.toString());
            assertEquals(JarPackages.throughZipFile(jar), read, jar.toString());
        }
    }

    @Test
    void aJarWithBytesBeforeItsZipIsReadToo() throws IOException {
        Path jar = dir.resolve("launcher.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String name : List.of("a/b/C.class", "a/b/D.class", "a/E.class", "Top.class", "a/b/", "a/notes.txt",
                        "META-INF/versions/11/a/b/C.class")) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(1);
                    zip.closeEntry();
                }
                zip.setComment("a comment after the directory");
            }
        }
        assertEquals(Set.of("a/b", "a", "", "META-INF/versions/11/a/b"), JarPackages.read(jar));
        assertEquals(JarPackages.throughZipFile(jar), JarPackages.read(jar));
    }

    @Test
    void whatIsNoZipIsLeftToZipFileWhichRefusesIt() throws IOException {
        Path notZip = Files.writeString(dir.resolve("corrupt.jar"), "not a zip at all, but long enough to look");
        assertNull(JarPackages.centralDirectory(notZip));
        assertThrows(IOException.class, () -> JarPackages.read(notZip));
    }
}
