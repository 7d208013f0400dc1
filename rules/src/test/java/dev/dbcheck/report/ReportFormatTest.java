package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void idsAndFileNames() {
        assertEquals("sarif", ReportFormat.SARIF.id());
        assertEquals("dbcheck.sarif", ReportFormat.SARIF.fileName());
        assertEquals("checkstyle", ReportFormat.CHECKSTYLE.id());
        assertEquals("dbcheck-checkstyle.xml", ReportFormat.CHECKSTYLE.fileName());
        assertInstanceOf(SarifReport.class, ReportFormat.SARIF.writer());
        assertInstanceOf(CheckstyleReport.class, ReportFormat.CHECKSTYLE.writer());
        assertEquals("gitlab", ReportFormat.GITLAB.id());
        assertEquals("gl-code-quality-report.json", ReportFormat.GITLAB.fileName());
        assertInstanceOf(GitLabCodeQualityReport.class, ReportFormat.GITLAB.writer());
        assertEquals("html", ReportFormat.HTML.id());
        assertEquals("dbcheck-report.html", ReportFormat.HTML.fileName());
        assertInstanceOf(HtmlReport.class, ReportFormat.HTML.writer());
    }

    @Test
    void parseListTrimsSkipsEmptyItemsAndDropsRepeatsKeepingOrder() {
        assertEquals(List.of(ReportFormat.CHECKSTYLE, ReportFormat.SARIF),
                ReportFormat.parseList(" checkstyle ,, sarif,CHECKSTYLE , "));
        assertEquals(List.of(ReportFormat.SARIF), ReportFormat.parseList("sarif"));
    }

    @Test
    void emptyOrMissingListMeansNoReports() {
        assertEquals(List.of(), ReportFormat.parseList(""));
        assertEquals(List.of(), ReportFormat.parseList(" , "));
        assertEquals(List.of(), ReportFormat.parseList(null));
    }

    @Test
    void unknownFormatNamesTheValueAndTheAcceptedOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.parseList("sarif, xml"));
        assertEquals("'xml' is not a report format; accepted values: sarif, checkstyle, gitlab, html", e.getMessage());
    }
}
