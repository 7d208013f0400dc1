package dev.dbcheck.suppress;

import dev.dbcheck.finding.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the suppressions written in source to every finding of an analysis (Java, resource and project rules
 * alike) and records which suppression excused what. Judging the suppressions themselves (no reason, unknown
 * rule, matching nothing) is the work of the suppression rules, which the engine runs afterwards over this
 * outcome; their own findings come later, so they can never be suppressed (only disabled).
 */
public final class Suppressions {

    /**
     * What applying the suppressions left.
     *
     * @param findings the findings still reported, sorted
     * @param suppressed the excused ones, sorted
     * @param byFile the suppressions of each analysed file
     * @param used for each suppression that excused something, the rule ids it excused ({@link #ALL_RULES} for a
     *     suppression of every rule)
     */
    public record Applied(List<Finding> findings, List<SuppressedFinding> suppressed,
            Map<Path, List<Suppression>> byFile, Map<Suppression, Set<String>> used) {

        /** The rule ids {@code s} excused a finding of; empty when it excused nothing. */
        public Set<String> usedIds(Suppression s) {
            return used.getOrDefault(s, Set.of());
        }
    }

    /** What {@link Applied#used} holds for a suppression of every rule that excused a finding. */
    public static final String ALL_RULES = "*";

    private Suppressions() {}

    /**
     * @param findings every finding of the analysis
     * @param byFile the suppressions of each analysed file
     */
    public static Applied apply(List<Finding> findings, Map<Path, List<Suppression>> byFile) {
        // Identity: two suppressions written alike on different lines are still two suppressions.
        Map<Suppression, Set<String>> used = new IdentityHashMap<>();
        List<Finding> kept = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        for (Finding f : findings) {
            Optional<Suppression> by = matching(f, byFile.getOrDefault(f.file(), List.of()), used);
            if (by.isPresent()) {
                suppressed.add(new SuppressedFinding(f, by.get().kind(), by.get().justification()));
            } else {
                kept.add(f);
            }
        }
        kept.sort(Finding.ORDER);
        suppressed.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        return new Applied(kept, suppressed, Map.copyOf(byFile), Collections.unmodifiableMap(used));
    }

    /**
     * The suppression excusing {@code f}: a comment before an annotation (the narrowest scope wins, so the
     * suppression closest to the code is the one that counts as used).
     */
    private static Optional<Suppression> matching(Finding f, List<Suppression> candidates,
            Map<Suppression, Set<String>> used) {
        Suppression best = null;
        for (Suppression s : candidates) {
            if ((s.coversAllRules() || s.ruleIds().contains(f.ruleId()))
                    && s.scope().contains(f.beginLine(), f.beginColumn())
                    && (best == null || narrower(s, best))) {
                best = s;
            }
        }
        if (best != null) {
            used.computeIfAbsent(best, k -> new HashSet<>()).add(best.coversAllRules() ? ALL_RULES : f.ruleId());
        }
        return Optional.ofNullable(best);
    }

    private static boolean narrower(Suppression a, Suppression b) {
        int spanA = a.scope().endLine() - a.scope().beginLine();
        int spanB = b.scope().endLine() - b.scope().beginLine();
        if (spanA != spanB) {
            return spanA < spanB;
        }
        return !a.coversAllRules() && b.coversAllRules();
    }
}
