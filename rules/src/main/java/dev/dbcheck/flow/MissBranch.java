package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The code that runs when a lookup finds nothing: given a call that reads a value which may be absent (a
 * cache {@code get}, or a boolean presence probe such as {@code hasKey}), finds how its result is tested and
 * which statements or expressions run on the "absent" path. Recognised shapes:
 *
 * <ul>
 *   <li>{@code V v = read; if (v == null) {MISS}} (also {@code null == v}, {@code Objects.isNull(v)},
 *       {@code v.isEmpty()}, {@code StringUtils.isBlank(v)}, {@code !StringUtils.hasText(v)}, combined with
 *       {@code !}, {@code &&}, {@code ||});
 *   <li>early return on a hit: {@code if (v != null) return v; MISS...} (the rest of the block);
 *   <li>{@code if (v != null) {...} else {MISS}};
 *   <li>the read tested in place: {@code if (read == null)}, {@code if ((v = read) == null)},
 *       {@code if (!redis.hasKey(k))}, {@code if (Boolean.TRUE.equals(redis.hasKey(k))) return ...; MISS};
 *   <li>{@code Optional}: {@code Optional.ofNullable(read).orElseGet(() -> MISS)}, an {@code Optional}
 *       variable tested with {@code isPresent()} / {@code isEmpty()} or finished with {@code orElseGet};
 *       {@code Objects.requireNonNullElseGet(read, () -> MISS)};
 *   <li>a ternary: {@code v != null ? v : MISS}.
 * </ul>
 *
 * The result lists the nodes of the miss path in source order; what they call is for {@link CallReach}.
 */
public final class MissBranch {

    /** Where the miss path sits relative to the test. */
    public enum Form {
        /** The then-branch of an if whose condition holds on a miss. */
        THEN_BRANCH,
        /** The else-branch of an if whose condition holds on a hit. */
        ELSE_BRANCH,
        /** The statements after an if that returns (or throws, continues, breaks) on a hit. */
        AFTER_EARLY_RETURN,
        /** The miss side of a conditional expression. */
        TERNARY,
        /** The supplier of {@code Optional.orElseGet} / {@code or} / {@code Objects.requireNonNullElseGet}. */
        FALLBACK_SUPPLIER
    }

    /** The kind of test that decides the miss. */
    public enum Test {
        NULL_CHECK,
        EMPTY_CHECK,
        OPTIONAL_CHECK,
        PRESENCE_CHECK
    }

    private static final String OPTIONAL = "java.util.Optional";
    private static final String OBJECTS = "java.util.Objects";
    private static final Set<String> OPTIONAL_FACTORIES = Set.of("ofNullable", "of");
    private static final Set<String> OPTIONAL_TRANSFORMS = Set.of("map", "filter", "flatMap");
    private static final Set<String> OPTIONAL_FALLBACKS = Set.of("orElseGet", "or");

    private final List<Node> region;
    private final Form form;
    private final Test test;
    private final Node decision;

    private MissBranch(List<Node> region, Form form, Test test, Node decision) {
        this.region = List.copyOf(region);
        this.form = form;
        this.test = test;
        this.decision = decision;
    }

    /** The statements or expressions that run on a miss, in source order. */
    public List<Node> region() {
        return region;
    }

    public Form form() {
        return form;
    }

    public Test test() {
        return test;
    }

    /** The if statement, conditional expression or fallback call that decides the miss. */
    public Node decision() {
        return decision;
    }

    /**
     * Finds the miss path of {@code read}.
     *
     * @param presenceProbe whether {@code read} returns a boolean "the key is there" (hasKey, exists,
     *     containsKey) rather than the value
     */
    public static Optional<MissBranch> of(MethodCallExpr read, boolean presenceProbe, TypeResolver types) {
        return new Finder(read, presenceProbe, types).find();
    }

    /** Whether a statement never completes normally to the next statement of its block. */
    static boolean alwaysExits(Statement s) {
        if (s instanceof ReturnStmt || s instanceof ThrowStmt || s instanceof ContinueStmt
                || s instanceof BreakStmt) {
            return true;
        }
        if (s instanceof BlockStmt b) {
            return b.getStatements().stream().anyMatch(MissBranch::alwaysExits);
        }
        if (s instanceof IfStmt i) {
            return i.getElseStmt().isPresent() && alwaysExits(i.getThenStmt()) && alwaysExits(i.getElseStmt().get());
        }
        if (s instanceof TryStmt t) {
            // The normal path: a try block that returns. A catch that swallows is the exceptional path.
            return alwaysExits(t.getTryBlock()) || t.getFinallyBlock().map(MissBranch::alwaysExits).orElse(false);
        }
        if (s instanceof SynchronizedStmt sync) {
            return alwaysExits(sync.getBody());
        }
        return false;
    }

    /** "On a miss the condition is true" and "on a miss the condition is false". */
    private record Runs(boolean onMissTrue, boolean onMissFalse, Test test) {
        static final Runs NEITHER = new Runs(false, false, null);

        boolean testsSubject() {
            return onMissTrue || onMissFalse;
        }
    }

    private static final class Finder {
        private final MethodCallExpr read;
        private final boolean presence;
        private final TypeResolver types;
        private String variable;

        Finder(MethodCallExpr read, boolean presence, TypeResolver types) {
            this.read = read;
            this.presence = presence;
            this.types = types;
        }

        Optional<MissBranch> find() {
            Expression top = climbWrappers(read);
            Node parent = top.getParentNode().orElse(null);
            if (parent instanceof MethodCallExpr call) {
                Optional<MissBranch> fallback = fallback(call, top);
                if (fallback.isPresent()) {
                    return fallback;
                }
            }
            if (parent instanceof VariableDeclarator d && d.getInitializer().filter(i -> i == top).isPresent()) {
                variable = d.getNameAsString();
                return d.findAncestor(Statement.class).flatMap(this::following);
            }
            if (parent instanceof AssignExpr a && a.getValue() == top && a.getOperator() == AssignExpr.Operator.ASSIGN
                    && a.getTarget() instanceof NameExpr target && a.getParentNode().orElse(null) instanceof ExpressionStmt s) {
                variable = target.getNameAsString();
                return following(s);
            }
            return inPlace(top);
        }

        /** Climbs casts, parentheses and Optional wrappers that keep "absent" meaning absent. */
        private Expression climbWrappers(Expression from) {
            Expression top = from;
            while (true) {
                Node parent = top.getParentNode().orElse(null);
                Expression current = top;
                if (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
                    top = (Expression) parent;
                } else if (parent instanceof MethodCallExpr m && isOptionalFactory(m) && m.getArgument(0) == top) {
                    top = m;
                } else if (parent instanceof MethodCallExpr m && m.getScope().filter(s -> s == current).isPresent()
                        && OPTIONAL_TRANSFORMS.contains(m.getNameAsString()) && isOptionalChain(top)) {
                    top = m;
                } else {
                    return top;
                }
            }
        }

        private boolean isOptionalFactory(MethodCallExpr m) {
            return OPTIONAL_FACTORIES.contains(m.getNameAsString()) && m.getArguments().size() == 1
                    && m.getScope().flatMap(types::typeReferencedBy).filter(OPTIONAL::equals).isPresent();
        }

        private boolean isOptionalChain(Expression e) {
            return e instanceof MethodCallExpr m && (isOptionalFactory(m)
                    || (OPTIONAL_TRANSFORMS.contains(m.getNameAsString()) && m.getScope().isPresent()
                            && isOptionalChain(m.getScope().get())));
        }

        /** {@code top.orElseGet(supplier)}, {@code Objects.requireNonNullElseGet(top, supplier)}. */
        private Optional<MissBranch> fallback(MethodCallExpr call, Expression top) {
            if (call.getScope().filter(s -> s == top).isPresent() && isOptionalChain(top)
                    && OPTIONAL_FALLBACKS.contains(call.getNameAsString()) && call.getArguments().size() == 1) {
                return Optional.of(new MissBranch(List.of(call.getArgument(0)), Form.FALLBACK_SUPPLIER,
                        Test.OPTIONAL_CHECK, call));
            }
            if (call.getNameAsString().equals("requireNonNullElseGet") && call.getArguments().size() == 2
                    && call.getArgument(0) == top
                    && call.getScope().flatMap(types::typeReferencedBy).filter(OBJECTS::equals).isPresent()) {
                return Optional.of(new MissBranch(List.of(call.getArgument(1)), Form.FALLBACK_SUPPLIER,
                        Test.NULL_CHECK, call));
            }
            return Optional.empty();
        }

        /** The read is tested where it is made: climb to the if or ternary whose condition contains it. */
        private Optional<MissBranch> inPlace(Expression top) {
            Node child = top;
            Node parent = top.getParentNode().orElse(null);
            while (parent instanceof BinaryExpr || parent instanceof UnaryExpr || parent instanceof EnclosedExpr
                    || parent instanceof MethodCallExpr || parent instanceof AssignExpr) {
                if (parent instanceof AssignExpr a && a.getTarget() instanceof NameExpr n && a.getValue() == child) {
                    variable = n.getNameAsString();
                }
                child = parent;
                parent = parent.getParentNode().orElse(null);
            }
            if (parent instanceof IfStmt i && i.getCondition() == child) {
                return ofIf(i);
            }
            if (parent instanceof ConditionalExpr c && c.getCondition() == child) {
                return ofTernary(c);
            }
            return Optional.empty();
        }

        /**
         * The first test of the variable after {@code declaration}: in the rest of its block, then in the
         * rest of the enclosing blocks (a value read inside a try-with-resources and tested after it).
         */
        private Optional<MissBranch> following(Statement declaration) {
            Node current = declaration;
            while (current != null && !(current instanceof CallableDeclaration) && !(current instanceof LambdaExpr)) {
                Node parent = current.getParentNode().orElse(null);
                if (parent instanceof NodeWithStatements<?> block && parent instanceof Statement) {
                    List<Statement> statements = block.getStatements();
                    int index = indexOf(statements, current);
                    for (int i = index + 1; i < statements.size(); i++) {
                        Optional<Optional<MissBranch>> found = firstTest(statements.get(i));
                        if (found.isPresent()) {
                            return found.get();
                        }
                    }
                }
                current = parent;
            }
            return Optional.empty();
        }

        /**
         * Searches one statement in source order. Empty when the statement neither tests nor replaces the
         * variable (keep looking); present (possibly with an empty result) when the search is over.
         */
        private Optional<Optional<MissBranch>> firstTest(Statement statement) {
            // In pre-order as findAll gives it, without listing the nodes after the first test.
            for (Iterator<Node> nodes = new Node.PreOrderIterator(statement); nodes.hasNext(); ) {
                Node n = nodes.next();
                if (n instanceof IfStmt i && conditionRuns(i.getCondition()).testsSubject()) {
                    return Optional.of(ofIf(i));
                }
                if (n instanceof ConditionalExpr c && conditionRuns(c.getCondition()).testsSubject()) {
                    return Optional.of(ofTernary(c));
                }
                if (n instanceof MethodCallExpr m && OPTIONAL_FALLBACKS.contains(m.getNameAsString())
                        && m.getArguments().size() == 1 && m.getScope().filter(this::isSubject).isPresent()) {
                    return Optional.of(Optional.of(new MissBranch(List.of(m.getArgument(0)), Form.FALLBACK_SUPPLIER,
                            Test.OPTIONAL_CHECK, m)));
                }
                if (n instanceof AssignExpr a && a.getTarget() instanceof NameExpr t
                        && t.getNameAsString().equals(variable)) {
                    return Optional.of(Optional.empty());
                }
                if (n instanceof VariableDeclarationExpr v
                        && v.getVariables().stream().anyMatch(d -> d.getNameAsString().equals(variable))) {
                    return Optional.of(Optional.empty());
                }
            }
            return Optional.empty();
        }

        private Optional<MissBranch> ofIf(IfStmt i) {
            Runs runs = conditionRuns(i.getCondition());
            if (runs.onMissTrue) {
                return Optional.of(new MissBranch(List.of(i.getThenStmt()), Form.THEN_BRANCH, runs.test, i));
            }
            if (!runs.onMissFalse) {
                return Optional.empty();
            }
            List<Node> region = new ArrayList<>();
            i.getElseStmt().ifPresent(region::add);
            Form form = Form.ELSE_BRANCH;
            if (alwaysExits(i.getThenStmt())) {
                form = region.isEmpty() ? Form.AFTER_EARLY_RETURN : form;
                region.addAll(rest(i));
            }
            return region.isEmpty() ? Optional.empty() : Optional.of(new MissBranch(region, form, runs.test, i));
        }

        /** The statements after {@code s} in its block, and after each enclosing plain or try block. */
        private static List<Statement> rest(Statement s) {
            List<Statement> out = new ArrayList<>();
            Node current = s;
            while (true) {
                Node parent = current.getParentNode().orElse(null);
                if (!(parent instanceof BlockStmt block)) {
                    return out;
                }
                List<Statement> statements = block.getStatements();
                boolean exits = false;
                for (int i = indexOf(statements, current) + 1; i < statements.size(); i++) {
                    out.add(statements.get(i));
                    exits |= alwaysExits(statements.get(i));
                }
                Node above = block.getParentNode().orElse(null);
                boolean plainOrTry = above instanceof BlockStmt
                        || (above instanceof TryStmt t && t.getTryBlock() == block);
                if (exits || !plainOrTry) {
                    return out;
                }
                current = (Statement) above;
            }
        }

        private Optional<MissBranch> ofTernary(ConditionalExpr c) {
            Runs runs = conditionRuns(c.getCondition());
            if (runs.onMissTrue) {
                return Optional.of(new MissBranch(List.of(c.getThenExpr()), Form.TERNARY, runs.test, c));
            }
            if (runs.onMissFalse) {
                return Optional.of(new MissBranch(List.of(c.getElseExpr()), Form.TERNARY, runs.test, c));
            }
            return Optional.empty();
        }

        private Runs conditionRuns(Expression c) {
            if (c instanceof EnclosedExpr e) {
                return conditionRuns(e.getInner());
            }
            if (c instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
                Runs r = conditionRuns(u.getExpression());
                return new Runs(r.onMissFalse, r.onMissTrue, r.test);
            }
            if (c instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.OR
                    || b.getOperator() == BinaryExpr.Operator.AND)) {
                Runs l = conditionRuns(b.getLeft());
                Runs r = conditionRuns(b.getRight());
                Test test = l.test != null ? l.test : r.test;
                return b.getOperator() == BinaryExpr.Operator.OR
                        ? new Runs(l.onMissTrue || r.onMissTrue, l.onMissFalse && r.onMissFalse, test)
                        : new Runs(l.onMissTrue && r.onMissTrue, l.onMissFalse || r.onMissFalse, test);
            }
            PresenceChecks.Atom atom = PresenceChecks.classify(c, this::isSubject, presence, types);
            return switch (atom.verdict()) {
                case ABSENT -> new Runs(true, false, Test.valueOf(atom.kind().name()));
                case PRESENT -> new Runs(false, true, Test.valueOf(atom.kind().name()));
                case UNRELATED -> Runs.NEITHER;
            };
        }

        /** Whether an expression denotes the value read: the read itself, its variable, or a wrapper. */
        private boolean isSubject(Expression e) {
            Expression x = e;
            while (true) {
                if (x == read) {
                    return true;
                }
                if (x instanceof NameExpr n) {
                    return n.getNameAsString().equals(variable);
                }
                if (x instanceof EnclosedExpr en) {
                    x = en.getInner();
                } else if (x instanceof CastExpr cast) {
                    x = cast.getExpression();
                } else if (x instanceof AssignExpr a) {
                    x = a.getValue();
                } else if (x instanceof MethodCallExpr m && isOptionalFactory(m)) {
                    x = m.getArgument(0);
                } else if (x instanceof MethodCallExpr m && OPTIONAL_TRANSFORMS.contains(m.getNameAsString())
                        && m.getScope().isPresent()) {
                    x = m.getScope().get();
                } else {
                    return false;
                }
            }
        }

        private static int indexOf(List<Statement> statements, Node node) {
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i) == node) {
                    return i;
                }
            }
            return -1;
        }
    }
}
