package dev.dbcheck.suppress;

import dev.dbcheck.finding.Finding;
import java.util.Objects;

/**
 * A finding that a suppression in source excused. It stays in the result (the summary counts it, SARIF lists it
 * as a suppressed result) but never fails the build.
 *
 * @param justification the reason written with the suppression, or null when none was given (that suppression is
 *     reported by {@code SuppressionWithoutReason})
 */
public record SuppressedFinding(Finding finding, Suppression.Kind kind, String justification) {

    public SuppressedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(kind, "kind");
    }
}
