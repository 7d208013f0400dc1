package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CheckstyleReportTest {

    @TempDir
    Path tempDir;

    private ReportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ReportFixture(tempDir);
    }

    private Path write(AnalysisResult result) throws IOException {
        Path file = tempDir.resolve("out-" + System.nanoTime() + ".xml");
        new CheckstyleReport(ReportFixture.VERSION).write(result, file);
        return file;
    }

    private static Element parse(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
        return doc.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The attributes of an error element as "name=value" in document order of the names we know. */
    private static String attributes(Element error) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("line", "column", "severity", "message", "source")) {
            if (error.hasAttribute(name)) {
                parts.add(name + "=" + error.getAttribute(name));
            }
        }
        return String.join(" | ", parts);
    }

    @Test
    void rootStatesTheToolVersion() throws Exception {
        Element root = parse(write(fixture.result()));
        assertEquals("checkstyle", root.getTagName());
        assertEquals("dbcheck-1.2.3", root.getAttribute("version"));
    }

    @Test
    void oneFileElementPerFileByAbsolutePathInOrder() throws Exception {
        List<String> names = new ArrayList<>();
        children(parse(write(fixture.result())), "file").forEach(f -> names.add(f.getAttribute("name")));
        assertEquals(List.of(
                fixture.outside.toString(),
                fixture.broken.toString(),
                fixture.repository.toString(),
                fixture.legacy.toString(),
                fixture.config.toString()), names);
        assertTrue(names.stream().allMatch(n -> Path.of(n).isAbsolute()));
    }

    @Test
    void findingsCarryPositionSeverityMessageAndFamilyQualifiedSource() throws Exception {
        List<Element> files = children(parse(write(fixture.result())), "file");
        List<String> repository = new ArrayList<>();
        children(files.get(2), "error").forEach(e -> repository.add(attributes(e)));
        assertEquals(List.of(
                "line=3 | column=18 | severity=error | message=Scan in all() | source=dbcheck.dynamodb-scan.DynamoDbScan",
                "line=5 | column=9 | severity=error | message=Scan in again() | source=dbcheck.dynamodb-scan.DynamoDbScan"),
                repository);
        assertEquals("line=2 | column=16 | severity=info | message=No TTL | source=dbcheck.cache-stampede.CacheAsideWithoutTtl",
                attributes(children(files.get(0), "error").get(0)));
    }

    @Test
    void specialCharactersSurviveTheRoundTripAndAreEscaped() throws Exception {
        Path file = write(fixture.result());
        Element legacy = children(parse(file), "file").get(3);
        Element error = children(legacy, "error").get(0);
        assertEquals(ReportFixture.SPECIAL_MESSAGE, error.getAttribute("message"));
        assertEquals("warning", error.getAttribute("severity"));
        assertEquals("dbcheck.connection-pool.UnboundedConnectionPool", error.getAttribute("source"));
        assertEquals(fixture.legacy.toString(), legacy.getAttribute("name"));

        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml.contains(
                "message=\"Scan of &quot;orders&quot; &lt;all items&gt; &amp; more — naïve café 日本\""), xml);
    }

    @Test
    void processingErrorsAreWarningsAndOmitUnknownPositions() throws Exception {
        List<Element> files = children(parse(write(fixture.result())), "file");
        assertEquals("line=7 | column=12 | severity=warning | message=Parse error: expected ';' | source=dbcheck.ProcessingError",
                attributes(children(files.get(1), "error").get(0)));
        Element noPosition = children(files.get(4), "error").get(0);
        assertEquals("severity=warning | message=Cannot read YAML: not UTF-8 | source=dbcheck.ProcessingError",
                attributes(noPosition));
        assertFalse(noPosition.hasAttribute("line"));
        assertFalse(noPosition.hasAttribute("column"));
    }

    @Test
    void lineWithoutColumnKeepsTheLine() throws Exception {
        AnalysisResult result = new AnalysisResult(fixture.baseDir, List.of(), List.of(),
                List.of(new dev.dbcheck.finding.ProcessingError(fixture.broken, 4, 0, "Rule crashed")), 1, 0);
        Element error = children(parse(write(result)), "error").get(0);
        assertEquals("line=4 | severity=warning | message=Rule crashed | source=dbcheck.ProcessingError",
                attributes(error));
    }

    @Test
    void findingAndProcessingErrorInOneFileAreOrderedByPosition() throws Exception {
        Finding late = new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "late", fixture.broken, 9, 1,
                9, 4);
        Finding early = new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "early", fixture.broken, 2,
                1, 2, 4);
        AnalysisResult result = new AnalysisResult(fixture.baseDir, List.of(ReportFixture.SCAN),
                List.of(early, late), List.of(new dev.dbcheck.finding.ProcessingError(fixture.broken, 7, 12, "bad")),
                1, 0);
        Element root = parse(write(result));
        assertEquals(1, children(root, "file").size());
        List<String> messages = new ArrayList<>();
        children(root, "error").forEach(e -> messages.add(e.getAttribute("message")));
        assertEquals(List.of("early", "bad", "late"), messages);
    }

    @Test
    void controlCharactersAreReplacedSoTheXmlStaysWellFormed() throws Exception {
        Finding odd = new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, "bell\u0007 nul\u0000 ok\t😀",
                fixture.repository, 1, 1, 1, 2);
        AnalysisResult result = new AnalysisResult(fixture.baseDir, List.of(), List.of(odd), List.of(), 1, 0);
        Element error = children(parse(write(result)), "error").get(0);
        // A tab in an attribute is normalised to a space by any XML parser; the emoji is kept whole.
        assertEquals("bell\uFFFD nul\uFFFD ok 😀", error.getAttribute("message"));
    }

    @Test
    void emptyResultIsAnEmptyCheckstyleElement() throws IOException {
        Path file = write(new AnalysisResult(fixture.baseDir, List.of(), List.of(), List.of(), 0, 0));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"dbcheck-1.2.3\">\n</checkstyle>\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        Path first = write(fixture.result());
        Path second = write(fixture.result());
        assertEquals(-1, Files.mismatch(first, second));
        String xml = Files.readString(first, StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"dbcheck-1.2.3\">\n"),
                xml);
        assertFalse(xml.contains("\r"));
    }
}
