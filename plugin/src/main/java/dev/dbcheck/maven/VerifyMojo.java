package dev.dbcheck.maven;

import dev.dbcheck.baseline.Baseline;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.report.ReportFormat;
import dev.dbcheck.report.Reports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Analyses the project's Java sources and configuration files, prints every finding, writes the reports and
 * fails the build on findings at or above {@code failOn}. Findings suppressed in source and findings held by the
 * baseline ({@code dbcheck-baseline.json}) are reported apart and never fail the build.
 *
 * <p>Unlike SpotBugs' {@code spotbugs:verify}, which only re-reads an existing report, this goal runs the
 * analysis itself. It reads sources, and the class files of the compile class path that Maven already has
 * ({@link CompileClassPath}: resolved leniently and offline, never failing the build), so it needs no compiled
 * classes.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractDbcheckMojo {

    /** Eclipse m2e's build context (problem markers); on the command line, the default one, not used. */
    @Inject
    private BuildContext buildContext;

    /** Skips the analysis. */
    @Parameter(property = "dbcheck.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The least severe finding that fails the build: {@code error}, {@code warning}, {@code info}, or
     * {@code none} to never fail.
     */
    @Parameter(property = "dbcheck.failOn", defaultValue = "error")
    private String failOn;

    /**
     * How many findings at or above {@code failOn} the build tolerates (as PMD's {@code maxAllowedViolations}):
     * it fails only when there are more.
     */
    @Parameter(property = "dbcheck.maxAllowedFindings", defaultValue = "0")
    private int maxAllowedFindings;

    /**
     * Report files to write into {@code outputDirectory}, comma-separated: {@code sarif} ({@code dbcheck.sarif},
     * GitHub code scanning), {@code checkstyle} ({@code dbcheck-checkstyle.xml}, Jenkins Warnings NG, reviewdog),
     * {@code gitlab} ({@code gl-code-quality-report.json}, GitLab Code Quality), {@code html}
     * ({@code dbcheck-report.html}, one self-contained page). Empty writes no reports.
     */
    @Parameter(property = "dbcheck.formats", defaultValue = "sarif,checkstyle")
    private String formats;

    /**
     * Prints each finding's full explanation and fix on the console instead of the short line (the reports
     * always hold the full text).
     */
    @Parameter(property = "dbcheck.verbose", defaultValue = "false")
    private boolean verbose;

    /** Directory the reports are written to. */
    @Parameter(property = "dbcheck.outputDirectory", defaultValue = "${project.build.directory}/dbcheck")
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping dbcheck");
            logReactorSummary(ReactorSummary.Outcome.skippedModule());
            return;
        }
        FailurePolicy policy = Parameters.failOn(failOn);
        int maxAllowed = Parameters.maxAllowedFindings(maxAllowedFindings);
        List<ReportFormat> reportFormats = Parameters.formats(formats);
        Path reportDirectory = outputDirectory.toPath().toAbsolutePath().normalize();

        AnalysisResult result = applyBaseline(analyze());

        new ConsoleReporter(getLog(), verbose).report(result);
        updateIdeMarkers(result);
        writeReports(result, reportFormats, reportDirectory);
        logReactorSummary(ReactorSummary.Outcome.of(result));

        Optional<String> failure = policy.failureMessage(result.findings(),
                reportFormats.isEmpty() ? null : reportDirectory, maxAllowed);
        if (failure.isPresent()) {
            throw new MojoFailureException(failure.get());
        }
    }

    /** Compares with the baseline file when it exists: only new findings remain in {@code findings()}. */
    private AnalysisResult applyBaseline(AnalysisResult result) throws MojoExecutionException {
        Path file = baselineFile();
        if (!Files.isRegularFile(file)) {
            getLog().debug("dbcheck: no baseline at " + file);
            return result;
        }
        try {
            return Baseline.read(file).apply(result, file);
        } catch (IOException e) {
            MojoExecutionException error = Parameters.invalid("baseline", file.toString(), e.getMessage());
            error.initCause(e);
            throw error;
        }
    }

    /** Writes the report files and names each one in the log, so CI users can find them. */
    private void writeReports(AnalysisResult result, List<ReportFormat> reportFormats, Path directory)
            throws MojoExecutionException {
        if (reportFormats.isEmpty()) {
            return;
        }
        List<Path> written;
        try {
            written = Reports.write(result, reportFormats, directory, reportRoot(result.baseDir()));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("dbcheck could not write the reports to outputDirectory " + directory
                    + ": " + e, e);
        }
        for (Path file : written) {
            getLog().info("dbcheck: report written: " + file);
        }
    }

    /**
     * The directory repository-level report paths (GitLab) are relative to: the directory Maven was started in
     * when this module lies beneath it (the reactor root, normally the repository root), else the module.
     */
    private Path reportRoot(Path basedir) {
        String root = session == null ? null : session.getExecutionRootDirectory();
        if (root == null) {
            return basedir;
        }
        Path rootDir = Path.of(root).toAbsolutePath().normalize();
        return basedir.startsWith(rootDir) ? rootDir : basedir;
    }

    /** In Eclipse: replaces the problem markers of the analysed files by this result's. */
    private void updateIdeMarkers(AnalysisResult result) {
        if (!IdeMarkers.isIde(buildContext)) {
            return;
        }
        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        try {
            IdeMarkers.update(buildContext, result, javaRoots(basedir), resourceRoots(basedir));
        } catch (UncheckedIOException e) {
            getLog().warn("dbcheck could not update the IDE markers: " + e.getMessage());
        }
    }

    /** In a multi-module build, the last dbcheck execution to finish prints the totals of every module. */
    private void logReactorSummary(ReactorSummary.Outcome outcome) {
        ReactorSummary.of(session)
                .flatMap(summary -> summary.finish(ReactorSummary.moduleName(project), outcome))
                .ifPresent(lines -> lines.forEach(getLog()::info));
    }
}
