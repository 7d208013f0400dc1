package dev.dbcheck.maven;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.finding.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Puts findings into the IDE as problem markers through plexus-build-api's {@link BuildContext}, which
 * Eclipse m2e implements (and the lifecycle mapping in {@code META-INF/m2e} lets it run the goal).
 *
 * <p>Before adding, the markers of every file under the analysed roots are removed, so a fixed finding
 * disappears and a file that is now excluded keeps no stale marker; m2e keeps these markers per Mojo
 * execution, so other tools' markers stay. Errors become error markers; warnings and infos warning
 * markers, since the API has no lower severity: an info prefixed {@code (info)} is still seen, where
 * skipping it would hide it from exactly the people who configured it. Processing errors are warnings.
 *
 * <p>On the command line Maven injects {@link DefaultBuildContext}, which would print every message to the
 * log a second time; markers are skipped there, the console lines already say everything.
 */
final class IdeMarkers {

    private IdeMarkers() {}

    /** True when {@code context} is an IDE's, not the command line's default that only logs. */
    static boolean isIde(BuildContext context) {
        return context != null && context.getClass() != DefaultBuildContext.class;
    }

    /**
     * Replaces the markers of the files under {@code javaRoots} ({@code .java} files) and
     * {@code resourceRoots} (all files), and of every file with a finding or processing error, by the
     * result's.
     */
    static void update(BuildContext context, AnalysisResult result, List<Path> javaRoots, List<Path> resourceRoots) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path root : javaRoots) {
            files.addAll(filesUnder(root, true));
        }
        for (Path root : resourceRoots) {
            files.addAll(filesUnder(root, false));
        }
        result.findings().forEach(f -> files.add(f.file()));
        result.processingErrors().forEach(e -> files.add(e.file()));
        for (Path file : files) {
            context.removeMessages(file.toFile());
        }
        for (Finding f : result.findings()) {
            context.addMessage(f.file().toFile(), f.beginLine(), f.beginColumn(), message(f), severity(f.severity()),
                    null);
        }
        for (ProcessingError e : result.processingErrors()) {
            context.addMessage(e.file().toFile(), e.line(), e.column(), "dbcheck processing error: " + e.reason(),
                    BuildContext.SEVERITY_WARNING, null);
        }
    }

    /** The marker text: the console line's {@code RuleId: message}, with {@code (info)} for infos. */
    static String message(Finding f) {
        return (f.severity() == Severity.INFO ? "(info) " : "") + f.ruleId() + ": " + f.message();
    }

    static int severity(Severity severity) {
        return severity == Severity.ERROR ? BuildContext.SEVERITY_ERROR : BuildContext.SEVERITY_WARNING;
    }

    private static List<Path> filesUnder(Path root, boolean javaOnly) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !javaOnly || p.getFileName().toString().endsWith(".java"))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
