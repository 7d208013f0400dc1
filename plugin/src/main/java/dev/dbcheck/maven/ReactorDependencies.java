package dev.dbcheck.maven;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;
import org.apache.maven.project.MavenProject;

/**
 * The modules of this build that a module depends on, directly or transitively, found from the POMs alone
 * (no dependency resolution, so {@code mvn dbcheck:verify} needs nothing built or installed): their source roots
 * go into the project model, so a Redis wrapper or a base service in a {@code common} module is seen by its
 * callers in the other modules.
 *
 * <p>A dependency is a sibling when its groupId, artifactId and version are those of a project of the reactor,
 * as Maven's own reactor ordering matches them. The compile class path is followed as Maven builds it: the
 * module's {@code compile} and {@code provided} dependencies ({@code test} ones too with {@code includeTests}),
 * then, from each sibling reached, its {@code compile} dependencies that are not optional and not excluded on
 * the way. {@code runtime} dependencies are not on the compile class path, so code cannot name their types.
 * A {@code test-jar} dependency (type {@code test-jar} or classifier {@code tests}) stands for the sibling's test
 * sources.
 *
 * <p>Dependencies that are not in the reactor but belong to the module's own organisation (their groupId shares
 * its first two segments with the module's, as {@code com.acme.common} and {@code com.acme.shop}) are listed as
 * not followed: they are the installed jars where a company's own wrappers live. Third-party libraries are not
 * listed: dbcheck knows the database ones through its type tables, and the rest do not touch a database.
 */
final class ReactorDependencies {

    /** What was found for one module. */
    record Found(List<Path> sourceRoots, List<MavenProject> siblings, List<String> notFollowed) {}

    private ReactorDependencies() {}

    /**
     * @param reactor every project of the build, in reactor order (the order of the roots returned)
     */
    static Found of(MavenProject module, List<MavenProject> reactor, boolean includeTests) {
        Map<String, MavenProject> byCoordinates = new HashMap<>();
        for (MavenProject p : reactor) {
            byCoordinates.putIfAbsent(key(p.getGroupId(), p.getArtifactId(), p.getVersion()), p);
        }
        Set<MavenProject> main = new HashSet<>();
        Set<MavenProject> tests = new HashSet<>();
        Set<String> notFollowed = new TreeSet<>();
        Deque<Step> queue = new ArrayDeque<>();
        for (Dependency d : module.getDependencies()) {
            String scope = scope(d);
            if (scope.equals("compile") || scope.equals("provided") || (includeTests && scope.equals("test"))) {
                queue.add(new Step(d, Set.of()));
            }
        }
        Set<String> visited = new HashSet<>();
        while (!queue.isEmpty()) {
            Step step = queue.poll();
            Dependency d = step.dependency();
            if (step.excluded().contains(d.getGroupId() + ":" + d.getArtifactId())
                    || step.excluded().contains(d.getGroupId() + ":*")) {
                continue;
            }
            MavenProject sibling = byCoordinates.get(key(d.getGroupId(), d.getArtifactId(), d.getVersion()));
            if (sibling == null) {
                if (sameOrganisation(module.getGroupId(), d.getGroupId())) {
                    notFollowed.add(d.getGroupId() + ":" + d.getArtifactId() + ":" + d.getVersion());
                }
                continue;
            }
            if (sibling == module) {
                continue;
            }
            boolean testJar = "test-jar".equals(d.getType()) || "tests".equals(d.getClassifier());
            (testJar ? tests : main).add(sibling);
            // The exclusions of this edge apply below it; a sibling reached twice is expanded once (the first,
            // shortest path: breadth first, as Maven's nearest-wins mediation).
            if (!visited.add(key(sibling.getGroupId(), sibling.getArtifactId(), sibling.getVersion()))) {
                continue;
            }
            Set<String> excluded = new HashSet<>(step.excluded());
            for (Exclusion e : d.getExclusions()) {
                excluded.add(e.getGroupId() + ":" + e.getArtifactId());
            }
            for (Dependency next : sibling.getDependencies()) {
                if (scope(next).equals("compile") && !next.isOptional()) {
                    queue.add(new Step(next, Set.copyOf(excluded)));
                }
            }
        }
        List<Path> roots = new ArrayList<>();
        List<MavenProject> siblings = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (MavenProject p : reactor) {
            boolean isMain = main.contains(p);
            boolean isTests = tests.contains(p);
            if (!isMain && !isTests) {
                continue;
            }
            siblings.add(p);
            List<String> declared = new ArrayList<>();
            if (isMain) {
                declared.addAll(p.getCompileSourceRoots());
            }
            if (isTests) {
                declared.addAll(p.getTestCompileSourceRoots());
            }
            Path basedir = p.getBasedir().toPath().toAbsolutePath().normalize();
            for (String r : declared) {
                Path root = basedir.resolve(r).toAbsolutePath().normalize();
                if (seen.add(root)) {
                    roots.add(root);
                }
            }
        }
        return new Found(roots, siblings, List.copyOf(notFollowed));
    }

    private record Step(Dependency dependency, Set<String> excluded) {}

    private static String scope(Dependency d) {
        return d.getScope() == null || d.getScope().isEmpty() ? "compile" : d.getScope();
    }

    private static String key(String groupId, String artifactId, String version) {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** Same first two segments of the groupId ({@code com.acme}): the module's own organisation. */
    static boolean sameOrganisation(String moduleGroup, String dependencyGroup) {
        return moduleGroup != null && dependencyGroup != null
                && organisation(moduleGroup).equals(organisation(dependencyGroup));
    }

    private static String organisation(String groupId) {
        String[] segments = groupId.split("\\.");
        return segments.length < 2 ? groupId : segments[0] + "." + segments[1];
    }
}
