package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entries of a map built in the method, when the source shows them: {@code Map.of(k, v, ...)},
 * {@code Map.ofEntries(Map.entry(k, v), ...)}, {@code Collections.singletonMap(k, v)}, or a local
 * {@code new HashMap<>()} filled with {@code put(k, v)}; followed through the local that holds it. Keys must be
 * string constants. Used to read DynamoDB key and item maps ({@code "pk" -> AttributeValue.fromS(..)}).
 */
public final class MapLiterals {

    /** One entry: a constant key and the expression of its value. */
    public record Entry(String key, Expression value) {}

    private static final Set<String> MAP_TYPES = Set.of("java.util.Map", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.concurrent.ConcurrentHashMap");

    private static final int MAX_HOPS = 4;

    private final TypeResolver types;
    private final ConstantEvaluator constants;

    public MapLiterals(TypeResolver types, ConstantEvaluator constants) {
        this.types = types;
        this.constants = constants;
    }

    /** The entries of {@code map}, or empty when the source does not show all of them. */
    public Optional<List<Entry>> entries(Expression map) {
        return entries(map, 0);
    }

    private Optional<List<Entry>> entries(Expression map, int hops) {
        if (hops > MAX_HOPS) {
            return Optional.empty();
        }
        if (map instanceof NameExpr name) {
            Optional<Expression> init = types.initializerOf(name);
            if (init.isEmpty()) {
                return Optional.empty();
            }
            if (init.get() instanceof ObjectCreationExpr create && create.getArguments().isEmpty()
                    && types.resolve(create.getType()).filter(MAP_TYPES::contains).isPresent()) {
                return puts(name);
            }
            return entries(init.get(), hops + 1);
        }
        if (!(map instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> owner = types.typeReferencedBy(call.getScope().get());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        if (owner.get().equals("java.util.Map") && name.equals("of")
                || owner.get().equals("java.util.Collections") && name.equals("singletonMap")) {
            return pairs(call.getArguments(), 0);
        }
        if (owner.get().equals("java.util.Map") && name.equals("ofEntries")) {
            List<Entry> out = new ArrayList<>();
            for (Expression e : call.getArguments()) {
                if (!(e instanceof MethodCallExpr entry) || !entry.getNameAsString().equals("entry")
                        || entry.getArguments().size() != 2) {
                    return Optional.empty();
                }
                Optional<List<Entry>> one = pairs(entry.getArguments(), 0);
                if (one.isEmpty()) {
                    return Optional.empty();
                }
                out.addAll(one.get());
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }

    private Optional<List<Entry>> pairs(List<Expression> args, int from) {
        if ((args.size() - from) % 2 != 0) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        for (int i = from; i < args.size(); i += 2) {
            Optional<String> key = constants.stringValue(args.get(i));
            if (key.isEmpty()) {
                return Optional.empty();
            }
            out.add(new Entry(key.get(), args.get(i + 1)));
        }
        return Optional.of(out);
    }

    /** {@code m.put(k, v)} calls on the local {@code map} in its method. */
    private Optional<List<Entry>> puts(NameExpr map) {
        // The method around it, not a lambda the map is used in: the puts are where the map was declared.
        Node body = map.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class).map(c -> (Node) c)
                .orElseGet(() -> ValueFlow.enclosingBody(map));
        if (body == null) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        for (MethodCallExpr put : body.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("put")
                && c.getArguments().size() == 2 && c.getScope().filter(s -> s instanceof NameExpr n
                        && n.getNameAsString().equals(map.getNameAsString())).isPresent())) {
            Optional<String> key = constants.stringValue(put.getArgument(0));
            if (key.isEmpty()) {
                return Optional.empty();
            }
            out.add(new Entry(key.get(), put.getArgument(1)));
        }
        return Optional.of(out);
    }
}
