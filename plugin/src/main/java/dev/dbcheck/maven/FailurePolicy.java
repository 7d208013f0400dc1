package dev.dbcheck.maven;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.Severity;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The build gate: which findings fail the build ({@code failOn}). Processing errors never fail it, like PMD's
 * default {@code skipPmdError=true}: one unparseable file must not block every build.
 */
final class FailurePolicy {

    static final String NONE = "none";

    /** The threshold, or null for {@code none}. */
    private final Severity threshold;

    private FailurePolicy(Severity threshold) {
        this.threshold = threshold;
    }

    /**
     * Parses {@code failOn}.
     *
     * @throws IllegalArgumentException when the value is not a severity or {@code none}
     */
    static FailurePolicy parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(NONE)) {
            return new FailurePolicy(null);
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(v)) {
                return new FailurePolicy(s);
            }
        }
        throw new IllegalArgumentException("not a severity");
    }

    static String acceptedValues() {
        return Severity.acceptedValues() + ", " + NONE;
    }

    /** The configured value, as the user would type it. */
    String id() {
        return threshold == null ? NONE : threshold.id();
    }

    /**
     * The failure message when findings at or above the threshold exist, else empty.
     *
     * @param reportDirectory where the reports were written, so the message can point there; null when none were
     */
    Optional<String> failureMessage(List<Finding> findings, Path reportDirectory) {
        if (threshold == null) {
            return Optional.empty();
        }
        Map<Severity, Long> failing = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            if (f.severity().isAtLeast(threshold)) {
                failing.merge(f.severity(), 1L, Long::sum);
            }
        }
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        long total = failing.values().stream().mapToLong(Long::longValue).sum();
        return Optional.of("dbcheck found " + ConsoleReporter.plural(total, "finding") + " at or above "
                + threshold.id() + " (" + breakdown(failing) + ")."
                + (reportDirectory == null ? "" : " Reports: " + reportDirectory));
    }

    /** "1 error, 2 warning": counts per severity, most severe first. */
    static String breakdown(Map<Severity, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().id())
                .collect(Collectors.joining(", "));
    }
}
