package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class DynamoDbCallInLoopTest {

    @Test
    void flagsPerElementCallsAndNothingElse() {
        RuleTester.of(new DynamoDbCallInLoop()).fixtures("/fixtures/DynamoDbCallInLoop").expectMarkedFindings();
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new DynamoDbCallInLoop()).java("""
                package p;
                import java.util.List;
                import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
                import software.amazon.awssdk.enhanced.dynamodb.Key;
                class A {
                    void f(DynamoDbTable<Object> table, List<String> ids) {
                        for (String id : ids) {
                            table.deleteItem(Key.builder().partitionValue(id).build());
                        }
                    }
                }
                """).run();
        assertEquals(1, result.findings().size());
        assertEquals("deleteItem() deletes one item per element of ids (loop at line 7): N sequential round trips "
                + "and N requests against the table's capacity, so latency grows with the collection and a large "
                + "one is a burst that throttles (guide: The Access Pattern Constraint). Use the enhanced client's "
                + "batchWriteItem (up to 25 puts or deletes per request), or one Query when the items share a "
                + "partition key.", result.findings().get(0).message());
        assertEquals(8, result.findings().get(0).beginLine());
    }
}
