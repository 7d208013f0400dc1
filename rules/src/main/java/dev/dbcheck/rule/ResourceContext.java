package dev.dbcheck.rule;

/** What a {@link ResourceRule} can do with the file it is analysing. Bound to one rule and one file. */
public interface ResourceContext {

    ResourceFile file();

    AnalysisOptions options();

    /** Reports a finding; positions are 1-based, the end column inclusive. */
    void report(int line, int column, int endLine, int endColumn, String message);

    /**
     * Reports a finding at a severity the rule chose for this finding (a rule option for one kind of case) rather
     * than its default; a per-rule severity override does not change it.
     */
    void report(int line, int column, int endLine, int endColumn, dev.dbcheck.finding.Severity severity,
            String message);

    /** Reports a finding at {@code severity} with its details (console sentence, evidence, path). */
    void report(int line, int column, int endLine, int endColumn, dev.dbcheck.finding.Severity severity,
            String message, dev.dbcheck.finding.Details details);

    /** Records a fact for a {@link ProjectRule}. */
    void addFact(String kind, int line, int column, java.util.Map<String, String> data);

    /** Records a typed fact (a record, see {@link Fact#as}) at a position of this file. */
    default void addFact(int line, int column, Record value) {
        addFact(Fact.kindOf(value.getClass()), line, column, FactRecords.encode(value));
    }

    /** Reports that part of the file could not be analysed (it is not a finding). */
    void processingError(int line, int column, String reason);
}
