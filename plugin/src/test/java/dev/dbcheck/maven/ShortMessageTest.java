package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rule.RuleRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShortMessageTest {

    @Test
    void keepsWhatIsWrongAndItsEffectAndDropsTheGuideAndTheFix() {
        assertEquals("\"DELETE FROM orders\" has no WHERE clause: it deletes every row of table orders. A runaway "
                + "DELETE is replicated to all 6 Aurora storage copies immediately",
                ShortMessage.of("\"DELETE FROM orders\" has no WHERE clause: it deletes every row of table orders. "
                        + "A runaway DELETE is replicated to all 6 Aurora storage copies immediately (guide: What "
                        + "Aurora does not protect against). Bound it with a WHERE on the rows you mean."));
    }

    @Test
    void aMessageWithoutACitationKeepsItsFirstSentence() {
        assertEquals("This suppression of DynamoDbScan matches no finding: the code it excused has changed",
                ShortMessage.of("This suppression of DynamoDbScan matches no finding: the code it excused has "
                        + "changed. Remove it, so it cannot silence a future finding nobody has reviewed."));
        assertEquals("'Scan' is not a dbcheck rule id", ShortMessage.of("'Scan' is not a dbcheck rule id. Known ids: "
                + "A, B. Fix the id."));
    }

    @Test
    void aLongHeadIsCutAtAClauseNeverInsideParenthesesOrQuotes() {
        String head = "setMaximumPoolSize(200) on HikariCP lets each instance open up to 200 connections, more than "
                + "the 50 per instance this build allows (maxPoolSize; see the docs: pools); multiplied by every "
                + "replica, pools this size exhaust Aurora's max_connections (1,000 on Aurora MySQL, 1,722 on Aurora "
                + "PostgreSQL for a db.r7g.large) when the service scales out";
        assertEquals("setMaximumPoolSize(200) on HikariCP lets each instance open up to 200 connections, more than "
                + "the 50 per instance this build allows (maxPoolSize; see the docs: pools) ...",
                ShortMessage.of(head + " (guide: Connection pooling is not optional at scale). Size the pool."));
    }

    @Test
    void withoutAClauseBoundaryItCutsBetweenWords() {
        String shortened = ShortMessage.of("word ".repeat(80).strip() + " (guide: x). Fix.");
        assertTrue(shortened.endsWith("word ..."), shortened);
        assertTrue(shortened.length() <= ShortMessage.LIMIT, shortened);
    }

    @Test
    void everyRealMessageOfTheSampleProjectFitsTheLimit() {
        Path sample = Path.of("../test-projects/sample-service").toAbsolutePath().normalize();
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.builder(sample)
                .javaRoot(sample.resolve("src/main/java")).resourceRoot(sample.resolve("src/main/resources"))
                .rules(RuleRegistry.all()).build());
        assertTrue(result.findings().size() >= 5, result.findings().toString());
        for (Finding f : result.findings()) {
            String line = ShortMessage.of(f.message());
            assertTrue(line.length() <= ShortMessage.LIMIT, line);
            assertTrue(f.message().startsWith(line.endsWith(" ...") ? line.substring(0, line.length() - 4) : line),
                    line);
        }
    }
}
