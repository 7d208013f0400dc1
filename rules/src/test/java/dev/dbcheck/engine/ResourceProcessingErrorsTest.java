package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceProcessingErrorsTest {

    /** A resource rule that cannot read any file, under its own id. */
    private record Unreadable(String id) implements ResourceRule {
        @Override
        public RuleMetadata metadata() {
            RuleMetadata m = new DynamoDbScan().metadata();
            return new RuleMetadata(id, m.family(), m.defaultSeverity(), m.summary(), m.explanation(), m.fix(),
                    m.badExample(), m.goodExample(), m.options());
        }

        @Override
        public boolean appliesTo(ResourceFile file) {
            return true;
        }

        @Override
        public void analyze(ResourceFile file, ResourceContext context) {
            context.processingError(2, 3, "Cannot read " + file.fileName() + ": unclosed flow sequence");
        }
    }

    @Test
    void rulesReportingTheSameProblemInAFileReportItOnce(@TempDir Path dir) throws IOException {
        Path yml = dir.resolve("res/application.yml");
        Files.createDirectories(yml.getParent());
        Files.writeString(yml, "a: [\n");
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(dir)
                .resourceRoot(dir.resolve("res"))
                .rules(List.of(new Unreadable("FirstReader"), new Unreadable("SecondReader")))
                .threads(1)
                .build());
        assertEquals(List.of(new ProcessingError(yml.toAbsolutePath().normalize(), 2, 3,
                "Cannot read application.yml: unclosed flow sequence")), result.processingErrors());
    }
}
