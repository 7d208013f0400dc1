package dev.dbcheck.report;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.ToolVersion;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Checkstyle result XML, read by Jenkins Warnings NG ({@code checkStyle}), reviewdog
 * ({@code -f=checkstyle}) and most CI dashboards.
 *
 * <p>One {@code <file>} per file with problems, named by absolute path as maven-checkstyle-plugin does,
 * in path order. A finding's {@code source} is {@code dbcheck.<family-id>.<RuleId>}: Warnings NG takes the
 * last segment as the type and the one before as the category, so alerts group by rule and family.
 *
 * <p>Processing errors are written as {@code <error severity="warning" source="dbcheck.ProcessingError">}
 * rather than Checkstyle's {@code <exception>} element: Warnings NG and reviewdog ignore
 * {@code <exception>}, and a file that was not analysed must stay visible. They are warnings because the
 * code itself is not known to be wrong. {@code line} and {@code column} are left out when unknown (0), as
 * the Checkstyle XSD requires positive integers.
 */
public final class CheckstyleReport implements ReportWriter {

    /** The source of processing-error entries. */
    public static final String PROCESSING_ERROR_SOURCE = "dbcheck.ProcessingError";

    private final String toolVersion;

    /** A writer stating the version of the running dbcheck. */
    public CheckstyleReport() {
        this(ToolVersion.current());
    }

    /** A writer stating {@code toolVersion} in the root element. */
    public CheckstyleReport(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    /** One {@code <error>} element. */
    private record Entry(int line, int column, String severity, String message, String source) {
        static final Comparator<Entry> POSITION =
                Comparator.comparingInt(Entry::line).thenComparingInt(Entry::column);
    }

    @Override
    public void write(AnalysisResult result, Path outputFile) throws IOException {
        Map<String, List<Entry>> entriesByFile = entriesByFile(result);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outputFile))) {
            // The JDK's own StAX: a plugin class path may bring another implementation with other output.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("checkstyle");
            xml.writeAttribute("version", "dbcheck-" + toolVersion);
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<Entry>> file : entriesByFile.entrySet()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("file");
                xml.writeAttribute("name", xmlSafe(file.getKey()));
                xml.writeCharacters("\n");
                for (Entry entry : file.getValue()) {
                    xml.writeCharacters("    ");
                    writeError(xml, entry);
                    xml.writeCharacters("\n");
                }
                xml.writeCharacters("  ");
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + outputFile + ": " + e.getMessage(), e);
        }
    }

    /** Entries grouped by absolute path (sorted); within a file by position, findings first on a tie. */
    private static Map<String, List<Entry>> entriesByFile(AnalysisResult result) {
        Map<String, List<Entry>> byFile = new TreeMap<>();
        for (Finding f : result.findings()) {
            byFile.computeIfAbsent(absolute(f.file()), k -> new ArrayList<>())
                    .add(new Entry(f.beginLine(), f.beginColumn(), f.severity().id(), f.message(),
                            "dbcheck." + f.family().id() + "." + f.ruleId()));
        }
        for (ProcessingError e : result.processingErrors()) {
            byFile.computeIfAbsent(absolute(e.file()), k -> new ArrayList<>())
                    .add(new Entry(e.line(), e.column(), "warning", e.reason(), PROCESSING_ERROR_SOURCE));
        }
        byFile.values().forEach(entries -> entries.sort(Entry.POSITION)); // stable: keeps findings first
        return byFile;
    }

    private static void writeError(XMLStreamWriter xml, Entry entry) throws XMLStreamException {
        xml.writeEmptyElement("error");
        if (entry.line() > 0) {
            xml.writeAttribute("line", Integer.toString(entry.line()));
        }
        if (entry.column() > 0) {
            xml.writeAttribute("column", Integer.toString(entry.column()));
        }
        xml.writeAttribute("severity", entry.severity());
        xml.writeAttribute("message", xmlSafe(entry.message()));
        xml.writeAttribute("source", entry.source());
    }

    private static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /**
     * Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD. StAX
     * escapes markup characters but writes these through, which would make the report unreadable.
     */
    static String xmlSafe(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || cp >= 0x10000;
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (allowed) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }
}
