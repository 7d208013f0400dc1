package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {

    @TempDir
    Path baseDir;

    private static Finding scan(Path file, int line, String message) {
        return new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, message, file, line, 5, line, 9);
    }

    /** The documented format, computed independently: baselines written by one version must match the next. */
    private static String expected(String key, int occurrence) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16) + ":" + occurrence;
    }

    @Test
    void hashesRuleRelativePathAndNormalisedLineText() throws Exception {
        Path file = ReportFixture.write(baseDir.resolve("src/A.java"), "class A {", "  x =   table.scan( r );", "}");
        List<String> fingerprints = new Fingerprints(baseDir).of(List.of(scan(file, 2, "m")));
        assertEquals(List.of(expected("DynamoDbScan\0src/A.java\0line\0x = table.scan( r );", 1)), fingerprints);
    }

    @Test
    void sameFindingMovedDownOrReindentedKeepsItsFingerprint() throws IOException {
        Path file = ReportFixture.write(baseDir.resolve("A.java"), "class A {", "  table.scan(r);", "}");
        String before = new Fingerprints(baseDir).of(List.of(scan(file, 2, "m"))).get(0);

        ReportFixture.write(file, "import b.C;", "", "class A {", "  void m() {", "\t\ttable.scan(r);  ", "  }", "}");
        String after = new Fingerprints(baseDir).of(List.of(scan(file, 5, "other message"))).get(0);
        assertEquals(before, after);
    }

    @Test
    void differentLineTextRuleOrFileGivesADifferentFingerprint() throws IOException {
        Path a = ReportFixture.write(baseDir.resolve("A.java"), "table.scan(r);", "table.scan(s);");
        Path b = ReportFixture.write(baseDir.resolve("B.java"), "table.scan(r);");
        Finding other = new Finding("Other", Family.DYNAMODB_SCAN, Severity.ERROR, "m", a, 1, 1, 1, 2);
        List<String> fingerprints = new Fingerprints(baseDir).of(List.of(scan(a, 1, "m"), scan(a, 2, "m"),
                scan(b, 1, "m"), other));
        assertEquals(4, fingerprints.stream().map(f -> f.substring(0, 16)).distinct().count(), fingerprints.toString());
    }

    @Test
    void identicalTriplesAreNumberedInOrder() throws IOException {
        Path file = ReportFixture.write(baseDir.resolve("A.java"), "scan();", "other();", "  scan();", "scan();");
        List<String> fingerprints = new Fingerprints(baseDir).of(List.of(scan(file, 1, "m"), scan(file, 2, "m"),
                scan(file, 3, "m"), scan(file, 4, "m")));
        String hash = fingerprints.get(0).substring(0, 17);
        assertEquals(List.of(hash + "1", fingerprints.get(1), hash + "2", hash + "3"), fingerprints);
        assertNotEquals(hash, fingerprints.get(1).substring(0, 17));
        assertEquals(":1", fingerprints.get(1).substring(16));
    }

    @Test
    void unreadableFileFallsBackToTheMessage() throws Exception {
        Path missing = baseDir.resolve("gone/Gone.java");
        List<String> fingerprints = new Fingerprints(baseDir).of(List.of(scan(missing, 3, "Scan in m()"),
                scan(missing, 9, "Scan in m()"), scan(missing, 4, "Scan in n()")));
        assertEquals(List.of(expected("DynamoDbScan\0gone/Gone.java\0message\0Scan in m()", 1),
                expected("DynamoDbScan\0gone/Gone.java\0message\0Scan in m()", 2),
                expected("DynamoDbScan\0gone/Gone.java\0message\0Scan in n()", 1)), fingerprints);
    }

    @Test
    void lineBeyondTheEndOfTheFileFallsBackToTheMessage() throws Exception {
        Path file = ReportFixture.write(baseDir.resolve("A.java"), "one line");
        assertEquals(List.of(expected("DynamoDbScan\0A.java\0message\0m", 1)),
                new Fingerprints(baseDir).of(List.of(scan(file, 5, "m"))));
    }

    @Test
    void crlfAndCrLineEndingsCountLikeJavaParser() throws Exception {
        Path file = baseDir.resolve("A.java");
        java.nio.file.Files.writeString(file, "a();\r\nb();\rc();\n");
        assertEquals(List.of(expected("DynamoDbScan\0A.java\0line\0c();", 1)),
                new Fingerprints(baseDir).of(List.of(scan(file, 3, "m"))));
    }

    @Test
    void normaliseCollapsesAndTrimsWhitespace() {
        assertEquals("a b c", Fingerprints.normalise(" \ta \t\n b  c  "));
        assertEquals("", Fingerprints.normalise("   "));
    }
}
