package dev.dbcheck.engine;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.suppress.Suppression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** What the per-file phase produced, gathered in input order. */
final class Outcomes {
    final List<Finding> findings = new ArrayList<>();
    final List<ProcessingError> errors = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();
    final Map<Path, List<Suppression>> suppressions = new HashMap<>();
    final Set<Path> scanned = new java.util.LinkedHashSet<>();
    final AtomicInteger reused = new AtomicInteger();
}
