package dev.dbcheck.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The report formats dbcheck writes. Adding a format is one constant here plus one {@link ReportWriter}
 * class; the build configuration, the accepted-values message and {@link Reports} follow from this list.
 */
public enum ReportFormat {
    /** SARIF 2.1.0: GitHub code scanning, VS Code SARIF Viewer, Jenkins Warnings NG. */
    SARIF("sarif", "dbcheck.sarif", SarifReport::new),
    /** Checkstyle result XML: Jenkins Warnings NG, reviewdog and other Checkstyle-aware tools. */
    CHECKSTYLE("checkstyle", "dbcheck-checkstyle.xml", CheckstyleReport::new),
    /** GitLab Code Quality: the merge-request widget and the pipeline's Code Quality tab. */
    GITLAB("gitlab", "gl-code-quality-report.json", GitLabCodeQualityReport::new),
    /** One self-contained HTML page for people: totals, chart, findings with their source lines. */
    HTML("html", "dbcheck-report.html", HtmlReport::new);

    private final String id;
    private final String fileName;
    private final Supplier<ReportWriter> writer;

    ReportFormat(String id, String fileName, Supplier<ReportWriter> writer) {
        this.id = id;
        this.fileName = fileName;
        this.writer = writer;
    }

    /** The name used in the build configuration, e.g. {@code sarif}. */
    public String id() {
        return id;
    }

    /** The fixed name of the report file inside the output directory. */
    public String fileName() {
        return fileName;
    }

    /** A new writer for this format. */
    public ReportWriter writer() {
        return writer.get();
    }

    /**
     * Parses a configured list such as {@code "sarif, checkstyle"}. Items are trimmed and matched
     * case-insensitively, empty items are ignored and repeats are dropped, keeping the first position.
     * A null or blank list means no reports.
     *
     * @throws IllegalArgumentException naming the unknown value and the accepted values
     */
    public static List<ReportFormat> parseList(String commaList) {
        if (commaList == null) {
            return List.of();
        }
        Set<ReportFormat> formats = new LinkedHashSet<>();
        for (String item : commaList.split(",", -1)) {
            String value = item.trim();
            if (!value.isEmpty()) {
                formats.add(parse(value));
            }
        }
        return List.copyOf(new ArrayList<>(formats));
    }

    /**
     * Parses one format id.
     *
     * @throws IllegalArgumentException naming the value and the accepted values
     */
    public static ReportFormat parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.id.equals(v)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "'" + value + "' is not a report format; accepted values: " + acceptedValues());
    }

    /** The ids in declaration order, comma separated, for messages and documentation. */
    public static String acceptedValues() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }
}
