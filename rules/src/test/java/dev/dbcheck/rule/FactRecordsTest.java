package dev.dbcheck.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactRecordsTest {

    enum Shape { ROUND, SQUARE }

    record Sample(String name, String absent, int count, long size, boolean flag, Shape shape) {}

    record Other(String name) {}

    record WithList(java.util.List<String> names) {}

    @Test
    void aRecordSurvivesItsFlatFormAsTheEngineStoresIt() {
        Sample sample = new Sample("pk", null, 3, 5_000_000_000L, true, Shape.SQUARE);
        Map<String, String> data = FactRecords.encode(sample);
        assertEquals(Map.of("name", "pk", "count", "3", "size", "5000000000", "flag", "true", "shape", "SQUARE"),
                data);
        Fact fact = new Fact("Rule", FactRecords.kind(Sample.class), Path.of("A.java"), 1, 1, data);
        assertEquals(sample, fact.as(Sample.class).orElseThrow());
    }

    @Test
    void aFactOfAnotherKindIsNotThatRecord() {
        Fact fact = new Fact("Rule", "Sample", Path.of("A.java"), 1, 1, Map.of("name", "x"));
        assertTrue(fact.as(Other.class).isEmpty());
        assertEquals("x", new Fact("Rule", "Other", Path.of("A.java"), 1, 1, Map.of("name", "x"))
                .as(Other.class).orElseThrow().name());
    }

    @Test
    void componentsThatHaveNoFlatFormAreRefused() {
        Fact fact = new Fact("Rule", "WithList", Path.of("A.java"), 1, 1, Map.of());
        assertThrows(IllegalArgumentException.class, () -> fact.as(WithList.class));
        assertThrows(IllegalArgumentException.class, () -> FactRecords.encode(new WithList(java.util.List.of())));
    }
}
