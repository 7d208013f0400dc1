package dev.dbcheck.maven;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.SessionData;

/**
 * The totals of a multi-module build, printed once by whichever {@code dbcheck:verify} execution finishes last,
 * so the end of a reactor log says what dbcheck found in every module, also under {@code mvn -T 4}.
 *
 * <p>One instance per build lives in the resolver session's {@link SessionData}, a container Maven creates per
 * build and shares between the reactor's threads; no static state, so builds embedded in one JVM (IDEs, the
 * Maven daemon) never mix. Executions record their module's outcome in a concurrent map, then count themselves
 * finished with an atomic counter: the one that reaches the expected count sees every outcome (each was stored
 * before its count) and prints.
 *
 * <p>The expected count is the number of executions this build will run: every selected project when the goal
 * is named on the command line ({@code dbcheck:verify}, or its full coordinates), plus every execution bound in
 * a project's POM to a phase the requested lifecycle phases reach. A build that stops early (a failing module under the default fail-fast) prints no summary:
 * the per-module lines and the failure say it. This was chosen over an aggregate goal because it needs no
 * configuration and no second pass over the sources, and over a lifecycle participant because that needs
 * {@code <extensions>true</extensions>} in every user's POM.
 */
final class ReactorSummary {

    static final String GROUP_ID = "dev.dbcheck";
    static final String ARTIFACT_ID = "dbcheck-maven-plugin";
    static final String GOAL = "verify";
    /** The goal's default phase, used by executions that name none. */
    static final String DEFAULT_PHASE = "verify";
    /** Maven's default lifecycle, in order: a requested phase runs the executions bound to it and before it. */
    static final List<String> DEFAULT_LIFECYCLE = List.of("validate", "initialize", "generate-sources",
            "process-sources", "generate-resources", "process-resources", "compile", "process-classes",
            "generate-test-sources", "process-test-sources", "generate-test-resources", "process-test-resources",
            "test-compile", "process-test-classes", "test", "prepare-package", "package", "pre-integration-test",
            "integration-test", "post-integration-test", "verify", "install", "deploy");

    /** What one module's execution found. */
    record Outcome(Map<Severity, Long> counts, int processingErrors, boolean skipped) {

        static Outcome of(AnalysisResult result) {
            Map<Severity, Long> counts = new EnumMap<>(Severity.class);
            for (Finding f : result.findings()) {
                counts.merge(f.severity(), 1L, Long::sum);
            }
            return new Outcome(counts, result.processingErrors().size(), false);
        }

        static Outcome skippedModule() {
            return new Outcome(Map.of(), 0, true);
        }

        long findings() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final List<String> modules;
    private final int expectedExecutions;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();

    /** @param modules the module names in reactor order, the order of the summary */
    ReactorSummary(List<String> modules, int expectedExecutions) {
        this.modules = List.copyOf(modules);
        this.expectedExecutions = expectedExecutions;
    }

    /**
     * The summary of this build, or empty for a single-project build (the module's own lines are the summary)
     * and when Maven provides no session container (some embedders and test harnesses).
     */
    static Optional<ReactorSummary> of(MavenSession session) {
        if (session == null || session.getProjects() == null || session.getProjects().size() < 2) {
            return Optional.empty();
        }
        RepositorySystemSession repositorySession = session.getRepositorySession();
        SessionData data = repositorySession == null ? null : repositorySession.getData();
        if (data == null) {
            return Optional.empty();
        }
        // The key is this class, so two versions of the plugin in one build keep separate summaries.
        Object existing = data.get(ReactorSummary.class);
        if (existing == null) {
            List<String> names = session.getProjects().stream().map(ReactorSummary::moduleName).toList();
            data.set(ReactorSummary.class, null,
                    new ReactorSummary(names, expectedExecutions(session.getGoals(), session.getProjects())));
            existing = data.get(ReactorSummary.class); // whoever won the race
        }
        return Optional.of((ReactorSummary) existing);
    }

    static String moduleName(MavenProject project) {
        return project.getArtifactId();
    }

    /**
     * Executions of {@code dbcheck:verify} in this build: the command-line goal in every project, plus the
     * executions bound in the POMs whose phase the requested lifecycle phases reach ({@code mvn dbcheck:verify}
     * alone runs no bound execution; {@code mvn verify} runs those bound up to {@code verify}).
     */
    static int expectedExecutions(List<String> goals, List<MavenProject> projects) {
        List<String> tasks = goals == null ? List.of() : goals;
        int expected = tasks.stream().anyMatch(ReactorSummary::isVerifyGoal) ? projects.size() : 0;
        int lastPhase = tasks.stream().mapToInt(DEFAULT_LIFECYCLE::indexOf).max().orElse(-1);
        for (MavenProject project : projects) {
            for (Plugin plugin : project.getBuildPlugins()) {
                if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                    for (PluginExecution execution : plugin.getExecutions()) {
                        String phase = execution.getPhase() == null ? DEFAULT_PHASE : execution.getPhase();
                        int index = DEFAULT_LIFECYCLE.indexOf(phase);
                        if (index >= 0 && index <= lastPhase) {
                            expected += (int) execution.getGoals().stream().filter(GOAL::equals).count();
                        }
                    }
                }
            }
        }
        return expected;
    }

    /** {@code dbcheck:verify}, {@code dev.dbcheck:dbcheck-maven-plugin:verify} or with a version. */
    static boolean isVerifyGoal(String task) {
        String[] parts = task.split(":", -1);
        return switch (parts.length) {
            case 2 -> parts[0].equals("dbcheck") && parts[1].equals(GOAL);
            case 3 -> parts[0].equals(GROUP_ID) && parts[1].equals(ARTIFACT_ID) && parts[2].equals(GOAL);
            case 4 -> parts[0].equals(GROUP_ID) && parts[1].equals(ARTIFACT_ID) && parts[3].equals(GOAL);
            default -> false;
        };
    }

    /**
     * Records a module's outcome. Returns the summary lines when this was the last expected execution; empty
     * otherwise (and for every later one).
     */
    Optional<List<String>> finish(String module, Outcome outcome) {
        outcomes.put(module, outcome);
        return finished.incrementAndGet() == expectedExecutions ? Optional.of(lines()) : Optional.empty();
    }

    private List<String> lines() {
        Map<Severity, Long> total = new EnumMap<>(Severity.class);
        int errors = 0;
        int analysed = 0;
        List<String> moduleLines = new ArrayList<>();
        for (String module : modules) {
            Outcome outcome = outcomes.get(module);
            if (outcome == null) {
                continue; // a project the goal does not run in (e.g. no binding there)
            }
            if (outcome.skipped()) {
                moduleLines.add("dbcheck:   " + module + ": skipped");
                continue;
            }
            analysed++;
            outcome.counts().forEach((severity, n) -> total.merge(severity, n, Long::sum));
            errors += outcome.processingErrors();
            moduleLines.add("dbcheck:   " + module + ": " + describe(outcome.findings(), outcome.counts(),
                    outcome.processingErrors()));
        }
        long findings = total.values().stream().mapToLong(Long::longValue).sum();
        List<String> lines = new ArrayList<>();
        lines.add("dbcheck: reactor summary: " + describe(findings, total, errors) + " in "
                + ConsoleReporter.plural(analysed, "module"));
        lines.addAll(moduleLines);
        return lines;
    }

    private static String describe(long findings, Map<Severity, Long> counts, int processingErrors) {
        String text = findings == 0 ? "no findings"
                : ConsoleReporter.plural(findings, "finding") + " (" + FailurePolicy.breakdown(counts) + ")";
        return processingErrors == 0 ? text : text + ", " + ConsoleReporter.plural(processingErrors,
                "processing error");
    }
}
