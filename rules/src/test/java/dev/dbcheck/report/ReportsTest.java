package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path tempDir;

    @Test
    void createsTheDirectoryAndWritesEachFormatOnceInOrder() throws IOException {
        ReportFixture fixture = new ReportFixture(tempDir);
        Path out = tempDir.resolve("project/target/dbcheck");
        List<Path> written = Reports.write(fixture.result(),
                List.of(ReportFormat.CHECKSTYLE, ReportFormat.SARIF, ReportFormat.CHECKSTYLE), out);

        assertEquals(List.of(out.resolve("dbcheck-checkstyle.xml"), out.resolve("dbcheck.sarif")), written);
        assertTrue(Files.readString(written.get(0)).contains("<checkstyle version=\"dbcheck-"));
        assertEquals("2.1.0", new ObjectMapper().readTree(written.get(1).toFile()).get("version").asText());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void noFormatsWritesNothingButTheDirectory() throws IOException {
        ReportFixture fixture = new ReportFixture(tempDir);
        Path out = tempDir.resolve("reports");
        assertEquals(List.of(), Reports.write(fixture.result(), List.of(), out));
        assertTrue(Files.isDirectory(out));
    }

    @Test
    void overwritesAnOlderReport() throws IOException {
        ReportFixture fixture = new ReportFixture(tempDir);
        Path out = Files.createDirectories(tempDir.resolve("reports"));
        Files.writeString(out.resolve("dbcheck.sarif"), "x".repeat(100_000));
        Path sarif = Reports.write(fixture.result(), List.of(ReportFormat.SARIF), out).get(0);
        assertEquals("2.1.0", new ObjectMapper().readTree(sarif.toFile()).get("version").asText());
    }
}
