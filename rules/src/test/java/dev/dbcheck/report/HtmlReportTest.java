package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.dbcheck.rule.RuleMetadata;
import java.util.TreeSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static final XPath XPATH = XPathFactory.newDefaultInstance().newXPath();

    @TempDir
    Path tempDir;

    private ReportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ReportFixture(tempDir);
    }

    private Path write(AnalysisResult result) throws IOException {
        Path file = tempDir.resolve("report-" + System.nanoTime() + ".html");
        new HtmlReport(ReportFixture.VERSION).write(result, file);
        return file;
    }

    /** The page parsed as XML: it must be well-formed. Not namespace-aware, so XPath uses plain names. */
    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> all(Object context, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPATH.evaluate(xpath, context, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static String text(Object context, String xpath) throws Exception {
        return XPATH.evaluate(xpath, context);
    }

    @Test
    void selfContainedPageWithTheSections() throws Exception {
        Path page = write(fixture.result());
        Document doc = parse(page);
        assertEquals("html", doc.getDocumentElement().getTagName());
        assertEquals("dbcheck report", text(doc, "/html/head/title"));
        assertEquals(List.of("totals", "processing-errors", "findings", "rules"),
                all(doc, "/html/body/h2").stream().map(e -> e.getAttribute("id")).toList());
        assertEquals("4 findings (2 error, 1 warning, 1 info) in 3 Java files and 1 resource file; "
                + "2 processing errors.Project: " + fixture.baseDir + "dbcheck 1.2.3", text(doc, "//p[@id='summary']"));

        // Nothing to fetch: no script, no stylesheet link, no image, no external font; every link stays in the page.
        String html = Files.readString(page);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<link"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("@import") || html.contains("url("), html);
        assertEquals(1, all(doc, "/html/head/style").size());
        assertFalse(all(doc, "//a").isEmpty());
        for (Element a : all(doc, "//a")) {
            String href = a.getAttribute("href");
            assertTrue(href.startsWith("#rule-"), href);
            assertEquals(1, all(doc, "//*[@id='" + href.substring(1) + "']").size(), href);
        }
    }

    @Test
    void totalsPerFamilyAndSeverityWithAChart() throws Exception {
        Document doc = parse(write(fixture.result()));
        List<String> rows = new ArrayList<>();
        for (Element tr : all(doc, "//table[@class='totals']/tbody/tr")) {
            rows.add(all(tr, "td").stream().map(Element::getTextContent).toList().toString());
        }
        // Families in declaration order; each row: error, warning, info, total.
        assertEquals(List.of("[dynamodb-scan, 2, 0, 0, 2]", "[connection-pool, 0, 1, 0, 1]",
                "[cache-stampede, 0, 0, 1, 1]"), rows);
        assertEquals("[2, 1, 1, 4]", all(doc, "//table[@class='totals']/tfoot/tr/td").stream()
                .map(Element::getTextContent).toList().toString());

        List<Element> bars = all(doc, "//svg/g[@class='bar']");
        assertEquals(List.of("dynamodb-scan", "connection-pool", "cache-stampede"),
                bars.stream().map(b -> b.getAttribute("data-family")).toList());
        // The largest family fills the bar; the others are scaled to it.
        assertEquals("400", text(bars.get(0), "rect/@width"));
        assertEquals("200", text(bars.get(1), "rect/@width"));
        assertEquals("dynamodb-scan: 2 error", text(bars.get(0), "rect/title"));
        assertEquals("connection-pool: 1 warning", text(bars.get(1), "rect/title"));
    }

    @Test
    void aFindingShowsItsEvidenceAndThePathThatReachesIt() throws Exception {
        Document doc = parse(write(fixture.result(fixture.findingsWithDetails())));
        List<Element> findings = all(doc, "//div[@class='finding']");
        List<Element> withEvidence = all(doc, "//div[@class='finding'][p[@class='evidence']]");
        assertEquals(1, withEvidence.size());
        Element detailed = withEvidence.get(0);
        assertTrue(findings.contains(detailed));
        assertEquals("Why this severity: entryPoint GET /orders; keyKind shared",
                text(detailed, "p[@class='evidence']"));
        assertEquals(List.of("GET /orders in Legacy.list src/main/java/légacy code/Legacy.java:1",
                "calls OrderRepository.again src/main/java/com/acme/OrderRepository.java:4"),
                all(detailed, "ol[@class='path']/li").stream().map(Element::getTextContent).toList());
    }

    @Test
    void findingsGroupedPerFileWithTwoLinesOfContextAndTheFlaggedLineHighlighted() throws Exception {
        Document doc = parse(write(fixture.result()));
        List<Element> files = all(doc, "//div[@class='file']");
        List<String> headings = files.stream().map(f -> f.getElementsByTagName("h3").item(0).getTextContent())
                .toList();
        String outside = fixture.outside.toAbsolutePath().normalize().toString()
                .replace(fixture.outside.getFileSystem().getSeparator(), "/");
        List<String> expected = new ArrayList<>(List.of(outside + " (1 finding)",
                "src/main/java/com/acme/OrderRepository.java (2 findings)",
                "src/main/java/légacy code/Legacy.java (1 finding)"));
        expected.sort(null);
        assertEquals(expected, headings);

        Element repository = files.get(headings.indexOf("src/main/java/com/acme/OrderRepository.java (2 findings)"));
        List<Element> findings = all(repository, "div[@class='finding']");
        assertEquals(2, findings.size());
        Element first = findings.get(0);
        assertEquals("DynamoDbScan", first.getAttribute("data-rule"));
        assertEquals("error DynamoDbScan line 3, column 18: Scan in all()", text(first, "p[@class='message']"));
        assertEquals("#rule-DynamoDbScan", text(first, "p/a[@class='rule']/@href"));
        assertEquals("error", first.getAttribute("data-severity"));
        assertEquals("dynamodb-scan", first.getAttribute("data-family"));
        // Lines 1..5 around line 3, each with its number; only line 3 is highlighted.
        List<Element> lines = all(first, "pre[@class='source']/span");
        assertEquals(List.of("1", "2", "3", "4", "5"),
                lines.stream().map(l -> l.getElementsByTagName("span").item(0).getTextContent()).toList());
        assertEquals(List.of("", "", "hit", "", ""), lines.stream().map(l -> l.getAttribute("class")).toList());
        assertEquals("3    void all() { table.scan(request); }", lines.get(2).getTextContent());
        // Line 5 of 7: lines 3..7.
        assertEquals(List.of("3", "4", "5", "6", "7"), all(findings.get(1), "pre/span").stream()
                .map(l -> l.getElementsByTagName("span").item(0).getTextContent()).toList());
    }

    @Test
    void contextIsCutAtTheStartAndEndOfTheFile() throws Exception {
        Document doc = parse(write(fixture.result()));
        // Legacy.java has 3 lines; the finding is on line 2: lines 1..3.
        Element legacy = all(doc, "//div[@class='finding'][@data-rule='UnboundedConnectionPool']").get(0);
        assertEquals(List.of("1", "2", "3"), all(legacy, "pre/span").stream()
                .map(l -> l.getElementsByTagName("span").item(0).getTextContent()).toList());
    }

    @Test
    void processingErrorsAndRulesAreListed() throws Exception {
        Document doc = parse(write(fixture.result()));
        List<String> errors = new ArrayList<>();
        for (Element tr : all(doc, "//table[@class='processing-errors']/tbody/tr")) {
            errors.add(all(tr, "td").stream().map(Element::getTextContent).toList().toString());
        }
        assertEquals(List.of("[src/main/java/Broken.java, 7:12, Parse error: expected ';']",
                "[src/main/resources/application.yml, , Cannot read YAML: not UTF-8]"), errors);

        List<String> rules = new ArrayList<>();
        for (Element tr : all(doc, "//table[@class='rules']/tbody/tr")) {
            rules.add(all(tr, "td").stream().map(Element::getTextContent).toList().toString());
        }
        assertEquals(List.of(
                "[CacheAsideWithoutTtl, cache-stampede, info, 1, Cache entry written without a TTL]",
                "[DynamoDbScan, dynamodb-scan, error, 2, DynamoDB Scan reads the whole table]",
                "[UnboundedConnectionPool, connection-pool, warning, 1, Connection pool without a maximum size]"),
                rules);
    }

    @Test
    void markupInMessagesAndSourcesIsEscapedNeverRun() throws Exception {
        Path file = ReportFixture.write(fixture.baseDir.resolve("src/main/java/Evil.java"),
                "class Evil {",
                "  String s = \"<script>alert('x')</script>\"; table.scan(r);",
                "}");
        String message = "Scan of \"<script>alert(1)</script>\" & <b>bold</b>\u0007";
        List<Finding> findings = new ArrayList<>(fixture.findings());
        findings.add(new Finding("DynamoDbScan", Family.DYNAMODB_SCAN, Severity.ERROR, message, file, 2, 46, 2, 58));
        findings.sort(Finding.ORDER);
        Path page = write(fixture.result(findings));

        String html = Files.readString(page);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);

        Document doc = parse(page); // still well-formed
        Element evil = all(doc, "//div[@class='file'][starts-with(h3, 'src/main/java/Evil.java')]"
                + "/div[@class='finding']").get(0);
        assertEquals("error DynamoDbScan line 2, column 46: Scan of \"<script>alert(1)</script>\" & <b>bold</b>\uFFFD",
                text(evil, "p[@class='message']"));
        assertEquals("2  String s = \"<script>alert('x')</script>\"; table.scan(r);",
                text(evil, "pre/span[@class='hit']"));
        assertEquals(0, all(doc, "//script").size());
    }

    @Test
    void deterministicBytesInUtf8() throws IOException {
        byte[] first = Files.readAllBytes(write(fixture.result()));
        byte[] second = Files.readAllBytes(write(fixture.result()));
        assertArrayEquals(first, second);
        String html = new String(first, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html"), html);
        assertTrue(html.contains("naïve café 日本"), html);
        assertFalse(html.contains("\r"));
    }

    @Test
    void emptyResultSaysSo() throws Exception {
        AnalysisResult empty = new AnalysisResult(fixture.baseDir, List.of(ReportFixture.SCAN), List.of(), List.of(),
                1, 0);
        Document doc = parse(write(empty));
        assertEquals("No findings.", text(doc, "//h2[@id='findings']/following-sibling::p[1]"));
        assertEquals("None: every file was analysed.",
                text(doc, "//h2[@id='processing-errors']/following-sibling::p[1]"));
        assertEquals("[dynamodb-scan, 0, 0, 0, 0]", all(doc, "//table[@class='totals']/tbody/tr/td").stream()
                .map(Element::getTextContent).toList().toString());
    }
    @Test
    void findingsFilterByFamilyAndSeverityWithoutAScript() throws Exception {
        Path page = write(fixture.result());
        Document doc = parse(page);
        // One radio button per family and severity present, plus "all", before the findings.
        List<String> inputs = all(doc, "//input[@class='filter']").stream().map(e -> e.getAttribute("id")).toList();
        Set<String> families = new TreeSet<>();
        Set<String> severities = new TreeSet<>();
        fixture.result().findings().forEach(f -> {
            families.add("family-" + f.family().id());
            severities.add("severity-" + f.severity().id());
        });
        Set<String> expected = new TreeSet<>(families);
        expected.addAll(severities);
        expected.add("family-all");
        expected.add("severity-all");
        assertEquals(expected, new TreeSet<>(inputs));
        for (String id : inputs) {
            assertEquals(1, all(doc, "//label[@for='" + id + "']").size(), id);
        }
        // Checking a family hides the findings of every other family (CSS sibling rule in the head).
        String css = text(doc, "/html/head/style");
        String family = families.iterator().next();
        assertTrue(css.contains("#" + family + ":checked~.files .finding:not([data-family=\""
                + family.substring("family-".length()) + "\"])"), css);
        assertTrue(css.contains("#severity-error:checked~.files .finding:not([data-severity=\"error\"])"), css);
        assertEquals(fixture.result().findings().size(), all(doc, "//div[@class='files']//div[@class='finding']").size());
    }

    @Test
    void lineNumberAndCodeShareOneRowAndEveryRuleIsExplainedInThePage() throws Exception {
        Document doc = parse(write(fixture.result()));
        String css = text(doc, "/html/head/style");
        // Only the line's own span is a block; the number inside it stays inline, on the same row as the code.
        assertTrue(css.contains("pre.source>span{display:block"), css);
        assertFalse(css.contains("pre.source span{display:block"), css);
        for (RuleMetadata rule : fixture.result().rules()) {
            Element doc1 = all(doc, "//div[@id='rule-" + rule.id() + "']").get(0);
            assertTrue(doc1.getTextContent().contains(rule.explanation().strip()), rule.id());
            assertTrue(doc1.getTextContent().contains(rule.fix().strip()), rule.id());
        }
    }
}
