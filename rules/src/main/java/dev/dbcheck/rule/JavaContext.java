package dev.dbcheck.rule;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.entrypoints.EntryPoints;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** What a {@link JavaRule} can see and do while the engine walks one file. Bound to one rule and one file. */
public interface JavaContext {

    Path file();

    CompilationUnit compilationUnit();

    /** Declared types of expressions, resolved without a classpath. Shared by all rules on this file. */
    TypeResolver types();

    /**
     * The whole-project model: every project type with its supertypes, fields and methods, across files.
     * Immutable and shared by all files.
     */
    default ProjectModel model() {
        return types().model();
    }

    /**
     * Summaries of project methods (what calling a wrapper does), computed once per analysis and shared by
     * all files; the way a rule sees {@code redisUtils.get(key)} as the library read it wraps.
     */
    MethodSummaries summaries();

    /**
     * The project's entry points and the request path, shared by every rule and file of the analysis: whether and
     * how the code at a node is reached from an HTTP handler, a listener, a job or {@code main}
     * ({@code entryPoints().reach(node)}); computed only when asked.
     */
    default EntryPoints entryPoints() {
        return EntryPoints.none();
    }

    /** Compile-time constant values (literals, static finals, concatenations). */
    ConstantEvaluator constants();

    AnalysisOptions options();

    /** Reports a finding on the range of {@code node}. */
    void report(Node node, String message);

    /** Reports a finding from the start of {@code from} to the end of {@code to}. */
    void report(Node from, Node to, String message);

    /**
     * Reports a finding on the range of {@code node} at a severity the rule chose for this finding (a rule option
     * for one kind of case) rather than its default; a per-rule severity override does not change it.
     */
    void report(Node node, Severity severity, String message);

    /**
     * Reports a finding from the start of {@code from} to the end of {@code to} at {@code severity}, with its
     * details: the console sentence, the evidence behind the severity, the path that reaches it. The general form
     * the others delegate to; a severity the rule chose here is not changed by a per-rule override unless it is the
     * rule's default.
     */
    void report(Node from, Node to, Severity severity, String message, dev.dbcheck.finding.Details details);

    /** {@link #report(Node, Node, Severity, String, dev.dbcheck.finding.Details)} on one node. */
    default void report(Node node, Severity severity, String message, dev.dbcheck.finding.Details details) {
        report(node, node, severity, message, details);
    }

    /** The rule's default severity, for a rule that reports at its default unless its evidence says otherwise. */
    Severity defaultSeverity();

    /**
     * Reports that part of the file could not be analysed (an SQL statement the parser cannot read, say):
     * not a finding, a processing note with the position of {@code node}. The file is analysed again next run.
     */
    void processingError(Node node, String reason);

    /** Records a fact for a {@link ProjectRule}, at the position of {@code node}. */
    void addFact(String kind, Node node, Map<String, String> data);

    /** Records a typed fact (a record, see {@link Fact#as}) at the position of {@code node}. */
    default void addFact(Node node, Record value) {
        addFact(Fact.kindOf(value.getClass()), node, FactRecords.encode(value));
    }

    /**
     * Per-file memo shared by all rules: an analysis (say, of a method's data flow) computed once for the
     * first rule that asks and reused by the others. The key is owned by that analysis (see {@link MemoKey}).
     */
    <T> T memo(MemoKey<T> key, Supplier<T> compute);
}
