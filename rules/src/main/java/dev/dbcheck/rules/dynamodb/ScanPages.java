package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.flow.CallReach;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.flow.ValueFlow;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.List;
import com.github.javaparser.ast.expr.LambdaExpr;

/**
 * The pages of one paginated scan: the first {@code scan} and the calls in its loop that continue from the last
 * evaluated key, SDK v1 and v2. They read one table once, so they are one finding, at the first call.
 */
final class ScanPages {

    private static final Set<String> START_KEY_SETTERS = Set.of("exclusiveStartKey", "withExclusiveStartKey",
            "setExclusiveStartKey");

    private ScanPages() {}

    /**
     * Whether {@code call} fetches a further page of a scan of the same table made earlier in the same method:
     * its request starts from a previous page's last key ({@code exclusiveStartKey(..)} in the request, set on
     * it, rebuilt with {@code toBuilder()} or assigned to it).
     */
    static boolean continuesEarlierScan(MethodCallExpr call, JavaContext context, Predicate<MethodCallExpr> isScan,
            Function<MethodCallExpr, Optional<String>> table) {
        Optional<CallableDeclaration<?>> method = CallReach.enclosingCallable(call);
        if (method.isEmpty() || call.getBegin().isEmpty()
                || call.getArguments().stream().noneMatch(a -> startsFromKey(a, method.get(), context))) {
            return false;
        }
        Optional<String> scanned = table.apply(call);
        return method.get().findAll(MethodCallExpr.class, c -> c.getBegin().isPresent()
                        && c.getBegin().get().isBefore(call.getBegin().get()) && isScan.test(c)).stream()
                .anyMatch(earlier -> table.apply(earlier).equals(scanned));
    }

    private static final Set<String> LIMIT_SETTERS = Set.of("limit", "withLimit", "setLimit");
    private static final Set<String> CONTINUATIONS = Set.of("lastEvaluatedKey", "hasLastEvaluatedKey",
            "getLastEvaluatedKey");
    /** Calls that fetch one page: the low-level clients' scan, the v1 mapper's scanPage. */
    private static final Set<String> ONE_PAGE = Set.of("scan", "scanAsync", "scanPage");

    /**
     * The limit of a scan that reads one bounded page and no more: a low-level {@code scan} (or the v1 mapper's
     * {@code scanPage}) whose request sets a constant limit, in a method that never continues from a last evaluated
     * key. DynamoDB's Limit is the most items one Scan call evaluates (DDB-DG bp-query-scan.md: a smaller page
     * size bounds what one call reads), so its read capacity is bounded by the limit, not the table's size. Lazy
     * lists and iterables (the mapper's scan, the enhanced client's, paginators) fetch every page and are not this.
     */
    static Optional<Long> singleBoundedPage(MethodCallExpr call, JavaContext context) {
        Optional<CallableDeclaration<?>> method = CallReach.enclosingCallable(call);
        if (!ONE_PAGE.contains(call.getNameAsString()) || method.isEmpty()
                || method.get().findFirst(MethodCallExpr.class, c -> CONTINUATIONS.contains(c.getNameAsString())
                        || START_KEY_SETTERS.contains(c.getNameAsString())).isPresent()) {
            return Optional.empty();
        }
        for (Expression argument : call.getArguments()) {
            List<MethodCallExpr> limits = argument instanceof LambdaExpr lambda
                    ? lambda.getBody().findAll(MethodCallExpr.class, c -> LIMIT_SETTERS.contains(c.getNameAsString()))
                    : ValueFlow.of(context).callsBuilding(argument, LIMIT_SETTERS);
            for (MethodCallExpr limit : limits) {
                if (limit.getArguments().size() == 1) {
                    Optional<Object> value = context.constants().value(limit.getArgument(0));
                    if (value.isPresent() && value.get() instanceof Number n && n.longValue() > 0) {
                        return Optional.of(n.longValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the request {@code argument} is built, mutated or reassigned in {@code method} with a start key. */
    private static boolean startsFromKey(Expression argument, Node method, JavaContext context) {
        if (!ValueFlow.of(context).callsBuilding(argument, START_KEY_SETTERS).isEmpty()) {
            return true;
        }
        if (!(argument instanceof NameExpr request)) {
            return false;
        }
        String name = request.getNameAsString();
        return method.findFirst(MethodCallExpr.class, c -> START_KEY_SETTERS.contains(c.getNameAsString())
                && rootName(c).filter(name::equals).isPresent()).isPresent()
                || method.findFirst(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                        && t.getNameAsString().equals(name) && a.getValue().findFirst(MethodCallExpr.class,
                                c -> START_KEY_SETTERS.contains(c.getNameAsString())).isPresent()).isPresent();
    }

    private static Optional<String> rootName(MethodCallExpr call) {
        Expression e = call;
        while (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
            e = m.getScope().get();
        }
        return e instanceof NameExpr n ? Optional.of(n.getNameAsString()) : Optional.empty();
    }
}
