package dev.dbcheck.flow;

import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.Optional;

/**
 * How a loop waits between its iterations, as far as the method's source tells.
 *
 * @param delay what the wait does across attempts
 * @param jittered the wait involves a random number (Random, ThreadLocalRandom, Math.random, ...)
 * @param bounded the loop stops after a number of attempts or at a deadline, whatever happens
 * @param sleep the call that waits, if any
 */
public record Backoff(Delay delay, boolean jittered, boolean bounded, Optional<MethodCallExpr> sleep) {

    /** The shape of the wait. */
    public enum Delay {
        /** The loop never waits. */
        NONE,
        /** It waits the same compile-time constant time before every attempt. */
        CONSTANT,
        /** The wait grows with the attempt (shift, multiplication by a changing value, pow, compound growth). */
        GROWING,
        /** It waits, but the source does not show how long (a parameter, a value computed elsewhere). */
        UNKNOWN
    }
}
