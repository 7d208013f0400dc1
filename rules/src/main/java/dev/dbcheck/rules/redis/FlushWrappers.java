package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.dbcheck.model.EffectAnalysis;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flush implementations: project methods whose own name is the flush command they send ({@code flushAll()},
 * {@code flushDb(FlushOption option)}, {@code flushDB()}), such as a connection decorator forwarding
 * {@code delegate.flushAll()} or a default method of a command interface forwarding
 * {@code serverCommands().flushDb()}. Such a method is the command, not a decision to send it: the finding is at
 * each project call of it (followed through implementations of implementations, {@code MethodSummaries.MAX_DEPTH}
 * deep), not inside it, the way {@link KeysWrappers} places a KEYS wrapper's finding. A flush option the method
 * forwards from its parameter is the caller's: a call that gives {@code ASYNC} sends no blocking flush. A method with
 * another name that flushes ({@code resetCache()}) decided to flush: its own call is the finding.
 */
final class FlushWrappers implements EffectAnalysis<FlushWrappers.Effect> {

    static final FlushWrappers INSTANCE = new FlushWrappers();

    enum Kind {
        /** The summarised method implements the command: its callers send it. */
        FORWARDS,
        /** The command runs with this call's choice: the finding belongs here. */
        RUNS_HERE,
        /** Nothing to report at this call: placed deeper, or the caller chose ASYNC. */
        PLACED
    }

    /**
     * @param command {@code FLUSHALL} or {@code FLUSHDB}
     * @param option for {@link Kind#FORWARDS}: the index of the parameter forwarded as the flush option, or -1
     * @param via the library call, as messages name it ({@code delegate.flushAll(..)})
     * @param client the client, for evidence
     */
    record Effect(Kind kind, String command, int option, String via, String client) {}

    private FlushWrappers() {}

    @Override
    public List<Effect> local(MethodCallExpr call, TypeResolver types) {
        Optional<String> client = RedisCommands.blockingFlushClient(call, types);
        if (client.isEmpty()) {
            return List.of();
        }
        String command = RedisCommands.flushCommand(call);
        String via = call.getScope().map(s -> s + ".").orElse("") + call.getNameAsString() + "()";
        Optional<MethodDeclaration> method = implementation(call, command);
        return List.of(method.isPresent() ? new Effect(Kind.FORWARDS, command, option(call, method.get()), via,
                client.get()) : new Effect(Kind.PLACED, command, -1, via, client.get()));
    }

    @Override
    public Effect lift(Effect effect, MethodCallExpr call, MethodInfo callee) {
        if (effect.kind() != Kind.FORWARDS || effect.option() >= 0 && effect.option() < call.getArguments().size()
                && RedisCommands.isAsyncOption(call.getArgument(effect.option()))) {
            return new Effect(Kind.PLACED, effect.command(), -1, effect.via(), effect.client());
        }
        Optional<MethodDeclaration> method = implementation(call, effect.command());
        if (method.isPresent()) {
            int option = effect.option() >= 0 && effect.option() < call.getArguments().size()
                    ? parameterIndex(method.get(), call.getArgument(effect.option())) : -1;
            return new Effect(Kind.FORWARDS, effect.command(), option, effect.via(), effect.client());
        }
        return new Effect(Kind.RUNS_HERE, effect.command(), -1, effect.via(), effect.client());
    }

    /** Whether the library flush {@code call} is inside an implementation of its own command (reported at its callers). */
    static boolean inImplementation(MethodCallExpr call) {
        return implementation(call, RedisCommands.flushCommand(call)).isPresent();
    }

    /** The method around {@code call} when it implements {@code command} ({@link KeysWrappers#implementsCommand}). */
    private static Optional<MethodDeclaration> implementation(MethodCallExpr call, String command) {
        return call.findAncestor(MethodDeclaration.class)
                .filter(m -> KeysWrappers.implementsCommand(m, command.toLowerCase(Locale.ROOT)));
    }

    /** The index of the parameter the call's flush option is, or -1 (no option, or one of the method's own). */
    private static int option(MethodCallExpr call, MethodDeclaration method) {
        return call.getArguments().size() == 1 ? parameterIndex(method, call.getArgument(0)) : -1;
    }

    private static int parameterIndex(MethodDeclaration method, Expression argument) {
        return argument instanceof NameExpr name ? KeysWrappers.parameterIndex(method, name.getNameAsString()) : -1;
    }
}
