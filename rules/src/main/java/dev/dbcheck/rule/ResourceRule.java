package dev.dbcheck.rule;

/**
 * A rule over non-Java files found under resource roots (and other configured folders): Spring/Quarkus/
 * Micronaut configuration, SQL migrations, Liquibase changelogs, Kubernetes manifests.
 */
public interface ResourceRule extends Rule {

    /** Whether this rule reads the file; decided from its name and path alone, before reading it. */
    boolean appliesTo(ResourceFile file);

    void analyze(ResourceFile file, ResourceContext context);
}
