package dev.dbcheck.suppress;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rules.suppression.SuppressionWithoutReason;
import dev.dbcheck.rules.suppression.UnknownRuleInSuppression;
import dev.dbcheck.rules.suppression.UnusedSuppression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the suppressions written in source to every finding of an analysis (Java, resource and project rules
 * alike) and reports the suppressions that cannot be trusted: without a reason, naming an unknown rule, or
 * matching nothing. Those reports come from the meta rules in {@code dev.dbcheck.rules.suppression}, only when
 * they are among the rules that ran; their own findings cannot be suppressed (a suppression of the suppression
 * checks would make them pointless), only disabled.
 */
public final class Suppressions {

    /** What applying the suppressions left: findings still reported (plus the meta rules'), and the excused ones. */
    public record Applied(List<Finding> findings, List<SuppressedFinding> suppressed) {}

    private Suppressions() {}

    /**
     * @param findings every finding of the analysis
     * @param byFile the suppressions of each analysed file
     * @param ran the rules that ran (unused suppressions are reported only for these)
     * @param known every rule id dbcheck knows (ids outside it are reported as unknown)
     */
    public static Applied apply(List<Finding> findings, Map<Path, List<Suppression>> byFile, List<Rule> ran,
            Set<String> known) {
        Map<String, Rule> ranById = new HashMap<>();
        for (Rule r : ran) {
            ranById.put(r.id(), r);
        }
        Set<String> meta = Set.of(SuppressionWithoutReason.ID, UnusedSuppression.ID, UnknownRuleInSuppression.ID);
        // used.get(suppression) holds the ids (or ALL) that excused at least one finding
        Map<Suppression, Set<String>> used = new java.util.IdentityHashMap<>();
        List<Finding> kept = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        for (Finding f : findings) {
            Optional<Suppression> by = meta.contains(f.ruleId()) ? Optional.empty()
                    : matching(f, byFile.getOrDefault(f.file(), List.of()), used);
            if (by.isPresent()) {
                suppressed.add(new SuppressedFinding(f, by.get().kind(), by.get().justification()));
            } else {
                kept.add(f);
            }
        }
        Rule withoutReason = ranById.get(SuppressionWithoutReason.ID);
        Rule unused = ranById.get(UnusedSuppression.ID);
        Rule unknown = ranById.get(UnknownRuleInSuppression.ID);
        for (Map.Entry<Path, List<Suppression>> e : byFile.entrySet()) {
            Path file = e.getKey();
            for (Suppression s : e.getValue()) {
                Set<String> usedIds = used.getOrDefault(s, Set.of());
                if (withoutReason != null && s.justification() == null) {
                    kept.add(at(withoutReason, file, s, SuppressionWithoutReason.message(s)));
                }
                if (s.coversAllRules()) {
                    if (unused != null && usedIds.isEmpty()) {
                        kept.add(at(unused, file, s, UnusedSuppression.message(s, null)));
                    }
                    continue;
                }
                for (String id : s.ruleIds()) {
                    if (!known.contains(id) && !ranById.containsKey(id)) {
                        if (unknown != null) {
                            kept.add(at(unknown, file, s, UnknownRuleInSuppression.message(id, known)));
                        }
                    } else if (unused != null && ranById.containsKey(id) && !usedIds.contains(id)) {
                        // Includes suppressions of the meta rules themselves: they never excuse anything.
                        kept.add(at(unused, file, s, UnusedSuppression.message(s, id)));
                    }
                }
            }
        }
        kept.sort(Finding.ORDER);
        suppressed.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        return new Applied(kept, suppressed);
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
            used.computeIfAbsent(best, k -> new HashSet<>()).add(best.coversAllRules() ? "*" : f.ruleId());
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

    private static Finding at(Rule rule, Path file, Suppression s, String message) {
        return new Finding(rule.id(), rule.metadata().family(), rule.metadata().defaultSeverity(), message, file,
                s.line(), s.column(), s.line(), s.column());
    }
}
