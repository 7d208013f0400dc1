package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.rule.JavaContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What {@link DynamoDbScan} says about a scan: its table, and whether a PartiQL statement is a full scan. */
final class ScanDetails {

    private static final Set<String> TABLE_NAME_SETTERS = Set.of("tableName", "withTableName");
    private static final Set<String> TABLE_LOOKUPS = Set.of("table", "getTable");

    private ScanDetails() {}

    /** The table name, when the request or the table handle says it with a constant. */
    static Optional<String> tableName(MethodCallExpr call, ValueFlow tracer, JavaContext context) {
        for (Expression argument : call.getArguments()) {
            Optional<String> fromRequest = tracer.constantArgument(argument, TABLE_NAME_SETTERS, context.constants());
            if (fromRequest.isPresent()) {
                return fromRequest;
            }
        }
        if (call.getScope().isPresent()) {
            Optional<String> fromHandle = tracer.constantArgument(call.getScope().get(), TABLE_LOOKUPS,
                    context.constants());
            if (fromHandle.isPresent()) {
                return fromHandle;
            }
        }
        // v1 client overloads take the table name first: scan("orders", attributes).
        if (DynamoDbScan.V1_CLIENT_SCAN.matches(call, context.types()) && !call.getArguments().isEmpty()) {
            return context.constants().stringValue(call.getArgument(0));
        }
        return Optional.empty();
    }

    /** A PartiQL SELECT with no WHERE outside quoted text. */
    static boolean isUnboundedSelect(String statement) {
        String s = stripQuoted(statement).trim().toUpperCase(Locale.ROOT);
        return s.startsWith("SELECT") && !s.matches("(?s).*\\bWHERE\\b.*");
    }

    private static String stripQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String abbreviate(String s) {
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
