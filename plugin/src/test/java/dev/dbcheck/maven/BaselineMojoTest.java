package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dbcheck:baseline} writes the file, {@code verify} reads it. The baseline goes to a file under target/ here,
 * never into the shared test project.
 */
@MojoTest
@Basedir("/projects/scans")
class BaselineMojoTest {

    @Inject
    private MavenProject project;

    private final CapturingLog log = new CapturingLog();
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        file = project.getBasedir().toPath().toAbsolutePath().normalize()
                .resolve("target/baseline-mojo-test/dbcheck-baseline.json");
        Files.deleteIfExists(file);
    }

    @Test
    @InjectMojo(goal = "baseline", pom = "pom.xml")
    void writesTheBaselineThatVerifyThenAccepts(BaselineMojo baseline) throws Exception {
        MojoExtension.setVariableValueToObject(baseline, "baseline", file.toFile());
        baseline.setLog(log);
        baseline.execute();
        assertEquals(List.of("[INFO] dbcheck: baseline written: " + file + " (1 finding)",
                "[INFO] dbcheck:   DynamoDbScan: 1"), log.dbcheckLines());
        String json = Files.readString(file);
        assertTrue(json.contains("\"file\": \"src/main/java/com/acme/Repo.java\""), json);
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "warning")
    void verifyReportsBaselinedFindingsAtInfoAndPasses(VerifyMojo verify) throws Exception {
        Files.createDirectories(file.getParent());
        Path repo = project.getBasedir().toPath().toAbsolutePath().normalize()
                .resolve("src/main/java/com/acme/Repo.java");
        String line = Files.readAllLines(repo).get(17).strip().replace("\"", "\\\"");
        Files.writeString(file, "{\"version\": 1, \"findings\": [{\"rule\": \"DynamoDbScan\", "
                + "\"file\": \"src/main/java/com/acme/Repo.java\", \"text\": \"" + line + "\", \"occurrence\": 1},"
                + "{\"rule\": \"DynamoDbScan\", \"file\": \"src/main/java/com/acme/Repo.java\", \"text\": \"gone();\", "
                + "\"occurrence\": 1}]}");
        MojoExtension.setVariableValueToObject(verify, "baseline", file.toFile());
        verify.setLog(log);
        verify.execute();
        List<String> lines = log.dbcheckLines();
        assertEquals("[INFO] dbcheck: 1 finding in the baseline " + file + " (not failing the build):", lines.get(0));
        assertTrue(lines.get(1).startsWith("[INFO] " + repo + ":[18,23] DynamoDbScan: "), lines.get(1));
        assertEquals("[INFO] dbcheck: no new findings in 1 Java file and 0 resource files analysed", lines.get(2));
        assertEquals("[INFO] dbcheck: 1 baseline entry no longer matches: remove them with mvn dbcheck:baseline",
                lines.get(3));
    }

    @Test
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void aBrokenBaselineNamesTheParameter(VerifyMojo verify) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[1, 2");
        MojoExtension.setVariableValueToObject(verify, "baseline", new File(file.toString()));
        verify.setLog(log);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, verify::execute);
        assertTrue(e.getMessage().startsWith("Invalid dbcheck parameter baseline='" + file + "': not a readable "
                + "dbcheck baseline"), e.getMessage());
    }
}
