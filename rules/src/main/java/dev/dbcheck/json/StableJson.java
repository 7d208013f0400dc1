package dev.dbcheck.json;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the JSON files dbcheck produces (SARIF, GitLab Code Quality, the baseline) the same way: UTF-8
 * without a byte-order mark, two-space indent, '\n' line ends on every platform and a final newline, so
 * the bytes never depend on the machine and version-controlled files diff cleanly.
 */
public final class StableJson {

    private static final ObjectWriter WRITER = new ObjectMapper()
            .writer(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private StableJson() {}

    /** Writes {@code value} (a JSON tree or a plain object) to {@code file}, replacing it. */
    public static void write(Object value, Path file) throws IOException {
        byte[] json = WRITER.writeValueAsBytes(value);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        Files.write(file, withNewline);
    }
}
