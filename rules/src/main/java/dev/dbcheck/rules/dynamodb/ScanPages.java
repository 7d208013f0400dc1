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
