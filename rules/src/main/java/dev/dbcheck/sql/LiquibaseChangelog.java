package dev.dbcheck.sql;

import dev.dbcheck.sql.UnboundedChange.Kind;
import dev.dbcheck.xml.XmlTree;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The data-changing changes of a Liquibase changelog (XML, or YAML/JSON): {@code delete} and {@code update}
 * changes with their {@code where}, and raw {@code sql} changes. Rollback blocks are not forward changes and
 * are skipped; {@code sqlFile} changes point at files that are analysed on their own.
 */
public final class LiquibaseChangelog {

    private static final Set<String> SKIPPED = Set.of("rollback", "preConditions", "comment", "validCheckSum");

    private LiquibaseChangelog() {}

    /** Change types that create a table, add columns or insert rows: they make a later change deliberate. */
    private static final Set<String> SCHEMA = Set.of("createTable", "addColumn", "insert", "loadData",
            "loadUpdateData");

    /**
     * One change. For {@code delete}/{@code update}: the table and the where condition (empty when there is
     * none); for {@code sql}: the SQL text, mapped to the file; for {@code createTable}, {@code addColumn},
     * {@code insert}, {@code loadData}: the table. {@code columns} are the columns an update sets or an
     * addColumn adds.
     */
    public record Change(String changeSet, String type, String table, Optional<String> where, MappedSql sql,
            List<String> columns, int line, int column) {

        public Kind kind() {
            return type.equals("update") ? Kind.UPDATE : Kind.DELETE;
        }

        /** A delete or update change (not sql, not a schema change). */
        public boolean changesRows() {
            return type.equals("delete") || type.equals("update");
        }

        /** What a createTable, addColumn, insert or loadData change does, as migration steps. */
        public List<MigrationStep> schemaSteps() {
            return switch (type) {
                case "createTable" -> List.of(new MigrationStep.TableCreated(table, 0));
                case "addColumn" -> columns.stream()
                        .map(c -> (MigrationStep) new MigrationStep.ColumnAdded(table, c, 0)).toList();
                case "insert", "loadData", "loadUpdateData" -> List.of(new MigrationStep.RowsInserted(table, 0));
                default -> List.of();
            };
        }
    }

    /** How a delete/update change reads: unbounded, bounded, or unreadable (its where cannot be parsed). */
    public record Verdict(Optional<UnboundedChange> unbounded, Optional<String> unreadable) {}

    public static boolean isChangelog(XmlTree.Element root) {
        return root.name().equals("databaseChangeLog");
    }

    public static List<Change> fromXml(XmlTree.Element root) {
        List<Change> out = new ArrayList<>();
        for (XmlTree.Element changeSet : root.elements("changeSet")) {
            String id = changeSet.attribute("id").orElse("?");
            for (XmlTree.Element change : changeSet.elements()) {
                if (SKIPPED.contains(change.name())) {
                    continue;
                }
                switch (change.name()) {
                    case "delete", "update" -> {
                        Optional<String> where = change.elements("where").stream().findFirst()
                                .map(XmlTree.Element::text);
                        out.add(new Change(id, change.name(), table(change.attribute("schemaName"),
                                change.attribute("tableName")), where, new MappedSql(), columnNames(change),
                                change.line(), change.column()));
                    }
                    case "sql" -> {
                        MappedSql sql = new MappedSql();
                        for (XmlTree.Content c : change.children()) {
                            if (c instanceof XmlTree.Text t) {
                                sql.append(t.text(), t.line(), t.column());
                            }
                        }
                        out.add(new Change(id, "sql", "", Optional.empty(), sql, List.of(), change.line(),
                                change.column()));
                    }
                    default -> {
                        if (SCHEMA.contains(change.name())) {
                            out.add(new Change(id, change.name(), table(change.attribute("schemaName"),
                                    change.attribute("tableName")), Optional.empty(), new MappedSql(),
                                    columnNames(change), change.line(), change.column()));
                        }
                        // other schema changes, sqlFile (analysed as a file), ...
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reads a YAML or JSON changelog.
     *
     * @throws org.yaml.snakeyaml.error.YAMLException when the text is not YAML
     */
    public static List<Change> fromYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        List<Change> out = new ArrayList<>();
        Node log = value(root, "databaseChangeLog");
        if (!(log instanceof SequenceNode entries)) {
            return out;
        }
        String[] lines = text.split("\n", -1);
        for (Node entry : entries.getValue()) {
            Node changeSet = value(entry, "changeSet");
            Node changes = value(changeSet, "changes");
            if (!(changes instanceof SequenceNode list)) {
                continue;
            }
            String id = scalar(value(changeSet, "id")).orElse("?");
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map) || map.getValue().isEmpty()) {
                    continue;
                }
                NodeTuple first = map.getValue().get(0);
                String type = scalar(first.getKeyNode()).orElse("");
                Node body = first.getValueNode();
                int line = first.getKeyNode().getStartMark().getLine() + 1;
                int column = first.getKeyNode().getStartMark().getColumn() + 1;
                switch (type) {
                    case "sql" -> {
                        Node sqlNode = body instanceof ScalarNode ? body : value(body, "sql");
                        if (sqlNode instanceof ScalarNode s) {
                            out.add(new Change(id, "sql", "", Optional.empty(), mapped(s, lines), List.of(), line,
                                    column));
                        }
                    }
                    default -> {
                        if (type.equals("delete") || type.equals("update") || SCHEMA.contains(type)) {
                            out.add(new Change(id, type, table(scalar(value(body, "schemaName")),
                                    scalar(value(body, "tableName"))), scalar(value(body, "where")),
                                    new MappedSql(), columnNames(value(body, "columns")), line, column));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether a delete/update change reaches every row of its table. */
    public static Verdict verdict(Change change) {
        String sqlShown = (change.kind() == Kind.DELETE ? "DELETE FROM " : "UPDATE ") + change.table();
        String where = change.where().map(String::strip).orElse("");
        if (where.isEmpty()) {
            return new Verdict(Optional.of(new UnboundedChange(change.kind(), change.table(), Optional.empty(),
                    false, sqlShown, change.columns(), false)), Optional.empty());
        }
        SqlTemplates.Neutralized neutralized = SqlTemplates.neutralize(where);
        return SqlParser.parseCondition(neutralized.text())
                .map(condition -> new Verdict(Tautologies.isAlwaysTrue(condition)
                        ? Optional.of(new UnboundedChange(change.kind(), change.table(),
                                Optional.of(neutralized.restore(condition.toString())), false,
                                sqlShown + " WHERE " + where, change.columns(), false))
                        : Optional.empty(), Optional.<String>empty()))
                .orElseGet(() -> new Verdict(Optional.empty(),
                        Optional.of("the where condition \"" + where + "\" cannot be parsed")));
    }

    /** The {@code name} of each {@code <column>} of an XML change. */
    private static List<String> columnNames(XmlTree.Element change) {
        return change.elements("column").stream().map(c -> c.attribute("name")).flatMap(Optional::stream)
                .toList();
    }

    /** The {@code name} of each {@code - column: {name: ..}} of a YAML/JSON {@code columns} list. */
    private static List<String> columnNames(Node columns) {
        List<String> out = new ArrayList<>();
        if (columns instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                scalar(value(value(item, "column"), "name")).ifPresent(out::add);
            }
        }
        return out;
    }

    private static String table(Optional<String> schema, Optional<String> table) {
        String name = table.orElse("?");
        return schema.filter(s -> !s.isBlank()).map(s -> s + "." + name).orElse(name);
    }

    private static Node value(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    /**
     * A scalar's text mapped to the file: line by line for a literal block ({@code |}), which keeps lines;
     * every other style is placed at the scalar's start (after its quote).
     */
    private static MappedSql mapped(ScalarNode s, String[] lines) {
        MappedSql sql = new MappedSql();
        int line = s.getStartMark().getLine() + 1;
        int column = s.getStartMark().getColumn() + 1;
        if (s.getScalarStyle() == ScalarStyle.LITERAL) {
            // Content starts on the line after the '|'; its indentation is that of the first non-blank line.
            int indent = -1;
            for (int l = line + 1; l <= lines.length && indent < 0; l++) {
                if (!lines[l - 1].isBlank()) {
                    indent = lines[l - 1].length() - lines[l - 1].stripLeading().length();
                }
            }
            String[] contentLines = s.getValue().split("\n", -1);
            for (int i = 0; i < contentLines.length; i++) {
                sql.append(contentLines[i] + (i + 1 < contentLines.length ? "\n" : ""), line + 1 + i,
                        Math.max(indent, 0) + 1);
            }
            return sql;
        }
        boolean quoted = s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
                || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED;
        return sql.append("", line, quoted ? column + 1 : column).appendSynthetic(s.getValue());
    }
}
