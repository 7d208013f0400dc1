package dev.dbcheck.engine;

import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.suppress.Suppression;
import java.util.ArrayList;
import java.util.List;

/** What the analysis of one file produced. Filled by one thread, then merged. */
final class FileOutcome {
    final List<Finding> findings = new ArrayList<>();
    final List<ProcessingError> errors = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();
    /** The suppressions written in the file (they depend on its content only, so they are cached with it). */
    final List<Suppression> suppressions = new ArrayList<>();
}
