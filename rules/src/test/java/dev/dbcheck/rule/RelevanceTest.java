package dev.dbcheck.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelevanceTest {

    @Test
    void inPackagesKeepsOnlyThoseTypesAndEverythingElse() {
        Relevance r = new Relevance(false, Set.of("com.amazonaws.A", "org.apache.hadoop.hbase.client.Table"),
                Set.of("Repository"), Set.of("select"), Set.of());
        Relevance kept = r.inPackages("com.amazonaws.");
        assertEquals(Set.of("com.amazonaws.A"), kept.types());
        assertEquals(r.suffixes(), kept.suffixes());
        assertEquals(r.fragments(), kept.fragments());
    }

    @Test
    void aCallRequirementSurvivesAnOrOnlyIfBothSidesHaveOne() {
        Relevance scans = Relevance.fragments("x").requiringCalls(List.of("scan"));
        Relevance counts = Relevance.fragments("y").requiringCalls(List.of("count"));
        assertEquals(Set.of("scan", "count"), scans.or(counts).calls());
        // Without a requirement on one side, a file may matter whatever it calls.
        assertEquals(Set.of(), scans.or(Relevance.fragments("z")).calls());
        assertEquals(Set.of(), Relevance.fragments("z").or(scans).calls());
    }
}
