package dev.dbcheck.rules.pool;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.config.ConfigProperty;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The database connection pools a service opens, from code and configuration: per file it records a
 * {@link PoolFact} for each pool size it can tell; after every file, {@link #pools} gives one pool per data
 * source with its worst case. Redis pools are not in it: they do not use the database's connections.
 */
final class PoolInventory {

    /**
     * One pool, or one size setting of a configured data source.
     *
     * @param isDefault whether {@code size} is the library's default (no maximum set)
     * @param label what sets it, as the message quotes it
     * @param group the configured data source it belongs to ({@code spring.datasource}), empty for a pool in code
     * @param profile the configuration profile that sets it ({@link dev.dbcheck.config.Profiles}), empty for
     *     code and for configuration without a profile
     */
    record PoolFact(PoolLibraries.Library library, long size, boolean isDefault, String label, String group,
            int endLine, int endColumn, String profile) {
        String describe() {
            return isDefault ? label + " (" + library.displayName + " default of " + size + ")"
                    : label + " (" + library.displayName + ")";
        }
    }

    /** Binding a pool from configuration: its size is counted from the configuration file instead. */
    private static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";

    private PoolInventory() {}

    /** Records the pool a size setter or a constructor in code gives. */
    static void record(Node node, JavaContext context) {
        if (node instanceof MethodCallExpr call) {
            Optional<PoolLibraries.SizeSetter> setter = PoolLibraries.setterOf(call, context.types());
            if (setter.isEmpty() || !setter.get().library().database) {
                return;
            }
            Optional<Long> size = context.constants().longValue(call.getArgument(0));
            if (size.isPresent() && !setter.get().unlimited().test(size.get())) {
                Position end = call.getEnd().orElse(call.getName().getBegin().orElseThrow());
                context.addFact(call.getName(), new PoolFact(setter.get().library(), size.get(), false,
                        call.getNameAsString() + "(" + size.get() + ")", "", end.line, end.column, ""));
            }
            return;
        }
        ObjectCreationExpr creation = (ObjectCreationExpr) node;
        Optional<PoolLibraries.Library> library = PoolLibraries.constructedPool(creation, context.types());
        if (library.isEmpty() || !library.get().database || !creation.getArguments().isEmpty()
                || boundFromConfiguration(creation, context)
                || PoolMaximum.of(creation, library.get(), context).kind() != PoolMaximum.Kind.LIBRARY_DEFAULT) {
            return;
        }
        Position end = creation.getEnd().orElse(creation.getBegin().orElseThrow());
        context.addFact(creation, new PoolFact(library.get(), library.get().defaultMax, true,
                "new " + creation.getType().getNameAsString() + "()", "", end.line, end.column, ""));
    }

    /** Records the pools an application configuration file sets or declares. */
    static void record(ResourceFile file, ResourceContext context) {
        PoolMessages.read(file, context).ifPresent(properties -> record(properties, context));
    }

    private static void record(List<ConfigProperty> properties, ResourceContext context) {
        Map<String, PoolLibraries.Library> springType = new HashMap<>();
        for (ConfigProperty p : properties) {
            if (p.canonicalKey().equals("spring.datasource.type")) {
                PoolKeys.springDataSourceType(p.value()).ifPresent(l -> springType.put(p.profile(), l));
            }
        }
        for (ConfigProperty p : properties) {
            Optional<PoolKeys.SizeKey> size = PoolKeys.sizeKeyOf(p);
            if (size.isPresent() && size.get().library().database) {
                OptionalLong value = p.longValue();
                if (value.isPresent() && !size.get().unlimited().test(value.getAsLong())) {
                    context.addFact(p.line(), p.column(), new PoolFact(size.get().library(), value.getAsLong(),
                            false, PoolMessages.describe(p), size.get().group(p), p.endLine(), p.endColumn(), p.profile()));
                }
                continue;
            }
            Optional<PoolKeys.PresenceKey> presence = PoolKeys.presenceKeyOf(p);
            if (presence.isPresent()) {
                PoolLibraries.Library library = presence.get().pattern().startsWith("spring.datasource.")
                        ? springType.getOrDefault(p.profile(), springType.getOrDefault("", presence.get().library()))
                        : presence.get().library();
                context.addFact(p.line(), p.column(), new PoolFact(library, library.defaultMax, true,
                        p.key() + (p.profile().isEmpty() ? "" : " (profile " + p.profile() + ")"),
                        PoolKeys.group(p, presence.get().groupSegments()), p.endLine(), p.endColumn(),
                        p.profile()));
            }
        }
    }

    /**
     * The service's pools: every pool built in code, and one per configured data source with its worst case
     * over profiles (the largest configured maximum, or the default when no file sets one).
     */
    static List<Fact.Typed<PoolFact>> pools(List<Fact.Typed<PoolFact>> facts) {
        boolean codeDefinesDataSource = facts.stream().anyMatch(f -> f.value().group().isEmpty());
        List<Fact.Typed<PoolFact>> pools = new ArrayList<>();
        Map<String, List<Fact.Typed<PoolFact>>> groups = new LinkedHashMap<>();
        for (Fact.Typed<PoolFact> f : facts) {
            if (f.value().group().isEmpty()) {
                pools.add(f);
            } else {
                groups.computeIfAbsent(f.value().group(), g -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<String, List<Fact.Typed<PoolFact>>> e : groups.entrySet()) {
            List<Fact.Typed<PoolFact>> explicit = e.getValue().stream().filter(f -> !f.value().isDefault()).toList();
            // Spring Boot backs off its own DataSource when the code defines one.
            if (explicit.isEmpty() && codeDefinesDataSource && e.getKey().equals("spring.datasource")) {
                continue;
            }
            List<Fact.Typed<PoolFact>> candidates = explicit.isEmpty() ? e.getValue() : explicit;
            pools.add(candidates.stream().max(Comparator.comparingLong(f -> f.value().size())).orElseThrow());
        }
        return pools;
    }

    /** A {@code @ConfigurationProperties} factory method: the pool's size comes from the configuration file. */
    private static boolean boundFromConfiguration(Node node, JavaContext context) {
        return node.findAncestor(MethodDeclaration.class).map(m -> m.getAnnotations().stream()
                .anyMatch(a -> context.types().resolveName(a.getNameAsString())
                        .map(CONFIGURATION_PROPERTIES::equals)
                        .orElse(a.getNameAsString().equals("ConfigurationProperties"))))
                .orElse(false);
    }
}
