package dev.dbcheck.sql;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.MemoKey;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Java migration classes (Flyway {@code BaseJavaMigration}/{@code JavaMigration}, Liquibase
 * {@code CustomTaskChange}/{@code CustomSqlChange}): the SQL a class runs, in source order, is one migration,
 * so an UPDATE that backfills a column the class added is recognised as in a script.
 */
public final class JavaMigrations {

    private static final Set<String> MIGRATION_TYPES = Set.of("org.flywaydb.core.api.migration.BaseJavaMigration",
            "org.flywaydb.core.api.migration.JavaMigration", "liquibase.change.custom.CustomTaskChange",
            "liquibase.change.custom.CustomSqlChange");

    private JavaMigrations() {}

    private static final MemoKey<Map<ClassOrInterfaceDeclaration, Map<Node, List<MigrationIntent>>>> KEY =
            MemoKey.of("Java migration intents by class");

    /**
     * The intent of each unbounded change of {@code site}'s analysis, in order; empty when the site is not in a
     * migration class.
     */
    public static Optional<List<MigrationIntent>> intents(JavaSqlSites.Site site, JavaContext context) {
        Optional<ClassOrInterfaceDeclaration> type = site.literal().findAncestor(ClassOrInterfaceDeclaration.class);
        if (type.isEmpty() || !isMigration(type.get(), context)) {
            return Optional.empty();
        }
        Map<ClassOrInterfaceDeclaration, Map<Node, List<MigrationIntent>>> classes = context.memo(
                KEY, IdentityHashMap::new);
        Map<Node, List<MigrationIntent>> byLiteral = classes.computeIfAbsent(type.get(), t -> classify(t, context));
        return Optional.ofNullable(byLiteral.get(site.literal()));
    }

    private static boolean isMigration(ClassOrInterfaceDeclaration type, JavaContext context) {
        return Stream.concat(type.getExtendedTypes().stream(), type.getImplementedTypes().stream())
                .map(ClassOrInterfaceType::getNameWithScope)
                .anyMatch(n -> context.types().resolveName(n).filter(MIGRATION_TYPES::contains).isPresent());
    }

    /** Every site of the class in source order as one migration; the intents of each literal's changes. */
    private static Map<Node, List<MigrationIntent>> classify(ClassOrInterfaceDeclaration type, JavaContext context) {
        List<MigrationStep> steps = new ArrayList<>();
        List<Node> owners = new ArrayList<>();
        type.walk(node -> {
            if (JavaSqlSites.NODE_TYPES.contains(node.getClass())) {
                for (JavaSqlSites.Site site : JavaSqlSites.at(node, context)) {
                    for (MigrationStep step : site.analyze(context).steps()) {
                        steps.add(step);
                        if (step instanceof MigrationStep.Unbounded) {
                            owners.add(site.literal());
                        }
                    }
                }
            }
        });
        List<MigrationIntent> intents = MigrationIntent.classify(steps);
        Map<Node, List<MigrationIntent>> out = new IdentityHashMap<>();
        for (int i = 0; i < owners.size(); i++) {
            out.computeIfAbsent(owners.get(i), k -> new ArrayList<>()).add(intents.get(i));
        }
        return out;
    }
}
