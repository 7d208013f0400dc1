package dev.dbcheck.maven;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.report.ReportFormat;
import dev.dbcheck.report.Reports;
import dev.dbcheck.rule.AnalysisOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Analyses the project's Java sources and configuration files, prints every finding, writes the reports and
 * fails the build on findings at or above {@code failOn}.
 *
 * <p>Unlike SpotBugs' {@code spotbugs:verify}, which only re-reads an existing report, this goal runs the
 * analysis itself. It reads sources only, so it needs no compiled classes and no dependency resolution.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The build, for the reactor summary of a multi-module build. */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

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
     * Report files to write into {@code outputDirectory}, comma-separated: {@code sarif} ({@code dbcheck.sarif},
     * GitHub code scanning), {@code checkstyle} ({@code dbcheck-checkstyle.xml}, Jenkins Warnings NG, reviewdog),
     * {@code gitlab} ({@code gl-code-quality-report.json}, GitLab Code Quality), {@code html}
     * ({@code dbcheck-report.html}, one self-contained page). Empty writes no reports.
     */
    @Parameter(property = "dbcheck.formats", defaultValue = "sarif,checkstyle")
    private String formats;

    /** Directory the reports are written to. */
    @Parameter(property = "dbcheck.outputDirectory", defaultValue = "${project.build.directory}/dbcheck")
    private File outputDirectory;

    /** Also analyses the test source roots and test resources. */
    @Parameter(property = "dbcheck.includeTests", defaultValue = "false")
    private boolean includeTests;

    /**
     * Ant patterns, relative to a source root, of the files to analyse (default: every {@code .java} file).
     * Comma-separated when given as a property.
     */
    @Parameter(property = "dbcheck.includes")
    private List<String> includes;

    /** Ant patterns of files to skip; an exclude wins over an include. Comma-separated as a property. */
    @Parameter(property = "dbcheck.excludes")
    private List<String> excludes;

    /**
     * The Java release the sources are written for, such as {@code 17} or {@code 21}. Default: the project's
     * {@code maven.compiler.release}, then {@code maven.compiler.source}, else the newest release the parser knows.
     */
    @Parameter(property = "dbcheck.languageLevel")
    private String languageLevel;

    /** Encoding of the source files. Falls back to UTF-8, with a warning, when unset. */
    @Parameter(property = "dbcheck.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /**
     * Incremental analysis: files unchanged since the last run (same content, same dbcheck and configuration)
     * are not analysed again; their findings come from a cache in {@code target/dbcheck/}.
     */
    @Parameter(property = "dbcheck.cache", defaultValue = "true")
    private boolean cache;

    /** Largest connection-pool maximum per instance before OversizedConnectionPool warns (default 50). */
    @Parameter(property = "dbcheck.maxPoolSize")
    private String maxPoolSize;

    /** Database instance class for the connection budget, such as {@code db.r7g.large}. */
    @Parameter(property = "dbcheck.dbInstanceClass")
    private String dbInstanceClass;

    /** Database engine for the connection budget: aurora-postgresql, aurora-mysql, postgres or mysql. */
    @Parameter(property = "dbcheck.dbEngine")
    private String dbEngine;

    /** The database's max_connections, when it is not the instance class's default. */
    @Parameter(property = "dbcheck.maxConnections")
    private String maxConnections;

    /** Largest number of replicas of the service; overrides the Kubernetes manifests and Helm values. */
    @Parameter(property = "dbcheck.replicas")
    private String replicas;

    /** Share of max_connections the service may use (default 0.8). */
    @Parameter(property = "dbcheck.connectionBudget")
    private String connectionBudget;

    /** Folders beside the code that hold Kubernetes manifests and Helm charts (replica counts). */
    private static final List<String> DEPLOYMENT_FOLDERS = List.of("k8s", "kubernetes", "deploy", "manifests",
            "helm", "charts");

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping dbcheck");
            logReactorSummary(ReactorSummary.Outcome.skippedModule());
            return;
        }
        // Validate everything before the (possibly long) analysis: a typo must fail in the first second.
        FailurePolicy policy = Parameters.failOn(failOn);
        List<ReportFormat> reportFormats = Parameters.formats(formats);
        String level = Parameters.languageLevel(languageLevel, project.getProperties());
        Charset charset = Parameters.encoding(encoding, getLog()::warn);
        Path reportDirectory = outputDirectory.toPath().toAbsolutePath().normalize();

        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        AnalysisRequest request = AnalysisRequest.builder(basedir)
                .javaRoots(javaRoots(basedir))
                .resourceRoots(resourceRoots(basedir))
                .includes(Parameters.patterns(includes))
                .excludes(Parameters.patterns(excludes))
                .encoding(charset)
                .languageLevel(level)
                .options(ruleOptions())
                .log(getLog()::info)
                .cacheFile(cache ? cacheFile() : null)
                .debugLog(getLog()::debug)
                .build();

        AnalysisResult result;
        try {
            result = new Analyzer().analyze(request);
        } catch (IllegalArgumentException e) {
            // The engine rejects rule configuration it cannot use; its message names the option.
            throw new MojoExecutionException("dbcheck: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("dbcheck could not read the sources: " + e.getMessage(), e);
        }

        new ConsoleReporter(getLog()).report(result);
        updateIdeMarkers(result, request);
        writeReports(result, reportFormats, reportDirectory);
        logReactorSummary(ReactorSummary.Outcome.of(result));

        Optional<String> failure = policy.failureMessage(result.findings(),
                reportFormats.isEmpty() ? null : reportDirectory);
        if (failure.isPresent()) {
            throw new MojoFailureException(failure.get());
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
    private void updateIdeMarkers(AnalysisResult result, AnalysisRequest request) {
        if (!IdeMarkers.isIde(buildContext)) {
            return;
        }
        try {
            IdeMarkers.update(buildContext, result, request.javaRoots(), request.resourceRoots());
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

    /** Rule options by parameter name; the rules validate them (and name what they accept) before analysis. */
    private AnalysisOptions ruleOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("maxPoolSize", maxPoolSize);
        options.put("dbInstanceClass", dbInstanceClass);
        options.put("dbEngine", dbEngine);
        options.put("maxConnections", maxConnections);
        options.put("replicas", replicas);
        options.put("connectionBudget", connectionBudget);
        options.values().removeIf(v -> v == null || v.isBlank());
        return new AnalysisOptions(options);
    }

    /** Always under the build directory: the plugin writes nothing outside target/ unless asked. */
    private Path cacheFile() {
        return Path.of(project.getBuild().getDirectory(), "dbcheck", "dbcheck-cache.json.gz").toAbsolutePath()
                .normalize();
    }

    private List<Path> javaRoots(Path basedir) {
        List<String> roots = new ArrayList<>(project.getCompileSourceRoots());
        if (includeTests) {
            roots.addAll(project.getTestCompileSourceRoots());
        }
        return roots.stream().map(r -> resolve(basedir, r)).toList();
    }

    private List<Path> resourceRoots(Path basedir) {
        List<Resource> resources = new ArrayList<>(project.getResources());
        if (includeTests) {
            resources.addAll(project.getTestResources());
        }
        List<Path> roots = new ArrayList<>();
        for (Resource r : resources) {
            if (r.getDirectory() != null) {
                roots.add(resolve(basedir, r.getDirectory()));
            }
        }
        // Deployment configuration (instance classes, pool sizes) often lives beside the code, not in resources.
        Path config = basedir.resolve("config");
        if (Files.isDirectory(config)) {
            roots.add(config);
        }
        for (String folder : DEPLOYMENT_FOLDERS) {
            Path deployment = basedir.resolve(folder);
            if (Files.isDirectory(deployment)) {
                roots.add(deployment);
            }
        }
        return roots;
    }

    private static Path resolve(Path basedir, String dir) {
        return basedir.resolve(dir).toAbsolutePath().normalize();
    }
}
