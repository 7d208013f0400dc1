package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.finding.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class ReactorSummaryTest {

    private static ReactorSummary.Outcome outcome(long errors, long warnings, int processingErrors) {
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        if (errors > 0) {
            counts.put(Severity.ERROR, errors);
        }
        if (warnings > 0) {
            counts.put(Severity.WARNING, warnings);
        }
        return new ReactorSummary.Outcome(counts, processingErrors, false);
    }

    @Test
    void theLastExecutionPrintsEveryModuleInReactorOrder() {
        ReactorSummary summary = new ReactorSummary(List.of("parent", "orders", "billing", "api"), 4);
        assertEquals(Optional.empty(), summary.finish("billing", outcome(1, 2, 0)));
        assertEquals(Optional.empty(), summary.finish("api", outcome(0, 0, 0)));
        assertEquals(Optional.empty(), summary.finish("parent", ReactorSummary.Outcome.skippedModule()));
        assertEquals(Optional.of(List.of(
                "dbcheck: reactor summary: 5 findings (1 error, 4 warning), 1 processing error in 3 modules",
                "dbcheck:   parent: skipped",
                "dbcheck:   orders: 2 findings (2 warning), 1 processing error",
                "dbcheck:   billing: 3 findings (1 error, 2 warning)",
                "dbcheck:   api: no findings")), summary.finish("orders", outcome(0, 2, 1)));
        // A surplus execution (a miscounted binding) prints nothing more.
        assertEquals(Optional.empty(), summary.finish("orders", outcome(0, 0, 0)));
    }

    @Test
    void exactlyOneOfManyConcurrentExecutionsPrints() throws Exception {
        int modules = 64;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules; i++) {
            names.add("m" + i);
        }
        for (int round = 0; round < 20; round++) {
            ReactorSummary summary = new ReactorSummary(names, modules);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Optional<List<String>>> results = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> {
                    start.await();
                    results.add(summary.finish(name, outcome(0, 1, 0)));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            List<List<String>> printed = results.stream().flatMap(Optional::stream).toList();
            assertEquals(1, printed.size());
            // Every module's outcome is visible to the one that prints.
            assertEquals("dbcheck: reactor summary: 64 findings (64 warning) in 64 modules", printed.get(0).get(0));
            assertEquals(modules + 1, printed.get(0).size());
        }
    }

    @Test
    void recognisesTheGoalOnTheCommandLine() {
        assertTrue(ReactorSummary.isVerifyGoal("dbcheck:verify"));
        assertTrue(ReactorSummary.isVerifyGoal("dev.dbcheck:dbcheck-maven-plugin:verify"));
        assertTrue(ReactorSummary.isVerifyGoal("dev.dbcheck:dbcheck-maven-plugin:0.1.0-SNAPSHOT:verify"));
        assertFalse(ReactorSummary.isVerifyGoal("verify"));
        assertFalse(ReactorSummary.isVerifyGoal("dbcheck:help"));
        assertFalse(ReactorSummary.isVerifyGoal("other:verify"));
        assertFalse(ReactorSummary.isVerifyGoal("dev.dbcheck:other-plugin:1:verify"));
    }

    private static MavenProject project(String artifactId, String... boundGoals) {
        return projectBoundAt(artifactId, null, boundGoals);
    }

    private static MavenProject projectBoundAt(String artifactId, String phase, String... boundGoals) {
        Model model = new Model();
        model.setGroupId("g");
        model.setArtifactId(artifactId);
        model.setVersion("1");
        model.setBuild(new Build());
        if (boundGoals.length > 0) {
            Plugin plugin = new Plugin();
            plugin.setGroupId("dev.dbcheck");
            plugin.setArtifactId("dbcheck-maven-plugin");
            PluginExecution execution = new PluginExecution();
            execution.setId("dbcheck");
            execution.setPhase(phase);
            for (String goal : boundGoals) {
                execution.addGoal(goal);
            }
            plugin.addExecution(execution);
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    @Test
    void expectsEveryProjectForACommandLineGoalPlusEveryBoundExecution() {
        List<MavenProject> projects = List.of(project("parent"), project("a", "verify"), project("b", "help"),
                project("c"));
        // The goal alone runs in every project and no bound execution.
        assertEquals(4, ReactorSummary.expectedExecutions(List.of("clean", "dbcheck:verify"), projects));
        assertEquals(4 + 1, ReactorSummary.expectedExecutions(List.of("verify", "dbcheck:verify"), projects));
        assertEquals(1, ReactorSummary.expectedExecutions(List.of("verify"), projects));
        assertEquals(1, ReactorSummary.expectedExecutions(List.of("clean", "install"), projects));
        // Bound to verify (the default phase): a build that stops before it runs none.
        assertEquals(0, ReactorSummary.expectedExecutions(List.of("package"), projects));
        assertEquals(0, ReactorSummary.expectedExecutions(List.of("verify"), List.of(project("x"))));
        // An IDE-style binding to process-classes runs from compile's successor on.
        List<MavenProject> early = List.of(projectBoundAt("a", "process-classes", "verify"),
                projectBoundAt("b", "process-classes", "verify"));
        assertEquals(0, ReactorSummary.expectedExecutions(List.of("compile"), early));
        assertEquals(2, ReactorSummary.expectedExecutions(List.of("test"), early));
    }

    @Test
    void noSummaryWithoutAMultiModuleSession() {
        assertEquals(Optional.empty(), ReactorSummary.of(null));
    }
}
