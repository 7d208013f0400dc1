package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cacheFile}: the incremental cache where a CI cache step can keep it, and only there. */
@MojoTest
@Basedir("/projects/scans")
class CacheFileMojoTest {

    @Inject
    private MavenProject project;

    @TempDir
    Path ciCache;

    private static void set(VerifyMojo mojo, String field, Object value) throws ReflectiveOperationException {
        var f = AbstractDbcheckMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void theCacheGoesWhereTheUserAsksAndIsReadBackFromThere(VerifyMojo mojo) throws Exception {
        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path defaultCache = basedir.resolve("target/dbcheck/dbcheck-cache.json.gz");
        Files.deleteIfExists(defaultCache);
        Path chosen = ciCache.resolve("restored/dbcheck-cache.json.gz");
        set(mojo, "cacheFile", chosen.toFile());

        CapturingLog first = new CapturingLog();
        mojo.setLog(first);
        mojo.execute();
        assertTrue(Files.isRegularFile(chosen), "the cache is written where the user chose");
        assertFalse(Files.exists(defaultCache), "and not under target/ as well");
        long written = Files.getLastModifiedTime(chosen).toMillis();

        // The next run reads it: same findings; an unreadable or foreign file there would be reported and ignored.
        CapturingLog second = new CapturingLog();
        mojo.setLog(second);
        mojo.execute();
        assertEquals(first.dbcheckLines(), second.dbcheckLines());
        assertTrue(Files.getLastModifiedTime(chosen).toMillis() >= written);
        assertTrue(second.lines().stream().noneMatch(l -> l.contains("unreadable analysis cache")),
                second.lines().toString());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void withoutCacheFileTheCacheStaysUnderTarget(VerifyMojo mojo) throws Exception {
        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path defaultCache = basedir.resolve("target/dbcheck/dbcheck-cache.json.gz");
        Files.deleteIfExists(defaultCache);
        set(mojo, "cacheFile", (File) null);
        mojo.setLog(new CapturingLog());
        mojo.execute();
        assertTrue(Files.isRegularFile(defaultCache));
        assertEquals(List.of(), listOutside(basedir));
    }

    /** Files the run created in the project folder outside target/ (none may be). */
    private static List<Path> listOutside(Path basedir) throws Exception {
        try (var walk = Files.walk(basedir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !basedir.relativize(p).startsWith("target"))
                    .filter(p -> p.getFileName().toString().startsWith("dbcheck-cache")).toList();
        }
    }
}
