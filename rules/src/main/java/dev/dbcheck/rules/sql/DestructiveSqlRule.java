package dev.dbcheck.rules.sql;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import dev.dbcheck.finding.Family;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.sql.DestructiveSql;
import dev.dbcheck.sql.LiquibaseChangelog;
import dev.dbcheck.sql.MappedSql;
import dev.dbcheck.sql.MyBatisMapper;
import dev.dbcheck.sql.UnboundedChange;
import dev.dbcheck.sql.UnboundedChange.Kind;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.xml.XmlTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * What {@link DeleteWithoutWhere} and {@link UpdateWithoutWhere} share: where SQL is found (migration files,
 * Java call sites, Liquibase and MyBatis files) and how the finding reads. Each rule keeps only the statements
 * of its own {@link Kind}; the SQL analysis itself lives in {@code dev.dbcheck.sql}.
 */
abstract class DestructiveSqlRule implements JavaRule, ResourceRule {

    private static final String SPRING_JDBC = "org.springframework.jdbc.core.";

    /** JDBC: SQL text handed to a statement or prepared by a connection. */
    static final MethodMatcher JDBC_STATEMENT = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.sql.Statement")
            .named("execute", "executeUpdate", "executeLargeUpdate", "executeQuery", "addBatch")
            .withArgumentCount(n -> n >= 1);

    static final MethodMatcher JDBC_CONNECTION = MethodMatcher.instanceMethod()
            .onSubtypeOf("java.sql.Connection")
            .named("prepareStatement", "prepareCall")
            .withArgumentCount(n -> n >= 1);

    private static final String[] TEMPLATE_METHODS = {"update", "batchUpdate", "execute", "query",
        "queryForObject", "queryForList", "queryForMap", "queryForRowSet", "queryForStream"};

    /** Spring {@code JdbcTemplate} / {@code JdbcOperations}: the SQL is the first argument. */
    static final MethodMatcher JDBC_TEMPLATE = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING_JDBC + "JdbcOperations")
            .named(TEMPLATE_METHODS)
            .withArgumentCount(n -> n >= 1);

    /** {@code batchUpdate(String... sql)}: every argument is a statement. */
    static final MethodMatcher JDBC_TEMPLATE_BATCH = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING_JDBC + "JdbcOperations")
            .named("batchUpdate")
            .withArgumentCount(n -> n >= 2);

    static final MethodMatcher NAMED_PARAMETER_TEMPLATE = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING_JDBC + "namedparam.NamedParameterJdbcOperations")
            .named(TEMPLATE_METHODS)
            .withArgumentCount(n -> n >= 1);

    /** Spring 6.1 {@code JdbcClient.sql("...")}. */
    static final MethodMatcher JDBC_CLIENT = MethodMatcher.instanceMethod()
            .onSubtypeOf(SPRING_JDBC + "simple.JdbcClient")
            .named("sql")
            .withArgumentCount(1);

    /** JPA native queries and JPQL, and Hibernate's own session API. */
    static final MethodMatcher JPA = MethodMatcher.instanceMethod()
            .onSubtypeOf("jakarta.persistence.EntityManager", "javax.persistence.EntityManager",
                    "org.hibernate.SharedSessionContract")
            .named("createNativeQuery", "createQuery", "createMutationQuery", "createNativeMutationQuery",
                    "createSQLQuery")
            .withArgumentCount(n -> n >= 1);

    /** A call that runs SQL text, and whether every argument (not only the first) is SQL. */
    private record SqlSink(MethodMatcher matcher, boolean everyArgument) {}

    private static final List<SqlSink> SINKS = List.of(new SqlSink(JDBC_STATEMENT, false),
            new SqlSink(JDBC_CONNECTION, false), new SqlSink(JDBC_TEMPLATE_BATCH, true),
            new SqlSink(JDBC_TEMPLATE, false), new SqlSink(NAMED_PARAMETER_TEMPLATE, false),
            new SqlSink(JDBC_CLIENT, false), new SqlSink(JPA, false));

    private static final Set<String> SINK_NAMES = sinkNames();

    /** Annotations whose {@code value} is SQL or JPQL, by simple name: Spring Data, Micronaut Data, Room, MyBatis. */
    private static final Map<String, Set<String>> SQL_ANNOTATIONS = Map.of(
            "Query", Set.of("org.springframework.data.jpa.repository.Query",
                    "org.springframework.data.jdbc.repository.query.Query",
                    "org.springframework.data.r2dbc.repository.Query", "io.micronaut.data.annotation.Query",
                    "androidx.room.Query", "android.arch.persistence.room.Query"),
            "Delete", Set.of("org.apache.ibatis.annotations.Delete"),
            "Update", Set.of("org.apache.ibatis.annotations.Update"));

    private static final Object MEMO_KEY = DestructiveSqlRule.class.getName() + ".analyses";

    private final Kind kind;
    private final String reportedKey;
    private final String notedKey;

    DestructiveSqlRule(Kind kind) {
        this.kind = kind;
        this.reportedKey = DestructiveSqlRule.class.getName() + ".reported." + kind;
        this.notedKey = DestructiveSqlRule.class.getName() + ".noted." + kind;
    }

    final Kind kind() {
        return kind;
    }

    // ---- Java call sites and annotations ---------------------------------------------------------------

    @Override
    public Set<Class<? extends Node>> nodeTypes() {
        return Set.of(MethodCallExpr.class, SingleMemberAnnotationExpr.class, NormalAnnotationExpr.class);
    }

    @Override
    public void visit(Node node, JavaContext context) {
        if (node instanceof MethodCallExpr call) {
            visitCall(call, context);
        } else if (node instanceof AnnotationExpr annotation) {
            visitAnnotation(annotation, context);
        }
    }

    private void visitCall(MethodCallExpr call, JavaContext context) {
        if (!SINK_NAMES.contains(call.getNameAsString())) {
            return;
        }
        for (SqlSink sink : SINKS) {
            if (sink.matcher().matches(call, context.types())) {
                List<Expression> sqlArguments = sink.everyArgument() ? call.getArguments()
                        : List.of(call.getArgument(0));
                for (Expression argument : sqlArguments) {
                    context.constants().stringValue(argument).ifPresent(sql -> report(argument, sql,
                            call.getNameAsString() + "() runs ", context));
                }
                return;
            }
        }
    }

    private void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        Set<String> candidates = SQL_ANNOTATIONS.get(annotation.getName().getIdentifier());
        if (candidates == null
                || !context.types().resolveName(annotation.getNameAsString()).filter(candidates::contains).isPresent()) {
            return;
        }
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals("value")) {
                    value = pair.getValue();
                }
            }
        }
        if (value == null) {
            return;
        }
        Expression at = value;
        annotationText(value, context.constants())
                .ifPresent(sql -> report(at, sql, "@" + annotation.getName().getIdentifier() + " runs ", context));
    }

    /**
     * The annotation's SQL: a constant, or MyBatis' array of fragments joined with spaces; a MyBatis
     * {@code <script>} is flattened like a mapper statement.
     */
    private static Optional<String> annotationText(Expression value, ConstantEvaluator constants) {
        Optional<String> text = annotationConstant(value, constants);
        if (text.isPresent() && text.get().strip().startsWith("<script>")) {
            try {
                return MyBatisMapper.script(XmlTree.parse(text.get().strip()));
            } catch (XMLStreamException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return text;
    }

    private static Optional<String> annotationConstant(Expression value, ConstantEvaluator constants) {
        if (!(value instanceof ArrayInitializerExpr array)) {
            return constants.stringValue(value);
        }
        List<String> parts = new ArrayList<>();
        for (Expression e : array.getValues()) {
            Optional<String> part = constants.stringValue(e);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(String.join(" ", parts));
    }

    private void report(Expression argument, String sql, String runs, JavaContext context) {
        Expression literal = literalOf(argument, context);
        DestructiveSql.Result result = analyses(context).computeIfAbsent(sql, DestructiveSql::analyze);
        for (DestructiveSql.Located located : result.changes()) {
            if (located.change().kind() == kind && reported(context).add(literal)) {
                context.report(literal, message(runs + quoted(located.change()) + ", which", located.change()));
            }
        }
        for (DestructiveSql.Unparsed unparsed : result.unparsed()) {
            // Never a guess: a statement the parser cannot read is a note, once per literal.
            if (unparsed.kind() == kind && noted(context).add(literal)) {
                context.processingError(literal, id() + ": skipped a statement that the SQL parser cannot read ("
                        + unparsed.reason() + ")");
            }
        }
    }

    /** The SQL literals this rule has noted as unreadable in this file, so each is noted once. */
    private Set<Node> noted(JavaContext context) {
        return context.memo(notedKey, () -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Where the SQL is written: the argument itself, or the initialiser of the constant (or effectively final
     * local) it names, followed through constants that name constants. A constant used by several calls is
     * reported once, at its literal.
     */
    private static Expression literalOf(Expression argument, JavaContext context) {
        Expression at = argument;
        for (int hops = 0; hops < 8 && at instanceof NameExpr name; hops++) {
            Optional<Expression> init = context.types().initializerOf(name);
            if (init.isEmpty() || context.constants().stringValue(init.get()).isEmpty()) {
                break;
            }
            at = init.get();
        }
        return at;
    }

    /** The SQL literals this rule has reported in this file (identity), so each is reported once. */
    private Set<Node> reported(JavaContext context) {
        return context.memo(reportedKey, () -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * The analysis of each SQL text met in this file, shared by both rules so that a constant used at several
     * call sites is parsed once.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, DestructiveSql.Result> analyses(JavaContext context) {
        return context.memo(MEMO_KEY, java.util.HashMap::new);
    }

    private static Set<String> sinkNames() {
        Set<String> names = new HashSet<>();
        for (SqlSink sink : SINKS) {
            names.addAll(sink.matcher().names());
        }
        return Set.copyOf(names);
    }

    // ---- migration files, Liquibase changelogs, MyBatis mappers ----------------------------------------

    @Override
    public boolean appliesTo(ResourceFile file) {
        String name = file.lowerCaseName();
        // JSON resources are often large data files: only changelogs by name are read.
        return name.endsWith(".sql") || name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml")
                || name.endsWith(".json") && name.contains("changelog");
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        String name = file.lowerCaseName();
        if (name.endsWith(".sql")) {
            // Both destructive-sql rules read the same script: parse it once per file.
            reportScript(file.memo(DestructiveSql.class, () -> DestructiveSql.analyze(file.text())), null, context,
                    file.fileName(), "");
        } else if (name.endsWith(".xml")) {
            analyzeXml(file, context);
        } else if (file.text().contains("databaseChangeLog")) {
            analyzeYaml(file, context);
        }
    }

    private void analyzeXml(ResourceFile file, ResourceContext context) {
        String text = file.text();
        if (!text.contains("databaseChangeLog") && !text.contains("<mapper")) {
            return;
        }
        XmlTree.Element root;
        try {
            root = XmlTree.parse(text);
        } catch (XMLStreamException | RuntimeException e) {
            fileUnreadable(context, "XML", e.getMessage());
            return;
        }
        if (LiquibaseChangelog.isChangelog(root)) {
            reportChanges(LiquibaseChangelog.fromXml(root), context, true);
        } else if (MyBatisMapper.isMapper(root)) {
            for (MyBatisMapper.Statement statement : MyBatisMapper.statements(root)) {
                String subject = "MyBatis <" + statement.element() + " id=\"" + statement.id() + "\"> runs ";
                if (statement.problem().isPresent()) {
                    if (statement.element().equals(kind.name().toLowerCase(java.util.Locale.ROOT))) {
                        context.processingError(statement.line(), statement.column(), id() + ": skipped "
                                + subject.strip() + " in " + file.fileName() + ": " + statement.problem().get());
                    }
                    continue;
                }
                reportScript(DestructiveSql.analyze(statement.sql().text()), statement.sql(), context,
                        file.fileName(), subject);
            }
        }
    }

    private void analyzeYaml(ResourceFile file, ResourceContext context) {
        List<LiquibaseChangelog.Change> changes;
        try {
            changes = LiquibaseChangelog.fromYaml(file.text());
        } catch (RuntimeException e) {
            fileUnreadable(context, "YAML", e.getMessage());
            return;
        }
        reportChanges(changes, context, false);
    }

    /** A changelog or mapper that cannot be read at all: one note, from the DELETE rule, not one per rule. */
    private void fileUnreadable(ResourceContext context, String format, String reason) {
        if (kind == Kind.DELETE) {
            String first = reason == null ? "" : reason.strip().lines().findFirst().orElse("");
            context.processingError(1, 1, "destructive-sql: cannot read " + format + " file "
                    + context.file().fileName() + ": " + first);
        }
    }

    private void reportChanges(List<LiquibaseChangelog.Change> changes, ResourceContext context, boolean xml) {
        for (LiquibaseChangelog.Change change : changes) {
            if (change.type().equals("sql")) {
                String subject = "Liquibase sql change in changeSet " + change.changeSet() + " runs ";
                reportScript(DestructiveSql.analyze(change.sql().text()), change.sql(), context,
                        context.file().fileName(), subject);
                continue;
            }
            if (change.kind() != kind) {
                continue;
            }
            String subject = xml
                    ? "Liquibase <" + change.type() + " tableName=\"" + change.table() + "\"> in changeSet "
                            + change.changeSet()
                    : "Liquibase " + change.type() + " change on table " + change.table() + " in changeSet "
                            + change.changeSet();
            LiquibaseChangelog.Verdict verdict = LiquibaseChangelog.verdict(change);
            verdict.unbounded().ifPresent(u -> reportAt(change.line(), change.column(), context,
                    message(subject, u)));
            verdict.unreadable().ifPresent(reason -> context.processingError(change.line(), change.column(),
                    id() + ": skipped " + subject + ": " + reason));
        }
    }

    /**
     * Reports the changes of this rule's kind found in a SQL text: findings at each statement's first token,
     * and a processing note for each statement of this kind that the parser could not read. Positions come
     * from the text itself, or from {@code mapping} when the text was put together from parts of the file.
     *
     * @param runs "" for a migration file (the statement is the subject), else what runs it
     */
    final void reportScript(DestructiveSql.Result result, MappedSql mapping, ResourceContext context, String source,
            String runs) {
        for (DestructiveSql.Located located : result.changes()) {
            if (located.change().kind() != kind) {
                continue;
            }
            int[] at = mapping == null ? new int[] {located.line(), located.column()}
                    : mapping.position(located.offset());
            String subject = runs.isEmpty() ? quoted(located.change()) : runs + quoted(located.change()) + ", which";
            reportAt(at[0], at[1], context, message(subject, located.change()));
        }
        for (DestructiveSql.Unparsed unparsed : result.unparsed()) {
            if (unparsed.kind() != kind) {
                continue;
            }
            int[] at = mapping == null ? new int[] {unparsed.line(), unparsed.column()}
                    : mapping.position(unparsed.offset());
            context.processingError(at[0], at[1], id() + ": skipped a statement in " + source
                    + " that the SQL parser cannot read (" + unparsed.reason() + ")");
        }
    }

    /** A finding from a position to the end of its line. */
    private static void reportAt(int line, int column, ResourceContext context, String message) {
        List<String> lines = context.file().lines();
        int lineLength = line - 1 < lines.size() ? lines.get(line - 1).length() : column;
        context.report(line, column, line, Math.max(column, lineLength), message);
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
