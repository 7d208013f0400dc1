package dev.dbcheck.report;

import dev.dbcheck.engine.AnalysisResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Writes the configured reports of one analysis into one directory. */
public final class Reports {

    private Reports() {}

    /**
     * Creates {@code outputDirectory} if needed and writes one file per format, named
     * {@link ReportFormat#fileName()}. A format listed twice is written once.
     *
     * @return the written files, in the order of {@code formats}
     */
    public static List<Path> write(AnalysisResult result, List<ReportFormat> formats, Path outputDirectory)
            throws IOException {
        return write(result, formats, outputDirectory, result.baseDir());
    }

    /**
     * As {@link #write(AnalysisResult, List, Path)}, with the paths of repository-level formats (GitLab)
     * relative to {@code rootDirectory}, e.g. the reactor root of a multi-module build.
     */
    public static List<Path> write(AnalysisResult result, List<ReportFormat> formats, Path outputDirectory,
            Path rootDirectory) throws IOException {
        Files.createDirectories(outputDirectory);
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : new LinkedHashSet<>(formats)) {
            Path file = outputDirectory.resolve(format.fileName());
            format.writer().withPathsRelativeTo(rootDirectory).write(result, file);
            written.add(file);
        }
        return List.copyOf(written);
    }
}
