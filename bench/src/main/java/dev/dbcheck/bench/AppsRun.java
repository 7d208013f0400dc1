package dev.dbcheck.bench;

import dev.dbcheck.bench.RealWorldRun.Corpus;
import dev.dbcheck.bench.RealWorldRun.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The application corpus of the real-code run (bench/apps.sh): each application of the pinned list, exported at its
 * commit (tests excluded), analysed as ONE project by {@link RealWorldRun#run}. The project is what the Maven
 * plugin would see over all of the application's modules together: every module's {@code src/main/java} as a Java
 * root, and its {@code src/main/resources}, {@code config/} and deployment folders ({@code k8s/}, {@code helm/},
 * ...) as resource roots, where a module is a folder with a {@code pom.xml} or a {@code src/main} folder (Gradle
 * builds), and the application's own root.
 *
 * <p>Usage: {@code AppsRun <apps.tsv> <exported dir> <triage.tsv> <missed.tsv> <report.md> <findings.tsv>
 * [app ...]}; with application ids, only those are analysed. {@code -Dbench.appendix=<file.md>} adds that file
 * (the speed table of {@link AppsSpeed}) at the end of the report.
 */
public final class AppsRun {

    private AppsRun() {}

    /** A line of apps.tsv. */
    record App(String id, String repo, String commit, String build, String release, String families, String why) {}

    /** The folders beside a module's code that the plugin also reads (its {@code resourceRoots}). */
    private static final List<String> MODULE_FOLDERS = List.of("config", "k8s", "kubernetes", "deploy", "manifests",
            "helm", "charts");

    public static void main(String[] args) throws Exception {
        Path findings = Path.of(args[5]);
        Corpus corpus = new Corpus("application", Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), findings,
                findings.resolveSibling("apps-errors.tsv"));
        List<Project> projects = projects(Path.of(args[0]), Path.of(args[1]),
                new HashSet<>(List.of(args).subList(6, args.length)));
        String appendixFile = System.getProperty("bench.appendix", "");
        String appendix = !appendixFile.isEmpty() && Files.exists(Path.of(appendixFile))
                ? "\n" + Files.readString(Path.of(appendixFile)) : "";
        RealWorldRun.run(corpus, projects, appendix);
    }

    /** The listed applications (those of {@code only}, or all), each with its roots in the exported tree. */
    static List<Project> projects(Path list, Path exported, Set<String> only) throws IOException {
        List<Project> out = new ArrayList<>();
        for (App a : readApps(list)) {
            if (!only.isEmpty() && !only.contains(a.id())) {
                continue;
            }
            Path base = exported.toAbsolutePath().normalize().resolve(a.id());
            if (!Files.isDirectory(base)) {
                throw new IllegalStateException(base + " is missing: run bench/apps.sh, which exports it");
            }
            out.add(project(a, base));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no application of " + list + " matches " + only);
        }
        return out;
    }

    static Project project(App a, Path base) throws IOException {
        Set<Path> modules = new LinkedHashSet<>();
        modules.add(base);
        try (Stream<Path> s = Files.walk(base)) {
            s.forEach(p -> {
                if (p.endsWith("pom.xml") && Files.isRegularFile(p)) {
                    modules.add(p.getParent());
                } else if (p.endsWith("src/main") && Files.isDirectory(p)) {
                    modules.add(p.getParent().getParent());
                }
            });
        }
        List<Path> javaRoots = new ArrayList<>();
        List<Path> resourceRoots = new ArrayList<>();
        for (Path m : modules.stream().sorted().toList()) {
            Path java = m.resolve("src/main/java");
            if (Files.isDirectory(java)) {
                javaRoots.add(java);
            }
            Path resources = m.resolve("src/main/resources");
            if (Files.isDirectory(resources)) {
                resourceRoots.add(resources);
            }
            for (String folder : MODULE_FOLDERS) {
                Path f = m.resolve(folder);
                if (Files.isDirectory(f)) {
                    resourceRoots.add(f);
                }
            }
        }
        return new Project(a.id(), a.repo() + "@" + a.commit().substring(0, 10), a.families(), a.release(), a.why(),
                base, javaRoots, resourceRoots);
    }

    static List<App> readApps(Path file) throws IOException {
        List<App> out = new ArrayList<>();
        for (String[] c : Triage.table(file, 7)) {
            out.add(new App(c[0], c[1], c[2], c[3], c[4].isBlank() ? null : c[4], c[5], c[6]));
        }
        return out;
    }
}
