package dev.dbcheck.rules.sql;

import dev.dbcheck.rule.Relevance;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.MemoKey;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.sql.DestructiveSql;
import dev.dbcheck.sql.JavaMigrations;
import dev.dbcheck.sql.JavaSqlSites;
import dev.dbcheck.sql.MigrationIntent;
import dev.dbcheck.sql.SqlResourceScan;
import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link DeleteWithoutWhere} and {@link UpdateWithoutWhere} share: each keeps the unbounded changes of its
 * own {@link Kind} from one analysis per file ({@link SqlResourceScan}, {@link JavaSqlSites}), and reports a
 * migration's backfill or reseed at the severity of the {@code backfillsAndReseeds} option.
 */
abstract class DestructiveSqlRule implements JavaRule.MethodCalls, JavaRule.Annotations, ResourceRule {

    private final Kind kind;

    DestructiveSqlRule(Kind kind) {
        this.kind = kind;
    }

    /** "deletes" or "rewrites", what happens in production, and the fix. */
    abstract DestructiveSqlMessages.Wording wording();

    @Override
    public void validate(AnalysisOptions options) {
        DeliberateChanges.severity(options);
    }

    @Override
    public void visitMethodCall(MethodCallExpr call, JavaContext context) {
        visit(call, context);
    }

    @Override
    public void visitAnnotation(AnnotationExpr annotation, JavaContext context) {
        visit(annotation, context);
    }

    /** The SQL sites at a call or an annotation ({@link JavaSqlSites#at}). */
    private void visit(Node node, JavaContext context) {
        for (JavaSqlSites.Site site : JavaSqlSites.at(node, context)) {
            DestructiveSql.Result result = site.analyze(context);
            List<MigrationIntent> intents = result.changes().isEmpty() ? List.of()
                    : JavaMigrations.intents(site, context).orElse(List.of());
            Optional<String> migration = intents.isEmpty() ? Optional.empty()
                    : site.literal().findAncestor(TypeDeclaration.class).map(t -> "class " + t.getNameAsString());
            for (int i = 0; i < result.changes().size(); i++) {
                DestructiveSql.Located located = result.changes().get(i);
                MigrationIntent intent = i < intents.size() ? intents.get(i) : MigrationIntent.NONE;
                Optional<Severity> severity = severity(intent, context.options());
                if (located.change().kind() == kind && severity.isPresent() && once(context, "reported", site)) {
                    String subject = site.runs() + located.change().quoted() + ", which";
                    context.report(site.literal(), severity.get(), DestructiveSqlMessages.message(subject,
                            located.change(), intent, migration, wording()), Details.headline(
                                    DestructiveSqlMessages.headline(located.change(), intent, wording())));
                }
            }
            for (DestructiveSql.Unparsed unparsed : result.unparsed()) {
                // Never a guess: a statement that cannot be read is a note, once per literal.
                if (unparsed.kind() == kind && once(context, "noted", site)) {
                    context.processingError(site.literal(), id() + ": skipped a statement that the "
                            + (site.language() == JavaSqlSites.Language.JPQL ? "JPQL reader" : "SQL parser")
                            + " cannot read (" + unparsed.reason() + ")");
                }
            }
        }
    }

    /** The literals each rule (by kind) met, for each purpose: shared by the two rule instances of a file. */
    private static final MemoKey<Map<String, Set<Node>>> MET = MemoKey.of("destructive SQL literals met");

    /** Whether this rule meets the literal for the first time for {@code what}: a constant is reported once. */
    private boolean once(JavaContext context, String what, JavaSqlSites.Site site) {
        Set<Node> seen = context.memo(MET, HashMap::new).computeIfAbsent(kind + ":" + what,
                k -> Collections.newSetFromMap(new IdentityHashMap<>()));
        return seen.add(site.literal());
    }

    @Override
    public boolean appliesTo(ResourceFile file) {
        return SqlResourceScan.appliesTo(file);
    }

    @Override
    public void analyze(ResourceFile file, ResourceContext context) {
        SqlResourceScan.Scan scan = SqlResourceScan.of(file);
        for (SqlResourceScan.Found found : scan.found()) {
            Optional<Severity> severity = severity(found.intent(), context.options());
            if (found.change().kind() == kind && severity.isPresent()) {
                List<String> lines = file.lines();
                int end = found.line() - 1 < lines.size() ? lines.get(found.line() - 1).length() : found.column();
                context.report(found.line(), found.column(), found.line(), Math.max(found.column(), end),
                        severity.get(), DestructiveSqlMessages.message(found.subject(), found.change(),
                                found.intent(), found.migration(), wording()), Details.headline(
                                DestructiveSqlMessages.headline(found.change(), found.intent(), wording())));
            }
        }
        for (SqlResourceScan.Note note : scan.notes()) {
            // A file that cannot be read at all is one note whichever rule runs (the engine drops the repeat).
            if (note.kind().isEmpty()) {
                context.processingError(note.line(), note.column(), note.reason());
            } else if (note.kind().get() == kind) {
                context.processingError(note.line(), note.column(), id() + ": " + note.reason());
            }
        }
    }

    /** The rule's default for an ordinary finding; the option's severity (or none) for a backfill or reseed. */
    private Optional<Severity> severity(MigrationIntent intent, AnalysisOptions options) {
        return intent == MigrationIntent.NONE ? Optional.of(metadata().defaultSeverity())
                : DeliberateChanges.severity(options);
    }

    /** What a file must contain for this rule to report there: see {@link Relevance}. */
    private static final Relevance RELEVANCE = dev.dbcheck.sql.JavaSqlSites.relevance();

    @Override
    public Relevance relevance() {
        return RELEVANCE;
    }
}
