package dev.dbcheck.rule;

/**
 * A rule that decides after every file has been analysed, from the {@link Fact}s that it (or other rules)
 * recorded per file. Used where one file alone cannot tell, such as the connection budget of a service.
 */
public interface ProjectRule extends Rule {

    void finish(ProjectContext context);
}
