package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The schema copy the tests validate against is the shared one, byte for byte. */
class SarifSchemaCopyTest {

    @Test
    void theCopyIsTheSharedSchema() throws IOException {
        // CI runs with shared/ beside the clone; a bare clone has only the copy, which the other tests use.
        assumeTrue(Files.isRegularFile(SarifSchema.sharedSchemaFile()), "no shared/ folder beside the repository");
        assertArrayEquals(Files.readAllBytes(SarifSchema.sharedSchemaFile()),
                Files.readAllBytes(SarifSchema.schemaFile()));
    }
}
