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
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalArtifactResult;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorPolicy;

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

    /** The dependencies of a collected graph, depth first (class-path order), each once. */
    private static void collect(DependencyNode node, List<Dependency> out, Set<String> seen) {
        for (DependencyNode child : node.getChildren()) {
            Dependency d = child.getDependency();
            if (d != null && seen.add(d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId() + ":"
                    + d.getArtifact().getClassifier() + ":" + d.getArtifact().getExtension())) {
                out.add(d);
                collect(child, out, seen);
            }
        }
    }

    /** The artifact with its file: the reactor's (a built module), else the local repository's, else none. */
    private static Artifact locate(Artifact artifact, RepositorySystemSession session, MavenProject project) {
        WorkspaceReader workspace = session.getWorkspaceReader();
        File file = workspace == null ? null : workspace.findArtifact(artifact);
        if (file == null) {
            LocalArtifactResult local = session.getLocalRepositoryManager().find(session,
                    new LocalArtifactRequest(artifact, project.getRemoteProjectRepositories(), null));
            file = local.getFile() != null && local.getFile().isFile() ? local.getFile() : null;
        }
        return file == null ? artifact : artifact.setFile(file);
    }

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
        // An invalid POM costs that dependency's own dependencies, not the whole class path. (A POM whose parent
        // or imported BOM is missing fails the collection whatever the policy: see the fallback below.)
        offline.setArtifactDescriptorPolicy((s, r) -> ArtifactDescriptorPolicy.IGNORE_ERRORS);
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
        Set<String> unresolved = new TreeSet<>();
        List<Dependency> dependencies = result.getDependencies();
        if (dependencies.isEmpty() && result.getDependencyGraph() != null) {
            // The graph could not be collected in full (a POM's parent or imported BOM missing offline), so the
            // resolver resolved nothing: take the part that was collected, and find each jar where Maven would.
            dependencies = new ArrayList<>();
            collect(result.getDependencyGraph(), dependencies, new HashSet<>());
            dependencies = dependencies.stream().map(d -> d.setArtifact(locate(d.getArtifact(), offline, project)))
                    .toList();
        }
        for (Dependency d : dependencies) {
            File file = d.getArtifact() == null ? null : d.getArtifact().getFile();
            boolean onCompilePath = COMPILE_SCOPES.contains(d.getScope()) || (includeTests && "test".equals(d.getScope()));
            if (!onCompilePath) {
                continue;
            }
            Artifact a = d.getArtifact();
            if (file != null && file.exists()) {
                entries.add(file.toPath().toAbsolutePath().normalize());
                resolved.add(a.getGroupId() + ":" + a.getArtifactId());
            } else if (!modules.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                unresolved.add(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
            }
        }
        for (Dependency d : result.getUnresolvedDependencies()) {
            Artifact a = d.getArtifact();
            if (!modules.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                unresolved.add(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
            }
        }
        for (Exception e : result.getCollectionErrors()) {
            unresolved.add(e instanceof ArtifactDescriptorException a && a.getResult() != null
                    ? "the dependencies of " + a.getResult().getRequest().getArtifact() + " (its POM could not be read)"
                    : "part of the dependency graph (" + e.getMessage() + ")");
        }
        return new Found(entries, resolved, List.copyOf(unresolved));
    }
}
