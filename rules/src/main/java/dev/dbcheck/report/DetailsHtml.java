package dev.dbcheck.report;

import dev.dbcheck.finding.Details;
import java.nio.file.Path;
import java.util.Map;

/** A finding's details in the HTML report: the evidence behind its severity and the path that reaches it. */
final class DetailsHtml {

    private DetailsHtml() {}

    static void append(Details details, Path baseDir, StringBuilder out) {
        if (!details.evidence().isEmpty()) {
            out.append("<p class=\"evidence\">Why this severity: ");
            String separator = "";
            for (Map.Entry<String, String> e : details.evidence().entrySet()) {
                out.append(separator).append("<b>").append(HtmlReport.text(e.getKey())).append("</b> ")
                        .append(HtmlReport.text(e.getValue()));
                separator = "; ";
            }
            out.append("</p>\n");
        }
        if (!details.path().isEmpty()) {
            out.append("<ol class=\"path\">");
            for (Details.Step step : details.path()) {
                out.append("<li>").append(HtmlReport.text(step.description())).append(" <code>")
                        .append(HtmlReport.text(ReportPaths.portable(baseDir, step.file()))).append(':')
                        .append(step.line()).append("</code></li>");
            }
            out.append("</ol>\n");
        }
    }
}
