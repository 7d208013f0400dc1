package dev.dbcheck.config;

import dev.dbcheck.rule.ResourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How many replicas of the service run, as deployment files say: Kubernetes Deployment/StatefulSet
 * {@code spec.replicas}, HorizontalPodAutoscaler {@code spec.maxReplicas}, and Helm {@code values*.yaml}
 * ({@code replicaCount}, {@code autoscaling.maxReplicas} unless autoscaling is disabled).
 */
public final class Replicas {

    /** Workload kinds whose {@code spec.replicas} counts, and the autoscaler whose {@code spec.maxReplicas} does. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet", "Rollout");
    private static final String AUTOSCALER = "HorizontalPodAutoscaler";

    private Replicas() {}

    /**
     * One replica count a file declares.
     *
     * @param source what declares it and where: {@code HorizontalPodAutoscaler orders-api spec.maxReplicas in
     *     k8s/hpa.yaml:11}
     */
    public record Count(long count, String source, int line, int column) {}

    /** Whether the file may declare replicas (a YAML file); decided from its name alone. */
    public static boolean mayDeclare(ResourceFile file) {
        return ConfigFiles.isYaml(file.lowerCaseName());
    }

    /** The replica counts the file declares; none for other YAML, Helm templates and files that do not parse. */
    public static List<Count> read(ResourceFile file) {
        String text = file.text();
        boolean helmValues = file.lowerCaseName().startsWith("values");
        if (!helmValues && !(text.contains("kind:") && text.contains("eplicas"))) {
            return List.of();
        }
        List<ConfigProperty> keys;
        try {
            keys = ConfigFiles.readYaml(text);
        } catch (ConfigSyntaxException e) {
            return List.of(); // A Helm template or other non-YAML text: not a manifest to read.
        }
        return helmValues ? helmValues(keys, file) : manifests(keys, file);
    }

    /** The worst case: the largest count (the first of equal ones). */
    public static <T> Optional<T> largest(List<T> counts, java.util.function.ToLongFunction<T> count) {
        return counts.stream().max(Comparator.comparingLong(count));
    }

    private static List<Count> manifests(List<ConfigProperty> keys, ResourceFile file) {
        Map<Integer, List<ConfigProperty>> documents = new LinkedHashMap<>();
        for (ConfigProperty p : keys) {
            documents.computeIfAbsent(p.document(), d -> new ArrayList<>()).add(p);
        }
        List<Count> counts = new ArrayList<>();
        for (List<ConfigProperty> doc : documents.values()) {
            String kind = value(doc, "kind").orElse("");
            String name = value(doc, "metadata.name").orElse("");
            String countKey = WORKLOADS.contains(kind) ? "spec.replicas"
                    : kind.equals(AUTOSCALER) ? "spec.maxReplicas" : null;
            if (countKey == null) {
                continue;
            }
            for (ConfigProperty p : doc) {
                if (p.key().equals(countKey) && p.longValue().isPresent() && p.longValue().getAsLong() > 0) {
                    counts.add(count(p, kind + (name.isEmpty() ? "" : " " + name) + " " + countKey, file));
                }
            }
        }
        return counts;
    }

    private static List<Count> helmValues(List<ConfigProperty> keys, ResourceFile file) {
        boolean autoscalingDisabled = keys.stream().anyMatch(p -> p.key().equals("autoscaling.enabled")
                && "false".equalsIgnoreCase(String.valueOf(p.value()).trim()));
        List<Count> counts = new ArrayList<>();
        for (ConfigProperty p : keys) {
            boolean count = p.key().equals("replicaCount")
                    || p.key().equals("autoscaling.maxReplicas") && !autoscalingDisabled;
            if (count && p.longValue().isPresent() && p.longValue().getAsLong() > 0) {
                counts.add(count(p, "Helm value " + p.key(), file));
            }
        }
        return counts;
    }

    private static Count count(ConfigProperty p, String label, ResourceFile file) {
        return new Count(p.longValue().getAsLong(), label + " in " + where(file) + ":" + p.line(), p.line(), p.column());
    }

    /** The file as {@code <root folder>/<path under it>}: {@code k8s/hpa.yaml}, {@code config/helm/values.yaml}. */
    private static String where(ResourceFile file) {
        Path root = file.path();
        for (int i = file.relativePath().split("/").length; i > 0 && root != null; i--) {
            root = root.getParent();
        }
        return root == null || root.getFileName() == null ? file.relativePath()
                : root.getFileName() + "/" + file.relativePath();
    }

    private static Optional<String> value(List<ConfigProperty> doc, String key) {
        return doc.stream().filter(p -> p.key().equals(key) && p.value() != null).map(p -> p.value().trim())
                .findFirst();
    }
}
