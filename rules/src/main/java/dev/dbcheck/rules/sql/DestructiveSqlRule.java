package dev.dbcheck.rules.sql;

import dev.dbcheck.finding.Family;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.sql.DestructiveSql;
import dev.dbcheck.sql.UnboundedChange;
import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.List;

/**
 * What {@link DeleteWithoutWhere} and {@link UpdateWithoutWhere} share: where SQL is found (migration files,
 * Java call sites, Liquibase and MyBatis files) and how the finding reads. Each rule keeps only the statements
 * of its own {@link Kind}; the SQL analysis itself lives in {@code dev.dbcheck.sql}.
 */
abstract class DestructiveSqlRule implements ResourceRule {

    private final Kind kind;

    DestructiveSqlRule(Kind kind) {
        this.kind = kind;
    }

    final Kind kind() {
        return kind;
    }

    // ---- migration files -------------------------------------------------------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        return file.lowerCaseName().endsWith(".sql");
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        reportScript(DestructiveSql.analyze(file.text()), 0, 0, context, file.fileName());
    }

    /**
     * Reports the changes of this rule's kind found in a SQL text that starts at ({@code lineOffset + 1},
     * {@code columnOffset + 1}) of the file: findings at each statement's first token, and a processing note
     * for each statement of this kind that the parser could not read.
     */
    final void reportScript(DestructiveSql.Result result, int lineOffset, int columnOffset, ResourceContext context,
            String source) {
        List<String> lines = context.file().lines();
        for (DestructiveSql.Located located : result.changes()) {
            if (located.change().kind() != kind) {
                continue;
            }
            int line = located.line() + lineOffset;
            int column = located.line() == 1 ? located.column() + columnOffset : located.column();
            int lineLength = line - 1 < lines.size() ? lines.get(line - 1).length() : column;
            context.report(line, column, line, Math.max(column, lineLength),
                    message(quoted(located.change()), located.change()));
        }
        for (DestructiveSql.Unparsed unparsed : result.unparsed()) {
            if (unparsed.kind() != kind) {
                continue;
            }
            int line = unparsed.line() + lineOffset;
            int column = unparsed.line() == 1 ? unparsed.column() + columnOffset : unparsed.column();
            context.processingError(line, column, id() + ": skipped a statement in " + source
                    + " that the SQL parser cannot read (" + unparsed.reason() + ")");
        }
    }

    // ---- messages ----------------------------------------------------------------------------------------

    /** {@code "DELETE FROM orders"} as a message subject. */
    static String quoted(UnboundedChange change) {
        return "\"" + abbreviate(change.sql()) + "\"";
    }

    /**
     * The whole message: {@code subject} (what runs the statement) followed by what is wrong, what happens in
     * production and the fix.
     */
    final String message(String subject, UnboundedChange change) {
        String condition = change.alwaysTrueCondition()
                .map(c -> " has a WHERE clause that is always true (" + abbreviate(c) + ")")
                .orElse(" has no WHERE clause");
        String limit = change.limited() ? " (its LIMIT caps one run, it does not choose the rows)" : "";
        return subject + condition + ": it " + effect() + " every row of table " + change.table() + limit + ". "
                + consequence() + " (guide: " + Family.DESTRUCTIVE_SQL.shortSection() + "). " + fix();
    }

    /** "deletes" or "rewrites". */
    abstract String effect();

    /** What happens in production, in the guide's terms. */
    abstract String consequence();

    abstract String fix();

    static String abbreviate(String sql) {
        String oneLine = sql.strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
