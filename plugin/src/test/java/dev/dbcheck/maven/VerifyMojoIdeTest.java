package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/** {@code dbcheck:verify} in Eclipse: problem markers through the injected {@link BuildContext}. */
@MojoTest
@Basedir("/projects/scans")
class VerifyMojoIdeTest {

    @Inject
    private MavenProject project;

    private final CapturingLog log = new CapturingLog();

    private static Field buildContextField() throws NoSuchFieldException {
        Field field = VerifyMojo.class.getDeclaredField("buildContext");
        field.setAccessible(true);
        return field;
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void theCommandLineGetsTheDefaultContextFromThePluginDescriptor(VerifyMojo mojo) throws Exception {
        // Proves the @Component wiring: Maven injects plexus-build-api's default, which m2e replaces.
        assertSame(DefaultBuildContext.class, buildContextField().get(mojo).getClass());
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void anIdeContextGetsOneMarkerPerFindingAfterClearingTheAnalysedFiles(VerifyMojo mojo) throws Exception {
        RecordingBuildContext context = new RecordingBuildContext();
        buildContextField().set(mojo, context);
        mojo.setLog(log);
        mojo.execute();

        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path repo = basedir.resolve("src/main/java/com/acme/Repo.java");
        // Test sources are not analysed by default, so their markers are left alone.
        assertEquals(List.of(repo.toString()), context.removed);
        assertEquals(1, context.added.size(), context.added.toString());
        String marker = context.added.get(0);
        assertTrue(marker.startsWith("WARNING " + repo + ":18:23 DynamoDbScan: scan() on table \"items\" reads "
                + "every item"), marker);
        // The console still prints the finding: markers are in addition, not instead.
        assertTrue(log.dbcheckLines().stream().anyMatch(l -> l.startsWith("[WARNING] " + repo + ":[18,23]")));
    }
}
