package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.flow.MapLiterals;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.MemoKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key values of DynamoDB requests as the source writes them: whether an attribute value is a compile-time
 * constant ({@code AttributeValue.fromS("X")}, v1 {@code new AttributeValue("X")}, ...), the table a request
 * names, the entries of key and item maps, and whether an update is an atomic counter. SDK v1 and v2.
 */
final class DynamoDbKeys {

    /** One attribute of a key, an item or a key condition: its name (null when the shape does not say) and value. */
    record Part(String attribute, Role role, Expression value, Optional<String> constant) {}

    /** What the request shape itself says the part is. */
    enum Role { PARTITION, SORT, UNKNOWN }

    static final Set<String> TABLE_NAME = Set.of("tableName", "withTableName");
    private static final Set<String> TABLE_LOOKUPS = Set.of("table", "getTable");
    private static final Set<String> UPDATE_EXPRESSION = Set.of("updateExpression", "withUpdateExpression");
    private static final String V2_ATTRIBUTE_VALUE = V2 + "model.AttributeValue";
    private static final String V1_ATTRIBUTE_VALUE = V1 + "model.AttributeValue";

    /** An {@code ADD} clause of an update expression. */
    private static final Pattern ADD_CLAUSE = Pattern.compile("(?i)(^|\\s)ADD\\s+[#\\w]");
    /** The target of an assignment in a SET clause: {@code name =} (not {@code <=}, {@code >=}). */
    private static final Pattern ASSIGNMENT = Pattern.compile("([#\\w.]+)\\s*=(?!=)");
    private static final Pattern NEXT_CLAUSE = Pattern.compile("(?i)\\s(REMOVE|ADD|DELETE|SET)\\s");

    private DynamoDbKeys() {}

    /**
     * The constant a key value stands for, as the message shows it ({@code "GLOBAL"} quoted, numbers bare): a
     * constant ({@code "GLOBAL"}, a {@code static final}, a concatenation of constants), or an attribute value built
     * from one.
     */
    static Optional<String> constantValue(Expression value, JavaContext context) {
        return constantValue(value, context, 0);
    }

    private static Optional<String> constantValue(Expression value, JavaContext context, int depth) {
        ConstantEvaluator constants = context.constants();
        TypeResolver types = context.types();
        Optional<Object> direct = constants.value(value);
        if (direct.isPresent() || depth > 4) {
            return direct.map(DynamoDbKeys::display);
        }
        if (value instanceof NameExpr name) {
            return types.initializerOf(name).flatMap(init -> constantValue(init, context, depth + 1));
        }
        if (value instanceof ObjectCreationExpr create && create.getArguments().size() == 1
                && types.resolve(create.getType()).filter(V1_ATTRIBUTE_VALUE::equals).isPresent()) {
            return constants.value(create.getArgument(0)).map(DynamoDbKeys::display);
        }
        if (!(value instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        Expression scope = call.getScope().get();
        boolean oneArgument = call.getArguments().size() == 1;
        if (oneArgument && (name.equals("fromS") || name.equals("fromN"))
                && types.typeReferencedBy(scope).filter(V2_ATTRIBUTE_VALUE::equals).isPresent()
                || oneArgument && (name.equals("withS") || name.equals("withN"))
                        && types.typeOf(scope).filter(V1_ATTRIBUTE_VALUE::equals).isPresent()) {
            return constants.value(call.getArgument(0)).map(DynamoDbKeys::display);
        }
        // AttributeValue.builder().s("x").build()
        if (name.equals("build") && types.typeOf(call).filter(V2_ATTRIBUTE_VALUE::equals).isPresent()) {
            for (Expression e = scope; e instanceof MethodCallExpr link; e = link.getScope().orElse(null)) {
                String setter = link.getNameAsString();
                if ((setter.equals("s") || setter.equals("n")) && link.getArguments().size() == 1) {
                    return constants.value(link.getArgument(0)).map(DynamoDbKeys::display);
                }
            }
        }
        return Optional.empty();
    }

    private static String display(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static final MemoKey<MapLiterals> MAP_LITERALS = MemoKey.of("map literals");

    /** A part for each entry of a key or item map, when the source shows all entries. */
    static List<Part> mapParts(Expression map, JavaContext context) {
        MapLiterals literals = context.memo(MAP_LITERALS,
                () -> new MapLiterals(context.types(), context.constants()));
        List<Part> parts = new ArrayList<>();
        literals.entries(map).ifPresent(entries -> entries.forEach(e ->
                parts.add(new Part(e.key(), Role.UNKNOWN, e.value(), constantValue(e.value(), context)))));
        return parts;
    }

    /** The value expressions of a map literal by key ({@code ":pk" -> AttributeValue.fromS(..)}). */
    static Map<String, Expression> mapValues(Expression map, JavaContext context) {
        return mapParts(map, context).stream()
                .collect(java.util.stream.Collectors.toMap(Part::attribute, Part::value, (a, b) -> a));
    }

    /** The last call of the chain {@code node} is part of ({@code a.b(node-ish).c()}: the {@code c()} call). */
    static Node outermostChain(Node node) {
        Node top = node;
        while (top.getParentNode().orElse(null) instanceof MethodCallExpr parent
                && parent.getScope().isPresent() && parent.getScope().get() == top) {
            top = parent;
        }
        return top;
    }

    /**
     * The table a request names: in the request chain around {@code node}, in what its receiver was built from
     * ({@code enhanced.table("t", ..)}, {@code document.getTable("t")}), or, climbing out of the arguments, in
     * the enclosing request ({@code createTable(r -> r.tableName(..).keySchema(<node>))}).
     */
    static Optional<String> tableOf(Node node, JavaContext context) {
        ValueFlow tracer = ValueFlow.of(context);
        Node top = outermostChain(node);
        if (top instanceof Expression e) {
            Optional<String> table = tracer.constantArgument(e, TABLE_NAME, context.constants());
            if (table.isPresent()) {
                return table;
            }
        }
        if (node instanceof MethodCallExpr call && call.getScope().isPresent()) {
            for (Expression e = call.getScope().get(); e != null;
                    e = e instanceof MethodCallExpr m ? m.getScope().orElse(null) : null) {
                Expression receiver = e;
                Optional<String> table = tracer.constantArgument(receiver, TABLE_NAME, context.constants())
                        .or(() -> receiverTable(receiver, tracer, context));
                if (table.isPresent()) {
                    return table;
                }
            }
        }
        Node outer = top;
        while (outer.getParentNode().orElse(null) instanceof Expression parent && !(parent instanceof LambdaExpr)) {
            outer = parent;
        }
        return outer == top ? Optional.empty()
                : tracer.constantArgument((Expression) outer, TABLE_NAME, context.constants());
    }

    /** {@code sessions} declared as {@code enhanced.table("sessions", ..)} or {@code document.getTable("sessions")}. */
    private static Optional<String> receiverTable(Expression receiver, ValueFlow tracer, JavaContext context) {
        // The value flow follows the receiver to what built it, a field assigned in a constructor included
        // (this.sessions = enhanced.table("sessions", ..)).
        return tracer.callsBuilding(receiver, TABLE_LOOKUPS).stream()
                // A lookup by name: table("t"), getTable("t"); a getTable() accessor names no table.
                .filter(c -> !c.getArguments().isEmpty() && (DynamoDbApi.isDynamoDbCall(c, context.types())
                        || c.getNameAsString().equals("getTable")))
                .flatMap(c -> context.constants().stringValue(c.getArgument(0)).stream()).findFirst();
    }

    /**
     * The atomic counter an update request performs, as the message shows it: an update expression with an
     * {@code ADD} clause or {@code SET x = x + :n}, v1 {@code AttributeAction.ADD}, or the document API's
     * {@code addNumeric}. Looks at the request built around {@code request} and what its names were built from.
     */
    static Optional<String> counter(Expression request, JavaContext context) {
        ValueFlow tracer = ValueFlow.of(context);
        Optional<String> expression = tracer.callsBuilding(request, UPDATE_EXPRESSION).stream()
                .filter(c -> c.getArguments().size() == 1)
                .flatMap(c -> context.constants().stringValue(c.getArgument(0)).stream())
                .filter(DynamoDbKeys::isCounterExpression).findFirst();
        if (expression.isPresent()) {
            return expression.map(e -> "\"" + e.strip() + "\"");
        }
        List<Node> built = new ArrayList<>(List.of(request));
        request.findAll(NameExpr.class).forEach(n -> context.types().initializerOf(n).ifPresent(built::add));
        for (Node n : built) {
            boolean add = n.findFirst(FieldAccessExpr.class, f -> f.getNameAsString().equals("ADD")
                    && context.types().typeReferencedBy(f.getScope())
                            .filter((V1 + "model.AttributeAction")::equals).isPresent()).isPresent();
            boolean addNumeric = n.findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("addNumeric")
                    && c.getScope().flatMap(s -> context.types().typeOf(s))
                            .filter((V1 + "document.AttributeUpdate")::equals).isPresent()).isPresent();
            if (add || addNumeric) {
                return Optional.of(add ? "AttributeAction.ADD" : "addNumeric()");
            }
        }
        return Optional.empty();
    }

    /** The value of an assignment starting at {@code from}: up to a comma outside parentheses, or the next clause. */
    private static String assignedValue(String expression, int from) {
        int depth = 0;
        int end = from;
        for (; end < expression.length(); end++) {
            char c = expression.charAt(end);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                break;
            }
        }
        String value = expression.substring(from, end);
        Matcher clause = NEXT_CLAUSE.matcher(value);
        return clause.find() ? value.substring(0, clause.start()) : value;
    }

    /** {@code ADD visits :one}, {@code SET hits = hits + :one}, {@code SET n = if_not_exists(n, :zero) + :one}. */
    static boolean isCounterExpression(String expression) {
        if (ADD_CLAUSE.matcher(expression).find()) {
            return true;
        }
        Matcher m = ASSIGNMENT.matcher(expression);
        while (m.find()) {
            String value = assignedValue(expression, m.end());
            if ((value.contains("+") || value.contains("-")) && Pattern.compile("(^|[^#\\w.])"
                    + Pattern.quote(m.group(1)) + "($|[^\\w.])").matcher(value).find()) {
                return true;
            }
        }
        return false;
    }
}
