package dev.dbcheck.flow;

import java.util.Optional;
import java.util.Set;

/**
 * How the value produced by one expression is used inside its method: which methods are called on it
 * (directly, through aliases, through {@code join()}/{@code get()} of a future or inside a future's
 * continuation), and whether it escapes the method (returned, passed to a method or constructor, stored in a
 * field or anywhere the method cannot see further), in which case the method is not responsible for it.
 *
 * @param escapes the value (or a future/alias of it) leaves the method
 * @param methodsCalled names of methods called on the value; {@code iterator} when a for-each loop iterates it
 * @param variable the local variable that holds the value, if it is stored in one
 */
public record ValueUse(boolean escapes, Set<String> methodsCalled, Optional<String> variable) {

    public ValueUse {
        methodsCalled = Set.copyOf(methodsCalled);
    }

    /** Whether any of {@code names} is called on the value. */
    public boolean calls(Set<String> names) {
        for (String name : methodsCalled) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the method does anything at all with the value. */
    public boolean isUsed() {
        return escapes || !methodsCalled.isEmpty();
    }
}
