package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * KEYS wrappers: project methods that issue {@code KEYS} with a pattern their caller gives
 * ({@code RedisUtils.keys(String pattern)}, {@code deleteByPrefix(String prefix)}). Whether the project runs
 * {@code KEYS}, and on which path, is decided where the pattern is chosen: the finding is at the first project
 * call that passes its own pattern (followed through wrappers of wrappers, {@code MethodSummaries.MAX_DEPTH}
 * deep), not inside the wrapper. A method that builds its pattern itself is the place of its own finding, and its
 * callers add none. An entry point (a controller's handler method, a scheduled job) is never a wrapper: its
 * parameters come from outside the project. A method whose own name is the command ({@code keys(String pattern)}
 * of a connection decorator forwarding {@code delegate.keys(serialize(pattern))}) is the command's implementation:
 * any of its parameters in the pattern makes the pattern its caller's.
 */
final class KeysWrappers implements EffectAnalysis<KeysWrappers.Effect> {

    static final KeysWrappers INSTANCE = new KeysWrappers();

    enum Kind {
        /** The pattern comes from {@link Effect#parameters()} of the summarised method. */
        FORWARDS,
        /** The wrapper runs KEYS with this call's own pattern: the finding belongs here. */
        RUNS_HERE,
        /** Already reported deeper. */
        PLACED
    }

    /**
     * @param via the library call, as messages name it ({@code redisTemplate.keys(..)})
     * @param client the client, for evidence
     */
    record Effect(Kind kind, Set<Integer> parameters, String via, String client) {}

    private KeysWrappers() {}

    @Override
    public List<Effect> local(MethodCallExpr call, TypeResolver types) {
        Optional<String> client = RedisCommands.keysClient(call, types);
        if (client.isEmpty()) {
            return List.of();
        }
        Set<Integer> given = callerParameters(call, call.getArguments().get(call.getArguments().size() - 1));
        String via = call.getScope().map(s -> s + ".").orElse("") + call.getNameAsString() + "(..)";
        return List.of(new Effect(given.isEmpty() ? Kind.PLACED : Kind.FORWARDS, given, via, client.get()));
    }

    @Override
    public Effect lift(Effect effect, MethodCallExpr call, MethodInfo callee) {
        if (effect.kind() != Kind.FORWARDS) {
            return new Effect(Kind.PLACED, Set.of(), effect.via(), effect.client());
        }
        Set<Integer> given = new TreeSet<>();
        for (int index : effect.parameters()) {
            if (index < call.getArguments().size()) {
                given.addAll(callerParameters(call, call.getArgument(index)));
            }
        }
        return given.isEmpty() ? new Effect(Kind.RUNS_HERE, Set.of(), effect.via(), effect.client())
                : new Effect(Kind.FORWARDS, Set.copyOf(given), effect.via(), effect.client());
    }

    /** Whether the library KEYS call {@code call} runs with a pattern its method's caller gives. */
    static boolean isCallersPattern(MethodCallExpr call) {
        return !callerParameters(call, call.getArguments().get(call.getArguments().size() - 1)).isEmpty();
    }

    /**
     * The parameters of the enclosing method that {@code argument} is built from (directly, or through a local
     * assigned once from them), when the method is a wrapper: not private, and not an entry point.
     */
    private static Set<Integer> callerParameters(Node site, Expression argument) {
        Optional<MethodDeclaration> method = site.findAncestor(MethodDeclaration.class);
        if (method.isEmpty() || method.get().isPrivate() || isEntryPoint(method.get())) {
            return Set.of();
        }
        Set<Integer> out = new TreeSet<>();
        if (implementsCommand(method.get(), "keys")) {
            for (NameExpr name : argument.findAll(NameExpr.class)) {
                int index = parameterIndex(method.get(), name.getNameAsString());
                if (index >= 0) {
                    out.add(index);
                }
            }
        }
        collect(argument, method.get(), out, 0);
        return out;
    }

    /**
     * Whether {@code method} is an implementation of the Redis command {@code command} (lower case): its own name is
     * the command ({@code keys}, {@code flushAll}, {@code flushDB}), any overload, and it is neither private nor an
     * entry point: a connection decorator, a default method of a command interface, a project client forwarding the
     * command. Its callers decide whether the command is sent.
     */
    static boolean implementsCommand(MethodDeclaration method, String command) {
        return method.getNameAsString().toLowerCase(java.util.Locale.ROOT).equals(command) && !method.isPrivate()
                && !isEntryPoint(method);
    }

    /**
     * The parameter the pattern starts with: {@code pattern}, {@code prefix + "*"}, {@code pattern.getBytes()},
     * {@code new StringBuilder(prefix).append(id).toString()}, or a local assigned from one of these. A pattern
     * that starts with the method's own text ({@code "token::" + user + "*"}) is the method's decision.
     */
    private static void collect(Expression e, MethodDeclaration method, Set<Integer> out, int depth) {
        if (depth > 8) {
            return;
        }
        if (e instanceof EnclosedExpr en) {
            collect(en.getInner(), method, out, depth + 1);
        } else if (e instanceof CastExpr c) {
            collect(c.getExpression(), method, out, depth + 1);
        } else if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            collect(b.getLeft(), method, out, depth + 1);
        } else if (e instanceof MethodCallExpr m && m.getScope().isPresent() && LEADING.contains(m.getNameAsString())) {
            collect(m.getScope().get(), method, out, depth + 1);
        } else if (e instanceof ObjectCreationExpr o && o.getArguments().size() == 1) {
            collect(o.getArgument(0), method, out, depth + 1);
        } else if (e instanceof NameExpr name) {
            int index = parameterIndex(method, name.getNameAsString());
            if (index >= 0) {
                out.add(index);
                return;
            }
            for (VariableDeclarator local : method.findAll(VariableDeclarator.class,
                    v -> v.getNameAsString().equals(name.getNameAsString()))) {
                local.getInitializer().ifPresent(init -> collect(init, method, out, depth + 1));
            }
        }
    }

    /** Calls that keep the start of their receiver's text. */
    private static final Set<String> LEADING = Set.of("getBytes", "toString", "append", "concat", "trim");

    /** The index of the parameter of {@code method} named {@code name}, or -1. */
    static int parameterIndex(MethodDeclaration method, String name) {
        for (int i = 0; i < method.getParameters().size(); i++) {
            Parameter p = method.getParameter(i);
            if (p.getNameAsString().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static final Set<String> ENTRY_ANNOTATIONS = Set.of("GetMapping", "PostMapping", "PutMapping",
            "DeleteMapping", "PatchMapping", "RequestMapping", "Scheduled", "XxlJob", "KafkaListener",
            "RabbitListener", "JmsListener", "SqsListener", "EventListener", "GET", "POST", "PUT", "DELETE", "Path");

    static boolean isEntryPoint(MethodDeclaration method) {
        return method.getAnnotations().stream().anyMatch(a -> ENTRY_ANNOTATIONS.contains(a.getName().getIdentifier()));
    }
}
