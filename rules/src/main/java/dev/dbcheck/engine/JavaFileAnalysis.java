package dev.dbcheck.engine;

import com.github.javaparser.ParseResult;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.model.Declarations;
import dev.dbcheck.model.FileDeclarations;
import dev.dbcheck.entrypoints.EntryPoints;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.AnalysisOptions;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.JavaRule;
import dev.dbcheck.rule.MemoKey;
import dev.dbcheck.suppress.SuppressionScanner;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-file phases of Java analysis: {@link #declare} extracts a file's declarations for the project model
 * from a cheap parse of its headers; {@link #analyze} parses it in full and runs every Java rule over the tree,
 * in one walk, with the model and the method summaries at hand.
 */
final class JavaFileAnalysis {

    /** What the rules of an analysis share: the project model, the method summaries and the entry points over it. */
    record Shared(ProjectModel model, MethodSummaries summaries, EntryPoints entryPoints) {}

    private final JavaHooks hooks;
    private final java.util.function.Supplier<Shared> build;
    private volatile Shared shared;
    private final AnalysisOptions options;

    /**
     * {@code build} runs on first use, once: a run that reuses every cached outcome (nothing changed) needs neither
     * the model nor what is built over it.
     */
    JavaFileAnalysis(JavaHooks hooks, java.util.function.Supplier<Shared> build, AnalysisOptions options) {
        this.hooks = hooks;
        this.build = build;
        this.options = options;
    }

    private Shared shared() {
        Shared s = shared;
        if (s == null) {
            synchronized (this) {
                s = shared;
                if (s == null) {
                    s = build.get();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** The entry-point analysis, if this analysis built it (for the debug log: asking must not build it). */
    java.util.Optional<EntryPoints> builtEntryPoints() {
        return java.util.Optional.ofNullable(shared).map(Shared::entryPoints);
    }

    /** The project model the rules of this analysis see, built on first use. */
    ProjectModel model() {
        return shared().model();
    }

    /**
     * Phase one: a file's declarations. For a file the rules will visit ({@code forRules}), from a full parse whose
     * tree {@code trees} holds for them while there is room (so the file is parsed once); otherwise from a parse of
     * its {@link DeclarationText} (a quarter of a full parse). A cut text that does not parse falls back to a full
     * parse, and a file that does not parse at all gets its processing error instead.
     */
    static Declared declare(Path file, String source, ParsedTrees trees, boolean forRules) {
        DeclarationText cut = DeclarationText.of(source);
        boolean hold = forRules && trees.roomToHold();
        if (!hold && cut.text != null) {
            ParseResult<CompilationUnit> parsed = trees.parseCut(cut.text);
            if (parsed.isSuccessful() && parsed.getResult().isPresent()) {
                return new Declared(Declarations.of(parsed.getResult().get(), cut.capitalised), null);
            }
        }
        ParseResult<CompilationUnit> parsed = hold ? trees.parseAndHold(file, source) : trees.parseUnkept(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return new Declared(null, parseFailure(file, parsed));
        }
        // A held tree gives the mentions the cut parse would (the file's capitalised words): the same declarations
        // whether or not the tree is held.
        return new Declared(hold ? Declarations.of(parsed.getResult().get(), cut.capitalised)
                : Declarations.of(parsed.getResult().get()), null);
    }

    /** The processing error of a failed parse: its recovered tree is not trustworthy, so it is not analysed. */
    static FileOutcome parseFailure(Path file, ParseResult<CompilationUnit> parsed) {
        FileOutcome outcome = new FileOutcome();
        Problem problem = parsed.getProblems().isEmpty() ? null : parsed.getProblems().get(0);
        Position at = problem == null ? null
                : problem.getLocation().flatMap(TokenRange::toRange).map(r -> r.begin).orElse(null);
        String reason = problem == null ? "the file could not be parsed" : firstLine(problem.getVerboseMessage());
        outcome.errors.add(new ProcessingError(file, at == null ? 0 : at.line, at == null ? 0 : at.column,
                "Parse error: " + reason));
        return outcome;
    }

    /** A file's declarations, or (when it does not parse) the outcome that reports it. */
    record Declared(FileDeclarations declarations, FileOutcome failure) {}

    /**
     * Phase three: parses the file in full, unless a summary did already (the tree is kept in {@code trees} for
     * the summaries of other files), and runs every rule over it, in one walk.
     */
    FileOutcome analyze(Path file, String source, ParsedTrees trees) {
        ParseResult<CompilationUnit> parsed = trees.parseOrKept(file, source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return parseFailure(file, parsed);
        }
        FileOutcome outcome = new FileOutcome();
        CompilationUnit cu = parsed.getResult().get();
        outcome.suppressions.addAll(SuppressionScanner.java(cu, source));
        FileScope scope = new FileScope(file, cu, outcome);
        Map<JavaRule, Context> contexts = new HashMap<>();
        for (Node node : cu.findAll(Node.class, hooks::wants)) {
            for (JavaHooks.Hook hook : hooks.at(node)) {
                JavaRule rule = hook.rule();
                Context context = contexts.computeIfAbsent(rule, r -> new Context(r, scope));
                if (context.failed) {
                    continue;
                }
                try {
                    hook.call().accept(node, context);
                } catch (StackOverflowError e) {
                    context.failed = true;
                    outcome.errors.add(error(file, node, "Rule " + rule.id() + " gave up: the code is nested too deeply"));
                } catch (RuntimeException e) {
                    // A rule bug must not hide the other rules' findings or stop the build.
                    context.failed = true;
                    outcome.errors.add(error(file, node, "Rule " + rule.id() + " failed: " + e));
                }
            }
        }
        return outcome;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static ProcessingError error(Path file, Node node, String reason) {
        Position p = node.getBegin().orElse(new Position(0, 0));
        return new ProcessingError(file, p.line, p.column, reason);
    }

    /** What all rules on one file share: the tree, the resolver, the constant evaluator, the memo. */
    private final class FileScope {
        final Path file;
        final CompilationUnit cu;
        final FileOutcome outcome;
        final TypeResolver types;
        final ConstantEvaluator constants;
        final Map<MemoKey<?>, Object> memo = new HashMap<>();

        FileScope(Path file, CompilationUnit cu, FileOutcome outcome) {
            this.file = file;
            this.cu = cu;
            this.outcome = outcome;
            ProjectModel model = model();
            this.types = new TypeResolver(cu, model, model.library());
            this.constants = new ConstantEvaluator(types);
        }
    }

    private final class Context implements JavaContext {
        private final JavaRule rule;
        private final FileScope scope;
        boolean failed;

        Context(JavaRule rule, FileScope scope) {
            this.rule = rule;
            this.scope = scope;
        }

        @Override
        public Path file() {
            return scope.file;
        }

        @Override
        public CompilationUnit compilationUnit() {
            return scope.cu;
        }

        @Override
        public TypeResolver types() {
            return scope.types;
        }

        @Override
        public ProjectModel model() {
            return shared().model();
        }

        @Override
        public MethodSummaries summaries() {
            return shared().summaries();
        }

        @Override
        public EntryPoints entryPoints() {
            return shared().entryPoints();
        }

        @Override
        public ConstantEvaluator constants() {
            return scope.constants;
        }

        @Override
        public AnalysisOptions options() {
            return options;
        }

        @Override
        public void report(Node node, String message) {
            report(node, node, message);
        }

        @Override
        public void report(Node from, Node to, String message) {
            report(from, to, rule.metadata().defaultSeverity(), message);
        }

        @Override
        public void report(Node node, Severity severity, String message) {
            report(node, node, severity, message);
        }

        private void report(Node from, Node to, Severity severity, String message) {
            report(from, to, severity, message, Details.NONE);
        }

        @Override
        public void report(Node from, Node to, Severity severity, String message, Details details) {
            Position begin = from.getBegin().orElse(new Position(1, 1));
            Position end = to.getEnd().orElse(begin);
            scope.outcome.findings.add(new Finding(rule.id(), rule.metadata().family(), severity, message,
                    scope.file, begin.line, begin.column, end.line, end.column, details));
        }

        @Override
        public Severity defaultSeverity() {
            return rule.metadata().defaultSeverity();
        }

        @Override
        public void processingError(Node node, String reason) {
            scope.outcome.errors.add(error(scope.file, node, reason));
        }

        @Override
        public void addFact(String kind, Node node, Map<String, String> data) {
            Position p = node.getBegin().orElse(new Position(1, 1));
            scope.outcome.facts.add(new Fact(rule.id(), kind, scope.file, p.line, p.column, data));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T memo(MemoKey<T> key, Supplier<T> compute) {
            Object v = scope.memo.get(key);
            if (v == null) {
                v = compute.get();
                scope.memo.put(key, v);
            }
            return (T) v;
        }
    }
}
