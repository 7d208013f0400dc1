package dev.dbcheck.sql;

import dev.dbcheck.rule.MemoKey;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.sql.UnboundedChange.Kind;
import dev.dbcheck.xml.XmlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;

/**
 * The destructive-SQL analysis of one resource file, done once however many rules read it: SQL scripts
 * (Flyway, Liquibase formatted SQL), Liquibase XML/YAML/JSON changelogs and MyBatis mappers. It returns every
 * unbounded change with where it is and what runs it, whether the migration around it makes it deliberate
 * ({@link MigrationIntent}), and the parts that could not be read.
 */
public final class SqlResourceScan {

    private static final Pattern FORMATTED = Pattern.compile("(?i)\\A\\s*--\\s*liquibase\\s+formatted\\s+sql");
    private static final Pattern CHANGESET = Pattern.compile("(?im)^[ \\t]*--\\s*changeset\\s+\\S+?:(\\S+)");

    private SqlResourceScan() {}

    /**
     * An unbounded change found in the file.
     *
     * @param subject the message's subject: the statement itself in a script ({@code "DELETE FROM t"}), what
     *     runs it ({@code Liquibase sql change in changeSet 12 runs "DELETE FROM t", which}) or the change
     *     ({@code Liquibase <delete tableName="t"> in changeSet 11})
     * @param migration the migration it belongs to ("V2__currency.sql", "changeSet 30-currency"), if any
     */
    public record Found(UnboundedChange change, int line, int column, String subject, Optional<String> migration,
            MigrationIntent intent) {}

    /** A part that could not be read: of one kind of statement, or (no kind) the whole file. */
    public record Note(Optional<Kind> kind, int line, int column, String reason) {}

    public record Scan(List<Found> found, List<Note> notes) {}

    /** Whether the file may hold SQL that this scan reads; decided from its name. */
    public static boolean appliesTo(ResourceFile file) {
        String name = file.lowerCaseName();
        // JSON resources are often large data files: only changelogs by name are read.
        return name.endsWith(".sql") || name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml")
                || name.endsWith(".json") && name.contains("changelog");
    }

    private static final MemoKey<Scan> KEY = MemoKey.of("SQL resource scan");

    /** The scan of {@code file}, computed for the first rule that asks and shared with the others. */
    public static Scan of(ResourceFile file) {
        return file.memo(KEY, () -> scan(file));
    }

    private static Scan scan(ResourceFile file) {
        Scan out = new Scan(new ArrayList<>(), new ArrayList<>());
        String name = file.lowerCaseName();
        String text = file.text();
        if (name.endsWith(".sql")) {
            script(file, out);
        } else if (name.endsWith(".xml") && (text.contains("databaseChangeLog") || text.contains("<mapper"))) {
            xml(file, out);
        } else if (!name.endsWith(".xml") && text.contains("databaseChangeLog")) {
            try {
                ChangelogScan.changes(LiquibaseChangelog.fromYaml(text), false, file.fileName(), out);
            } catch (RuntimeException e) {
                unreadable(file, "YAML", e, out);
            }
        }
        return new Scan(List.copyOf(out.found()), List.copyOf(out.notes()));
    }

    /** A script is one migration, or, in Liquibase formatted SQL, one per {@code --changeset}. */
    private static void script(ResourceFile file, Scan out) {
        String text = file.text();
        DestructiveSql.Result result = DestructiveSql.analyze(text);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (FORMATTED.matcher(text).find()) {
            Matcher m = CHANGESET.matcher(text);
            while (m.find()) {
                starts.add(m.start());
                names.add("changeSet " + m.group(1));
            }
        }
        MigrationSteps steps = new MigrationSteps();
        int scope = -1;
        for (MigrationStep step : result.steps()) {
            int at = scopeOf(starts, step.offset());
            if (at != scope) {
                steps.close(out);
                scope = at;
            }
            Optional<String> migration = at < 0 ? Optional.of(file.fileName()) : Optional.of(names.get(at));
            steps.add(step, step instanceof MigrationStep.Unbounded u ? locate(u, result, migration) : null);
        }
        steps.close(out);
        for (DestructiveSql.Unparsed u : result.unparsed()) {
            out.notes().add(new Note(Optional.of(u.kind()), u.line(), u.column(), "skipped a statement in "
                    + file.fileName() + " that the SQL parser cannot read (" + u.reason() + ")"));
        }
    }

    private static Found locate(MigrationStep.Unbounded step, DestructiveSql.Result result,
            Optional<String> migration) {
        DestructiveSql.Located at = result.changes().stream().filter(l -> l.change() == step.change()).findFirst()
                .orElseThrow();
        return new Found(at.change(), at.line(), at.column(), at.change().quoted(), migration, MigrationIntent.NONE);
    }

    private static int scopeOf(List<Integer> starts, int offset) {
        int at = -1;
        for (int i = 0; i < starts.size() && starts.get(i) <= offset; i++) {
            at = i;
        }
        return at;
    }

    private static void xml(ResourceFile file, Scan out) {
        XmlTree.Element root;
        try {
            root = XmlTree.parse(file.text());
        } catch (XMLStreamException | RuntimeException e) {
            unreadable(file, "XML", e, out);
            return;
        }
        if (LiquibaseChangelog.isChangelog(root)) {
            ChangelogScan.changes(LiquibaseChangelog.fromXml(root), true, file.fileName(), out);
        } else if (MyBatisMapper.isMapper(root)) {
            for (MyBatisMapper.Statement statement : MyBatisMapper.statements(root)) {
                String subject = "MyBatis <" + statement.element() + " id=\"" + statement.id() + "\"> runs ";
                if (statement.problem().isPresent()) {
                    Optional<Kind> kind = statement.element().equals("delete") ? Optional.of(Kind.DELETE)
                            : statement.element().equals("update") ? Optional.of(Kind.UPDATE) : Optional.empty();
                    kind.ifPresent(k -> out.notes().add(new Note(Optional.of(k), statement.line(),
                            statement.column(), "skipped " + subject.strip() + " in " + file.fileName() + ": "
                                    + statement.problem().get())));
                    continue;
                }
                ChangelogScan.text(statement.sql(), subject, Optional.empty(), file.fileName(), null, out);
            }
        }
    }

    /** A changelog or mapper that cannot be read at all: one note for the family, whichever rule runs. */
    private static void unreadable(ResourceFile file, String format, Exception e, Scan out) {
        String reason = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        out.notes().add(new Note(Optional.empty(), 1, 1, "destructive-sql: cannot read " + format + " file "
                + file.fileName() + ": " + reason));
    }
}
