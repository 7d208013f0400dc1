package dev.dbcheck.report;

import dev.dbcheck.engine.AnalysisResult;
import java.io.IOException;
import java.nio.file.Path;

/** Writes an analysis result in one report format. Implementations hold no state between calls. */
public interface ReportWriter {

    /**
     * Writes the report, replacing {@code outputFile} if it exists. The same result always gives the
     * same bytes, so reports can be diffed and cached.
     */
    void write(AnalysisResult result, Path outputFile) throws IOException;

    /**
     * This writer for a build whose paths should be relative to {@code rootDirectory} rather than to the
     * analysed project, such as the reactor root of a multi-module build. Only formats whose consumer resolves
     * paths against the repository root (GitLab) use it; the others return themselves.
     */
    default ReportWriter withPathsRelativeTo(Path rootDirectory) {
        return this;
    }
}
