package dev.dbcheck.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds input files under roots, honouring include and exclude patterns. Roots that do not exist are skipped; a
 * root that is a file is that one file.
 */
final class SourceCollector {

    /** A file found under a root, with its '/'-separated path relative to that root. */
    record Input(Path path, String relativePath) {}

    private final List<AntPattern> includes;
    private final List<AntPattern> excludes;

    SourceCollector(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().filter(s -> !s.isBlank()).map(AntPattern::new).toList();
        this.excludes = excludes.stream().filter(s -> !s.isBlank()).map(AntPattern::new).toList();
    }

    /** Java files: {@code *.java} matching the includes (all when none) and no exclude. */
    List<Input> javaFiles(List<Path> roots) {
        return collect(roots, rel -> rel.endsWith(".java")
                && (includes.isEmpty() || includes.stream().anyMatch(p -> p.matches(rel)))
                && excludes.stream().noneMatch(p -> p.matches(rel)));
    }

    /** Other files (configuration, SQL): every file that no exclude matches. */
    List<Input> resourceFiles(List<Path> roots, Predicate<Input> wanted) {
        List<Input> all = collect(roots, rel -> !rel.endsWith(".java") && excludes.stream().noneMatch(p -> p.matches(rel)));
        return all.stream().filter(wanted).toList();
    }

    private static List<Input> collect(List<Path> roots, Predicate<String> accept) {
        // Keyed by absolute path: overlapping roots must not analyse a file twice.
        Map<Path, Input> found = new LinkedHashMap<>();
        for (Path root : roots) {
            Path absRoot = root.toAbsolutePath().normalize();
            if (Files.isRegularFile(absRoot)) {
                // A single file given as a root (a SAM template beside the POM): its name is its relative path.
                String rel = absRoot.getFileName().toString();
                if (accept.test(rel)) {
                    found.putIfAbsent(absRoot, new Input(absRoot, rel));
                }
                continue;
            }
            if (!Files.isDirectory(absRoot)) {
                continue;
            }
            try {
                Files.walkFileTree(absRoot, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        // Hidden folders (.git, .idea) never hold project sources.
                        return !dir.equals(absRoot) && name.startsWith(".")
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            String rel = absRoot.relativize(file).toString().replace('\\', '/');
                            if (accept.test(rel)) {
                                found.putIfAbsent(file, new Input(file, rel));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Input> result = new ArrayList<>(found.values());
        result.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return result;
    }
}
