package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 schema. The schema is kept with the tests (a copy of
 * {@code shared/schemas/sarif-schema-2.1.0.json}, which {@code SarifSchemaCopyTest} keeps identical when the
 * shared folder sits beside the repository), so a clone alone can run every test. Nothing is fetched: the
 * schema's id maps to the local copy, the draft-04 meta-schema comes from the validator's jar, and any other
 * http(s) reference fails the test.
 */
final class SarifSchema {

    /** The {@code id} inside the schema file. */
    private static final String SCHEMA_ID =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static JsonSchema schema;

    private SarifSchema() {}

    /** The copy kept with the tests. */
    static Path schemaFile() {
        return Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json").toAbsolutePath();
    }

    /** The shared original: {@code shared/} is a sibling of the repository root, the parent of rules/. */
    static Path sharedSchemaFile() {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        return repoRoot.getParent().resolve("shared/schemas/sarif-schema-2.1.0.json");
    }

    /** The validation errors of {@code sarifFile}; empty when it is valid. */
    static List<String> validate(Path sarifFile) throws IOException {
        JsonNode log = new ObjectMapper().readTree(sarifFile.toFile());
        return schema().validate(log).stream().map(ValidationMessage::toString).sorted().toList();
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            Path file = schemaFile();
            assertTrue(Files.isRegularFile(file), "SARIF schema not found at " + file);
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                        String uri = iri.toString();
                        if (uri.equals(SCHEMA_ID)) {
                            return () -> Files.newInputStream(file);
                        }
                        if (uri.startsWith("http:") || uri.startsWith("https:")) {
                            throw new AssertionError("schema validation tried to fetch " + uri);
                        }
                        return null; // classpath: the bundled meta-schemas
                    })));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), config);
        }
        return schema;
    }
}
