package dev.dbcheck.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;

/**
 * The module's compile class path, for the library types dbcheck's tables do not list (the engine reads their
 * class files). Asked of Maven leniently, and offline:
 *
 * <ul>
 *   <li>The goal declares no {@code requiresDependencyResolution}: with it Maven would resolve before the goal
 *       runs and <em>fail the build</em> when a dependency cannot be resolved, and {@code mvn -T 4 dbcheck:verify}
 *       on a multi-module build that was never compiled nor installed would fail on every module whose sibling
 *       jar does not exist yet. {@code requiresDependencyCollection} fails the same way when a POM is missing
 *       offline, and gives no files anyway.</li>
 *   <li>Instead the goal resolves the compile scopes itself through Maven's {@link ProjectDependenciesResolver}
 *       (the same graph, mediation and exclusions as the compiler's class path), on a copy of the build's
 *       repository session set offline: it reads what is in the local repository (everything, after
 *       {@code mvn compile} or any earlier build) and the reactor (a sibling's {@code target/classes} or jar once
 *       built in this session), never downloads, and takes the partial result when something is missing.</li>
 * </ul>
 *
 * Nothing here fails the build: what could not be resolved is named once per module, and any error means an
 * empty class path, which is dbcheck without a class path (its tables and the sources).
 */
final class CompileClassPath {

    /** Scopes on the compile class path. */
    private static final Set<String> COMPILE_SCOPES = Set.of("compile", "provided", "system", "");

    /**
     * @param entries jars and class folders, in class-path order
     * @param resolved {@code groupId:artifactId} of each dependency on it
     * @param unresolved coordinates of the dependencies that could not be resolved (reactor modules left out:
     *     their sources are read instead)
     */
    record Found(List<Path> entries, Set<String> resolved, List<String> unresolved) {
        static final Found NONE = new Found(List.of(), Set.of(), List.of());
    }

    private CompileClassPath() {}

    static Found of(MavenProject project, MavenSession session, List<MavenProject> reactor, boolean includeTests) {
        ProjectDependenciesResolver resolver;
        try {
            resolver = session.getContainer().lookup(ProjectDependenciesResolver.class);
        } catch (Exception | LinkageError e) {
            return Found.NONE;
        }
        DefaultRepositorySystemSession offline = new DefaultRepositorySystemSession(session.getRepositorySession());
        offline.setOffline(true);
        // Quiet: a missing POM or jar is said once, by the goal, not as Maven's own warnings of a failed download.
        offline.setRepositoryListener(null);
        offline.setTransferListener(null);
        DependencyFilter scopes = (node, parents) -> {
            Dependency d = node.getDependency();
            return d == null || COMPILE_SCOPES.contains(d.getScope()) || (includeTests && "test".equals(d.getScope()));
        };
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, offline);
        request.setResolutionFilter(scopes);
        DependencyResolutionResult result;
        try {
            result = resolver.resolve(request);
        } catch (DependencyResolutionException e) {
            result = e.getResult();
        }
        if (result == null) {
            return Found.NONE;
        }
        Set<String> modules = new HashSet<>();
        for (MavenProject p : reactor) {
            modules.add(p.getGroupId() + ":" + p.getArtifactId());
        }
        List<Path> entries = new ArrayList<>();
        Set<String> resolved = new TreeSet<>();
        for (Dependency d : result.getDependencies()) {
            File file = d.getArtifact() == null ? null : d.getArtifact().getFile();
            boolean onCompilePath = COMPILE_SCOPES.contains(d.getScope()) || (includeTests && "test".equals(d.getScope()));
            if (file != null && onCompilePath && file.exists()) {
                entries.add(file.toPath().toAbsolutePath().normalize());
                resolved.add(d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId());
            }
        }
        Set<String> unresolved = new TreeSet<>();
        for (Dependency d : result.getUnresolvedDependencies()) {
            Artifact a = d.getArtifact();
            if (!modules.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                unresolved.add(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
            }
        }
        if (!result.getCollectionErrors().isEmpty() && unresolved.isEmpty() && entries.isEmpty()) {
            unresolved.add("(the dependency graph: " + result.getCollectionErrors().get(0).getMessage() + ")");
        }
        return new Found(entries, resolved, List.copyOf(unresolved));
    }
}
