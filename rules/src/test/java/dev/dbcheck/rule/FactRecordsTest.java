package dev.dbcheck.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactRecordsTest {

    enum Kind { POOL, REPLICA }

    /** Package-private, as fact records beside their rule are. */
    record Sample(Kind kind, long size, int line, boolean isDefault, double share, String label, String note) {}

    record Other(String label) {}

    record Unsupported(java.util.List<String> items) {}

    @Test
    void aRecordRoundTripsThroughTheStoredStrings() {
        Sample sample = new Sample(Kind.REPLICA, 3_600L, 12, true, 0.8, "spring.datasource: 12", null);
        Map<String, String> data = FactRecords.encode(sample);
        assertEquals(Map.of("kind", "REPLICA", "size", "3600", "line", "12", "isDefault", "true", "share", "0.8",
                "label", "spring.datasource: 12"), data);
        Fact fact = new Fact("Rule", Fact.kindOf(Sample.class), Path.of("a.yml"), 1, 1, data);
        assertEquals(Optional.of(sample), fact.as(Sample.class));
        assertEquals(Optional.empty(), fact.as(Other.class));
    }

    @Test
    void onlyPlainComponentsCanBeStored() {
        assertThrows(IllegalArgumentException.class, () -> FactRecords.encode(new Unsupported(java.util.List.of())));
    }

    @Test
    void projectContextsHandOutTypedFactsInTheirOrder() {
        Fact a = new Fact("Rule", Fact.kindOf(Other.class), Path.of("a"), 1, 1, FactRecords.encode(new Other("a")));
        Fact s = new Fact("Rule", "untyped", Path.of("b"), 1, 1, Map.of("x", "y"));
        Fact b = new Fact("Rule", Fact.kindOf(Other.class), Path.of("c"), 2, 1, FactRecords.encode(new Other("b")));
        ProjectContext context = new ProjectContext() {
            @Override
            public java.util.List<Fact> facts() {
                return java.util.List.of(a, s, b);
            }

            @Override
            public AnalysisOptions options() {
                return AnalysisOptions.none();
            }

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn, String message) {}

            @Override
            public void report(Path file, int line, int column, int endLine, int endColumn,
                    dev.dbcheck.finding.Severity severity, String message, dev.dbcheck.finding.Details details) {}

            @Override
            public java.util.function.Consumer<String> log() {
                return m -> {};
            }
        };
        assertEquals(java.util.List.of("a", "b"),
                context.facts(Other.class).stream().map(t -> t.value().label()).toList());
        assertEquals(Path.of("c"), context.facts(Other.class).get(1).file());
    }
}
