package dev.dbcheck.rules.aurora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class DnsCacheTtlForeverTest {

    @Test
    void flagsLongDnsCachingInCodeSecurityFilesManifestsAndHelmValues() {
        RuleTester.of(new DnsCacheTtlForever()).fixtures("/fixtures/DnsCacheTtlForever").expectMarkedFindings();
    }

    @Test
    void sixtySecondsIsTheLimitAndZeroDisablesCaching() {
        assertTrue(DnsCacheTtlForever.tooLong(-1));
        assertTrue(DnsCacheTtlForever.tooLong(61));
        assertFalse(DnsCacheTtlForever.tooLong(60));
        assertFalse(DnsCacheTtlForever.tooLong(30));
        assertFalse(DnsCacheTtlForever.tooLong(0));
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new DnsCacheTtlForever()).java("""
                package p;
                import java.security.Security;
                class A {
                    static void init() {
                        Security.setProperty("networkaddress.cache.ttl", "-1");
                    }
                }
                """).run();
        assertEquals(1, result.findings().size());
        assertEquals("networkaddress.cache.ttl=-1 caches DNS lookups forever: Aurora fails over by moving the "
                + "cluster endpoint's DNS name to the new writer, and this JVM keeps connecting to the old one, now "
                + "a reader that rejects writes or gone (guide: Failover time). AWS asks for at most 60 seconds for "
                + "RDS and recommends 5 in the AWS SDK for Java documentation: set it to 5.",
                result.findings().get(0).message());
    }
}
