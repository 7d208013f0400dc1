package dev.dbcheck.maven;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every analysing goal shares: which files to read and how, and which rules run at which severity.
 * {@code verify} and {@code baseline} must analyse identically, or a fresh baseline would not match.
 */
abstract class AbstractDbcheckMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The build: its projects are the modules whose sources this module's may use (and the reactor summary). */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /**
     * Reads the sources of the modules of this build that the module depends on (directly or transitively), so
     * that wrappers and base classes defined there are seen by their callers here. Their findings are reported
     * by their own modules, never by this one.
     */
    @Parameter(property = "dbcheck.followModules", defaultValue = "true")
    protected boolean followModules;

    /**
     * Reads the library types of the module's compile class path (the jars Maven has in the local repository and
     * the reactor's built modules; nothing is downloaded and nothing unresolved fails the build), for the types
     * dbcheck's own tables do not list: an internal jar's base mapper, a MyBatis-Plus extension. Off: the
     * tables and the sources alone.
     */
    @Parameter(property = "dbcheck.readClassPath", defaultValue = "true")
    protected boolean readClassPath;

    /** Also analyses the test source roots and test resources. */
    @Parameter(property = "dbcheck.includeTests", defaultValue = "false")
    protected boolean includeTests;

    /**
     * Ant patterns, relative to a source root, of the files to analyse (default: every {@code .java} file).
     * Comma-separated when given as a property.
     */
    @Parameter(property = "dbcheck.includes")
    protected List<String> includes;

    /** Ant patterns of files to skip; an exclude wins over an include. Comma-separated as a property. */
    @Parameter(property = "dbcheck.excludes")
    protected List<String> excludes;

    /**
     * The Java release the sources are written for, such as {@code 17} or {@code 21}. Default: the project's
     * {@code maven.compiler.release}, then {@code maven.compiler.source}, else the newest release the parser knows.
     * It decides the grammar ({@code yield} from 13, {@code var} as a type from 10); the code is not checked
     * against it again, which the build's compiler has done.
     */
    @Parameter(property = "dbcheck.languageLevel")
    protected String languageLevel;

    /** Encoding of the source files. Falls back to UTF-8, with a warning, when unset. */
    @Parameter(property = "dbcheck.encoding", defaultValue = "${project.build.sourceEncoding}")
    protected String encoding;

    /**
     * Incremental analysis: files unchanged since the last run (same content, same dbcheck and configuration)
     * are not analysed again; their findings come from a cache in {@code target/dbcheck/}.
     */
    @Parameter(property = "dbcheck.cache", defaultValue = "true")
    protected boolean cache;

    /**
     * Where the incremental cache lives, for a CI cache step to save and restore it (CI starts from a fresh
     * checkout with an empty {@code target/}). Unset: {@code target/dbcheck/dbcheck-cache.json.gz}. A path you
     * choose is the one place outside {@code target/} the plugin writes to. Safe to share between branches and
     * checkout folders: entries are keyed by the path relative to the project and reused only for the same
     * content, and a cache from another dbcheck version or configuration is discarded.
     */
    @Parameter(property = "dbcheck.cacheFile")
    protected File cacheFile;

    /**
     * Leave unparsed the Java files that no enabled rule can use (the findings are the same; a syntax error in
     * such a file is not reported). Off only to compare.
     */
    @Parameter(property = "dbcheck.relevanceFilter", defaultValue = "true")
    protected boolean relevanceFilter;

    /**
     * Per-rule configuration, by rule id: {@code off} disables the rule, {@code error}, {@code warning} or
     * {@code info} changes its severity. For example
     * {@code <rules><DynamoDbScan>off</DynamoDbScan><UnusedSuppression>error</UnusedSuppression></rules>}.
     */
    @Parameter
    protected Map<String, String> rules;

    /** Rule ids to disable, comma-separated (the command-line counterpart of {@code off} in {@code rules}). */
    @Parameter(property = "dbcheck.disabledRules")
    protected String disabledRules;

    /**
     * The baseline file: findings it holds are reported apart and do not fail the build. {@code dbcheck:baseline}
     * writes it; {@code verify} reads it when it exists.
     */
    @Parameter(property = "dbcheck.baseline", defaultValue = "${project.basedir}/dbcheck-baseline.json")
    protected File baseline;

    // Rule options: each field is named after an option declared beside its rule (RuleMetadata.RuleOption),
    // which validates it and documents it; RuleOptionParametersTest fails when these fields and the
    // declarations drift apart. Maven binds parameters to fields, hence one field per option.

    /** The database's instance class, such as db.r7g.large. */
    @Parameter(property = "dbcheck.dbInstanceClass")
    protected String dbInstanceClass;

    /**
     * The database engine; with dbInstanceClass it gives the default max_connections, and it tells
     * AuroraInstanceEndpoint whether the database is Aurora.
     */
    @Parameter(property = "dbcheck.dbEngine")
    protected String dbEngine;

    /** The database's max_connections, when the parameter group changes it (or for Aurora Serverless v2). */
    @Parameter(property = "dbcheck.maxConnections")
    protected String maxConnections;

    /**
     * Largest number of replicas of the service; otherwise read from Deployment/StatefulSet spec.replicas, HPA
     * spec.maxReplicas and Helm values*.yaml.
     */
    @Parameter(property = "dbcheck.replicas")
    protected String replicas;

    /** Share of max_connections the service's pools may use. */
    @Parameter(property = "dbcheck.connectionBudget")
    protected String connectionBudget;

    /** Largest connection-pool maximum per instance before OversizedConnectionPool warns. */
    @Parameter(property = "dbcheck.maxPoolSize")
    protected String maxPoolSize;

    /**
     * Severity of a migration's backfill (an UPDATE of columns added, or a table created, earlier in the same
     * migration) and reseed (a DELETE followed by INSERTs into the same table). Runtime code and other migration
     * statements keep the rule's severity.
     */
    @Parameter(property = "dbcheck.backfillsAndReseeds")
    protected String backfillsAndReseeds;

    /**
     * Spring, Quarkus or Micronaut profiles that run in production. A configuration file or document for another
     * profile (application-dev.yml, a --- document with spring.config.activate.on-profile: test, %dev. keys) is
     * reported at info, naming the profile.
     */
    @Parameter(property = "dbcheck.productionProfiles")
    protected String productionProfiles;

    /** Folders beside the code that hold Kubernetes manifests and Helm charts (replica counts). */
    private static final List<String> LAMBDA_TEMPLATES = List.of("template.yaml", "template.yml", "serverless.yml",
            "serverless.yaml");

    private static final List<String> DEPLOYMENT_FOLDERS = List.of("k8s", "kubernetes", "deploy", "manifests",
            "helm", "charts");

    /** Validates the shared parameters and runs the engine. */
    protected AnalysisResult analyze() throws MojoExecutionException {
        // Validate everything before the (possibly long) analysis: a typo must fail in the first second.
        RuleSelection selection = Parameters.rules(rules, disabledRules);
        String level = Parameters.languageLevel(languageLevel, project.getProperties(), getLog()::warn);
        Charset charset = Parameters.encoding(encoding, getLog()::warn);

        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        AnalysisRequest.Builder builder = AnalysisRequest.builder(basedir)
                .javaRoots(javaRoots(basedir))
                .resourceRoots(resourceRoots(basedir))
                .includes(Parameters.patterns(includes))
                .excludes(Parameters.patterns(excludes))
                .encoding(charset)
                .languageLevel(level)
                .rules(selection.rules())
                .options(Parameters.ruleOptions(this::ruleOptionField))
                .log(getLog()::info)
                .cacheFile(cache ? cacheFile() : null)
                .relevanceFilter(relevanceFilter)
                .debugLog(getLog()::debug);
        selection.severities().forEach(builder::severity);
        CompileClassPath.Found classPath = readClassPath ? compileClassPath() : CompileClassPath.Found.NONE;
        builder.classPath(classPath.entries());
        if (followModules) {
            dependencyRoots(classPath.resolved()).forEach(builder::dependencyRoot);
        }
        try {
            return new Analyzer().analyze(builder.build());
        } catch (IllegalArgumentException e) {
            // The engine rejects rule configuration it cannot use; its message names the option.
            throw Parameters.fromEngine(e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("dbcheck could not read the sources: " + e.getMessage(), e);
        }
    }

    /** The projects of the build (empty outside one). */
    private List<MavenProject> reactor() {
        List<MavenProject> reactor = session == null ? null : session.getAllProjects();
        if (reactor == null && session != null) {
            reactor = session.getProjects();
        }
        return reactor == null ? List.of() : reactor;
    }

    /**
     * The compile class path, resolved leniently and offline ({@link CompileClassPath}); says once, at info level,
     * which dependencies could not be resolved. Never fails.
     */
    private CompileClassPath.Found compileClassPath() {
        CompileClassPath.Found found;
        try {
            found = session == null ? CompileClassPath.Found.NONE
                    : CompileClassPath.of(project, session, reactor(), includeTests);
        } catch (RuntimeException | LinkageError e) {
            getLog().debug("dbcheck: the class path could not be resolved, reading none: " + e);
            return CompileClassPath.Found.NONE;
        }
        // The organisation's own artifacts that are not in the build are named by dependencyRoots already.
        List<String> unresolved = found.unresolved().stream().filter(gav -> !followModules || gav.contains(" ")
                || !ReactorDependencies.sameOrganisation(project.getGroupId(), gav.substring(0, gav.indexOf(':'))))
                .toList();
        if (!unresolved.isEmpty()) {
            getLog().info("dbcheck: not on the class path (not in the local repository), so their types are known "
                    + "only from dbcheck's tables: " + String.join(", ", unresolved));
        }
        getLog().debug("dbcheck: class path of " + found.entries().size() + " entries");
        return found;
    }

    /**
     * The source roots of the reactor modules this one depends on, in reactor order; says once, at info level,
     * which of the organisation's own artifacts are neither in the build nor on the class path, and so not seen.
     */
    private List<Path> dependencyRoots(java.util.Set<String> onClassPath) {
        ReactorDependencies.Found found = ReactorDependencies.of(project, reactor(), includeTests);
        if (!found.siblings().isEmpty()) {
            getLog().debug("dbcheck: following the sources of " + found.siblings().stream()
                    .map(MavenProject::getArtifactId).toList());
        }
        List<String> notSeen = found.notFollowed().stream()
                .filter(gav -> !onClassPath.contains(gav.substring(0, gav.lastIndexOf(':')))).toList();
        if (!notSeen.isEmpty()) {
            getLog().info("dbcheck: not in this build, so their wrappers and base classes are not seen: "
                    + String.join(", ", notSeen));
        }
        return found.sourceRoots();
    }

    /** The value of the field named after a rule option (see the fields above). */
    private String ruleOptionField(String option) {
        try {
            return (String) AbstractDbcheckMojo.class.getDeclaredField(option).get(this);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Mojo has no String field for rule option " + option, e);
        }
    }

    /** The baseline file, absolute. */
    protected Path baselineFile() {
        return baseline.toPath().toAbsolutePath().normalize();
    }

    /** Under the build directory unless the user chose a place: the plugin writes nothing outside target/ unasked. */
    private Path cacheFile() {
        if (cacheFile != null) {
            return cacheFile.toPath().toAbsolutePath().normalize();
        }
        return Path.of(project.getBuild().getDirectory(), "dbcheck", "dbcheck-cache.json.gz").toAbsolutePath()
                .normalize();
    }

    /** The Java source roots analysed (compile roots, and test roots with includeTests). */
    protected List<Path> javaRoots(Path basedir) {
        List<String> roots = new ArrayList<>(project.getCompileSourceRoots());
        if (includeTests) {
            roots.addAll(project.getTestCompileSourceRoots());
        }
        return roots.stream().map(r -> resolve(basedir, r)).toList();
    }

    /** The non-Java roots analysed: resources, config/, and deployment folders (k8s/, helm/, ...). */
    protected List<Path> resourceRoots(Path basedir) {
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
        // Lambda templates (SAM/CloudFormation, Serverless Framework) sit beside the POM: their concurrency and
        // RDS Proxy resources are read as files, not as roots of everything beside the POM.
        for (String template : LAMBDA_TEMPLATES) {
            Path file = basedir.resolve(template);
            if (Files.isRegularFile(file)) {
                roots.add(file);
            }
        }
        return roots;
    }

    private static Path resolve(Path basedir, String dir) {
        return basedir.resolve(dir).toAbsolutePath().normalize();
    }
}
