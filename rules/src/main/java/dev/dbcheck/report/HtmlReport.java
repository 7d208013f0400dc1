package dev.dbcheck.report;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.ToolVersion;
import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One self-contained HTML page for people: totals per family and severity with a bar chart, processing
 * errors, the findings of each file with the source lines around them (filterable by family and severity),
 * and the rules that ran, each with its explanation, fix and examples, which every finding links to.
 *
 * <p>Readable without a network and safe to open from a CI artifact: the CSS is inline, the chart is inline
 * SVG, the filters are radio buttons and CSS (no script), and there is no font or image to fetch; every link
 * stays inside the page. The page is well-formed XHTML (served as HTML it is ordinary HTML5), so tools
 * can read it with any XML parser. Every message and source line is escaped, so source text such as
 * {@code <script>} is shown, never run. Nothing time- or machine-dependent is written beyond the project
 * path, so the same result gives the same bytes.
 */
public final class HtmlReport implements ReportWriter {

    /** Source lines shown before and after a flagged line. */
    static final int CONTEXT_LINES = 2;

    private static final Map<Severity, String> COLOURS = Map.of(
            Severity.ERROR, "#c62828", Severity.WARNING, "#ef6c00", Severity.INFO, "#1565c0");
    private static final int CHART_LABEL_WIDTH = 190;
    private static final int CHART_BAR_WIDTH = 400;
    private static final int CHART_ROW_HEIGHT = 24;

    private static final String CSS = """
            .evidence{margin:.3em 0;font-size:.9em;color:#455a64}.evidence b{font-weight:600}\
            .path{margin:.3em 0 .3em 1.2em;padding:0;font-size:.9em}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em;color:#212121;\
            line-height:1.4}
            h1,h2,h3{font-weight:600}h3{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1em;\
            background:#eceff1;padding:.4em .6em;margin-bottom:.4em}
            table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #cfd8dc;padding:.3em .6em;\
            text-align:left;vertical-align:top}th{background:#eceff1}td.n{text-align:right}
            .sev{display:inline-block;min-width:4.5em;text-align:center;color:#fff;border-radius:3px;\
            padding:0 .3em;font-size:.85em}
            .sev-error{background:#c62828}.sev-warning{background:#ef6c00}.sev-info{background:#1565c0}
            .finding{margin:0 0 1.2em 1em}.message{margin:.3em 0}
            pre.source{background:#fafafa;border:1px solid #e0e0e0;padding:.4em 0;margin:.3em 0;overflow-x:auto}
            pre.source>span{display:block;padding:0 .6em}pre.source>span.hit{background:#fff3e0;\
            font-weight:bold}
            .ln{display:inline-block;min-width:3.5em;color:#757575;user-select:none}
            .filters{margin:.5em 0 1em}.filters div{margin:.2em 0}.filters label{margin-right:.8em;cursor:pointer}
            input.filter{position:absolute;opacity:0;pointer-events:none}
            .filters label{border:1px solid #cfd8dc;border-radius:3px;padding:.1em .5em}
            .rule-doc{border-top:1px solid #cfd8dc;padding-top:.3em}.rule-doc pre{background:#fafafa;\
            border:1px solid #e0e0e0;padding:.4em .6em;overflow-x:auto}
            """;

    private final String toolVersion;

    /** A writer stating the version of the running dbcheck. */
    public HtmlReport() {
        this(ToolVersion.current());
    }

    /** A writer stating {@code toolVersion} on the page. */
    public HtmlReport(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    @Override
    public void write(AnalysisResult result, Path outputFile) throws IOException {
        Files.writeString(outputFile, render(result), StandardCharsets.UTF_8);
    }

    /** The whole page. */
    String render(AnalysisResult result) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n");
        out.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
        out.append("<meta charset=\"UTF-8\"/>\n");
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        out.append("<title>dbcheck report</title>\n");
        out.append("<style>\n").append(CSS).append(filters(result, new StringBuilder()))
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>dbcheck report</h1>\n");
        out.append("<p id=\"summary\">").append(text(summary(result))).append("<br/>Project: <code>")
                .append(text(result.baseDir().toString())).append("</code><br/>dbcheck ")
                .append(text(toolVersion)).append("</p>\n");
        totals(result, out);
        processingErrors(result, out);
        findings(result, out);
        rules(result, out);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static String summary(AnalysisResult result) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        result.findings().forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        StringBuilder s = new StringBuilder();
        s.append(plural(result.findings().size(), "finding"));
        if (!bySeverity.isEmpty()) {
            List<String> parts = new ArrayList<>();
            bySeverity.forEach((severity, count) -> parts.add(count + " " + severity.id()));
            s.append(" (").append(String.join(", ", parts)).append(')');
        }
        s.append(" in ").append(plural(result.javaFiles(), "Java file")).append(" and ")
                .append(plural(result.resourceFiles(), "resource file")).append("; ")
                .append(plural(result.processingErrors().size(), "processing error")).append('.');
        return s.toString();
    }

    /** The families of the rules that ran and of the findings, in declaration order. */
    private static Map<Family, Map<Severity, Integer>> countsByFamily(AnalysisResult result) {
        Map<Family, Map<Severity, Integer>> counts = new EnumMap<>(Family.class);
        for (RuleMetadata rule : result.rules()) {
            counts.computeIfAbsent(rule.family(), k -> new EnumMap<>(Severity.class));
        }
        for (Finding f : result.findings()) {
            counts.computeIfAbsent(f.family(), k -> new EnumMap<>(Severity.class))
                    .merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    private static void totals(AnalysisResult result, StringBuilder out) {
        Map<Family, Map<Severity, Integer>> counts = countsByFamily(result);
        out.append("<h2 id=\"totals\">Totals</h2>\n<table class=\"totals\">\n<thead><tr><th>Family</th>");
        for (Severity severity : Severity.values()) {
            out.append("<th>").append(severity.id()).append("</th>");
        }
        out.append("<th>total</th></tr></thead>\n<tbody>\n");
        Map<Severity, Integer> columnTotals = new EnumMap<>(Severity.class);
        for (Map.Entry<Family, Map<Severity, Integer>> row : counts.entrySet()) {
            out.append("<tr><td>").append(text(row.getKey().id())).append("</td>");
            int total = 0;
            for (Severity severity : Severity.values()) {
                int n = row.getValue().getOrDefault(severity, 0);
                columnTotals.merge(severity, n, Integer::sum);
                total += n;
                out.append("<td class=\"n\">").append(n).append("</td>");
            }
            out.append("<td class=\"n\">").append(total).append("</td></tr>\n");
        }
        out.append("</tbody>\n<tfoot><tr><th>all</th>");
        for (Severity severity : Severity.values()) {
            out.append("<td class=\"n\">").append(columnTotals.getOrDefault(severity, 0)).append("</td>");
        }
        out.append("<td class=\"n\">").append(result.findings().size()).append("</td></tr></tfoot>\n</table>\n");
        chart(counts, out);
    }

    /** A horizontal bar per family, stacked by severity, scaled to the largest family. */
    private static void chart(Map<Family, Map<Severity, Integer>> counts, StringBuilder out) {
        int max = 1;
        for (Map<Severity, Integer> row : counts.values()) {
            max = Math.max(max, row.values().stream().mapToInt(Integer::intValue).sum());
        }
        int legendHeight = CHART_ROW_HEIGHT;
        int width = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 50;
        int height = legendHeight + Math.max(1, counts.size()) * CHART_ROW_HEIGHT + 4;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\">\n");
        out.append("<title>Findings per family and severity</title>\n");
        int x = CHART_LABEL_WIDTH;
        for (Severity severity : Severity.values()) {
            out.append("<rect x=\"").append(x).append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS.get(severity)).append("\"/>");
            out.append("<text x=\"").append(x + 16).append("\" y=\"15\" font-size=\"12\">")
                    .append(severity.id()).append("</text>\n");
            x += 90;
        }
        int y = legendHeight;
        for (Map.Entry<Family, Map<Severity, Integer>> row : counts.entrySet()) {
            int total = 0;
            out.append("<g class=\"bar\" data-family=\"").append(text(row.getKey().id())).append("\">");
            out.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-size=\"12\">")
                    .append(text(row.getKey().id())).append("</text>");
            int barX = CHART_LABEL_WIDTH;
            for (Severity severity : Severity.values()) {
                int n = row.getValue().getOrDefault(severity, 0);
                if (n == 0) {
                    continue;
                }
                int w = Math.max(1, Math.round((float) n * CHART_BAR_WIDTH / max));
                out.append("<rect x=\"").append(barX).append("\" y=\"").append(y + 4).append("\" width=\"")
                        .append(w).append("\" height=\"16\" fill=\"").append(COLOURS.get(severity))
                        .append("\"><title>").append(text(row.getKey().id())).append(": ").append(n).append(' ')
                        .append(severity.id()).append("</title></rect>");
                barX += w;
                total += n;
            }
            out.append("<text x=\"").append(barX + 6).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"12\">").append(total).append("</text></g>\n");
            y += CHART_ROW_HEIGHT;
        }
        out.append("</svg>\n");
    }

    private static void processingErrors(AnalysisResult result, StringBuilder out) {
        out.append("<h2 id=\"processing-errors\">Processing errors</h2>\n");
        if (result.processingErrors().isEmpty()) {
            out.append("<p>None: every file was analysed.</p>\n");
            return;
        }
        out.append("<p>These files were not fully analysed; findings in them may be missing.</p>\n");
        out.append("<table class=\"processing-errors\">\n<thead><tr><th>File</th><th>Position</th><th>Reason</th>"
                + "</tr></thead>\n<tbody>\n");
        for (ProcessingError error : result.processingErrors()) {
            out.append("<tr><td><code>").append(text(ReportPaths.portable(result.baseDir(), error.file())))
                    .append("</code></td><td>")
                    .append(error.line() > 0 ? error.line() + ":" + Math.max(1, error.column()) : "")
                    .append("</td><td>").append(text(error.reason())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void findings(AnalysisResult result, StringBuilder out) {
        out.append("<h2 id=\"findings\">Findings</h2>\n");
        if (result.findings().isEmpty()) {
            out.append("<p>No findings.</p>\n");
            return;
        }
        Map<String, List<Finding>> byFile = new TreeMap<>();
        Map<String, Path> paths = new HashMap<>();
        for (Finding f : result.findings()) {
            String path = ReportPaths.portable(result.baseDir(), f.file());
            byFile.computeIfAbsent(path, k -> new ArrayList<>()).add(f);
            paths.putIfAbsent(path, f.file());
        }
        filters(result, out);
        out.append("<div class=\"files\">\n");
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            List<String> lines = readLines(paths.get(file.getKey())).orElse(List.of());
            Set<String> families = new TreeSet<>();
            Set<String> severities = new TreeSet<>();
            file.getValue().forEach(f -> {
                families.add(f.family().id());
                severities.add(f.severity().id());
            });
            out.append("<div class=\"file\" data-families=\"").append(text(String.join(" ", families)))
                    .append("\" data-severities=\"").append(String.join(" ", severities)).append("\">\n<h3>")
                    .append(text(file.getKey())).append(" (").append(plural(file.getValue().size(), "finding"))
                    .append(")</h3>\n");
            for (Finding f : file.getValue()) {
                finding(f, lines, result.baseDir(), out);
            }
            out.append("</div>\n");
        }
        out.append("</div>\n");
    }

    /**
     * Two groups of radio buttons, family and severity, placed before the findings so that CSS sibling rules
     * can hide the findings (and files) that do not match the checked ones: filtering without a script.
     * Writes the controls to {@code out} and returns the CSS rules, which go in the page's head.
     */
    private static String filters(AnalysisResult result, StringBuilder out) {
        Set<String> families = new TreeSet<>();
        Set<String> severities = new LinkedHashSet<>();
        result.findings().forEach(f -> families.add(f.family().id()));
        for (Severity severity : Severity.values()) {
            if (result.findings().stream().anyMatch(f -> f.severity() == severity)) {
                severities.add(severity.id());
            }
        }
        StringBuilder css = new StringBuilder();
        StringBuilder inputs = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        filterGroup("family", "Family", families, inputs, labels, css);
        filterGroup("severity", "Severity", severities, inputs, labels, css);
        out.append(inputs);
        out.append("<div class=\"filters\">\n").append(labels).append("</div>\n");
        return css.toString();
    }

    private static void filterGroup(String kind, String title, Set<String> values, StringBuilder inputs,
            StringBuilder labels, StringBuilder css) {
        String attribute = kind.equals("family") ? "families" : "severities";
        inputs.append("<input type=\"radio\" class=\"filter\" name=\"").append(kind).append("\" id=\"")
                .append(kind).append("-all\" checked=\"checked\"/>\n");
        labels.append("<div>").append(title).append(": <label for=\"").append(kind).append("-all\">all</label>");
        css.append("#").append(kind).append("-all:checked~.filters label[for=\"").append(kind)
                .append("-all\"]{background:#37474f;color:#fff}\n");
        for (String value : values) {
            String id = kind + "-" + value;
            inputs.append("<input type=\"radio\" class=\"filter\" name=\"").append(kind).append("\" id=\"")
                    .append(text(id)).append("\"/>\n");
            labels.append("<label for=\"").append(text(id)).append("\">").append(text(value)).append("</label>");
            css.append("#").append(id).append(":checked~.files .finding:not([data-").append(kind).append("=\"")
                    .append(value).append("\"]),#").append(id).append(":checked~.files .file:not([data-")
                    .append(attribute).append("~=\"").append(value).append("\"]){display:none}\n");
            css.append("#").append(id).append(":checked~.filters label[for=\"").append(id)
                    .append("\"]{background:#37474f;color:#fff}\n");
        }
        labels.append("</div>\n");
    }

    private static void finding(Finding f, List<String> lines, Path baseDir, StringBuilder out) {
        out.append("<div class=\"finding\" data-rule=\"").append(text(f.ruleId())).append("\" data-family=\"")
                .append(text(f.family().id())).append("\" data-severity=\"").append(f.severity().id())
                .append("\" data-line=\"").append(f.beginLine()).append("\">\n");
        out.append("<p class=\"message\"><span class=\"sev sev-").append(f.severity().id()).append("\">")
                .append(f.severity().id()).append("</span> <a class=\"rule\" href=\"#rule-")
                .append(text(f.ruleId())).append("\">").append(text(f.ruleId()))
                .append("</a> line ").append(f.beginLine()).append(", column ").append(f.beginColumn())
                .append(": ").append(text(f.message())).append("</p>\n");
        if (f.beginLine() <= lines.size()) {
            int from = Math.max(1, f.beginLine() - CONTEXT_LINES);
            int to = Math.min(lines.size(), f.beginLine() + CONTEXT_LINES);
            out.append("<pre class=\"source\">");
            for (int n = from; n <= to; n++) {
                boolean hit = n == f.beginLine();
                out.append(hit ? "<span class=\"hit\">" : "<span>").append("<span class=\"ln\">").append(n)
                        .append("</span>").append(text(lines.get(n - 1))).append("</span>");
            }
            out.append("</pre>\n");
        }
        DetailsHtml.append(f.details(), baseDir, out);
        out.append("</div>\n");
    }

    private static void rules(AnalysisResult result, StringBuilder out) {
        Map<String, Integer> counts = new HashMap<>();
        result.findings().forEach(f -> counts.merge(f.ruleId(), 1, Integer::sum));
        Map<String, RuleMetadata> byId = new LinkedHashMap<>();
        result.rules().forEach(r -> byId.putIfAbsent(r.id(), r));
        out.append("<h2 id=\"rules\">Rules</h2>\n<table class=\"rules\">\n<thead><tr><th>Rule</th><th>Family</th>"
                + "<th>Default severity</th><th>Findings</th><th>Summary</th></tr></thead>\n<tbody>\n");
        for (String id : new TreeSet<>(byId.keySet())) {
            RuleMetadata rule = byId.get(id);
            out.append("<tr><td><a href=\"#rule-").append(text(id)).append("\">").append(text(id))
                    .append("</a></td><td>").append(text(rule.family().id())).append("</td><td>")
                    .append(rule.defaultSeverity().id()).append("</td><td class=\"n\">")
                    .append(counts.getOrDefault(id, 0)).append("</td><td>").append(text(rule.summary()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        // Each rule's page, so every finding's link lands on its explanation without leaving the file.
        for (String id : new TreeSet<>(byId.keySet())) {
            RuleMetadata rule = byId.get(id);
            out.append("<div class=\"rule-doc\" id=\"rule-").append(text(id)).append("\">\n<h3>").append(text(id))
                    .append("</h3>\n<p><strong>").append(text(rule.summary())).append(".</strong> Family <code>")
                    .append(text(rule.family().id())).append("</code>, default severity ")
                    .append(rule.defaultSeverity().id()).append(". Guide: ").append(text(rule.guideSection()))
                    .append(".</p>\n<h4>What fails in production</h4>\n<p>").append(text(rule.explanation().strip()))
                    .append("</p>\n<h4>How to fix it</h4>\n<p>").append(text(rule.fix().strip()))
                    .append("</p>\n<h4>Flagged</h4>\n<pre>").append(text(rule.badExample().strip()))
                    .append("</pre>\n<h4>Not flagged</h4>\n<pre>").append(text(rule.goodExample().strip()))
                    .append("</pre>\n</div>\n");
        }
    }

    private static Optional<List<String>> readLines(Path file) {
        try {
            // As Fingerprints does: malformed bytes become U+FFFD, deterministically.
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Escapes markup characters for element content and attribute values, and replaces characters XML
     * cannot carry (control characters, lone surrogates) with U+FFFD.
     */
    static String text(String value) {
        String safe = CheckstyleReport.xmlSafe(value);
        StringBuilder out = null;
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(safe.length() + 16).append(safe, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? safe : out.toString();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
