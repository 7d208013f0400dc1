package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** Which sibling modules' sources a module's model reads, from the POMs alone. */
class ReactorDependenciesTest {

    private static final Path ROOT = Path.of("/build").toAbsolutePath();

    private static MavenProject module(String artifactId) {
        Model model = new Model();
        model.setGroupId("com.acme.shop");
        model.setArtifactId(artifactId);
        model.setVersion("1.0-SNAPSHOT");
        MavenProject p = new MavenProject(model);
        Path dir = ROOT.resolve(artifactId);
        p.setFile(dir.resolve("pom.xml").toFile());
        p.addCompileSourceRoot(dir.resolve("src/main/java").toString());
        p.addTestCompileSourceRoot(dir.resolve("src/test/java").toString());
        return p;
    }

    private static Dependency dependsOn(MavenProject on, String scope) {
        return dependency(on.getGroupId(), on.getArtifactId(), on.getVersion(), scope);
    }

    private static Dependency dependency(String group, String artifact, String version, String scope) {
        Dependency d = new Dependency();
        d.setGroupId(group);
        d.setArtifactId(artifact);
        d.setVersion(version);
        d.setScope(scope);
        return d;
    }

    private static void add(MavenProject p, Dependency d) {
        List<Dependency> all = new ArrayList<>(p.getDependencies());
        all.add(d);
        p.setDependencies(all);
    }

    private static List<String> roots(ReactorDependencies.Found found) {
        return found.sourceRoots().stream().map(r -> ROOT.relativize(r).toString().replace(File.separatorChar, '/'))
                .toList();
    }

    @Test
    void followsCompileDependenciesTransitivelyInReactorOrder() {
        MavenProject parent = module("parent");
        MavenProject model = module("model");
        MavenProject common = module("common");
        MavenProject orders = module("orders");
        MavenProject users = module("users");
        add(common, dependsOn(model, null));
        add(orders, dependsOn(common, "compile"));
        add(users, dependsOn(orders, null)); // users -> orders -> common -> model
        List<MavenProject> reactor = List.of(parent, model, common, orders, users);

        assertEquals(List.of("model/src/main/java", "common/src/main/java", "orders/src/main/java"),
                roots(ReactorDependencies.of(users, reactor, false)));
        assertEquals(List.of("model/src/main/java"), roots(ReactorDependencies.of(common, reactor, false)));
        assertEquals(List.of(), roots(ReactorDependencies.of(model, reactor, false)));
        // A module no other depends on is no one's dependency: the parent and users are never followed.
        assertEquals(List.of(model, common), ReactorDependencies.of(orders, reactor, true).siblings());
    }

    @Test
    void followsTheCompileClassPathOnly() {
        MavenProject api = module("api");
        MavenProject runtimeOnly = module("runtime-only");
        MavenProject testSupport = module("test-support");
        MavenProject providedOnly = module("provided-only");
        MavenProject optionalLib = module("optional-lib");
        MavenProject excluded = module("excluded");
        MavenProject hidden = module("hidden");
        MavenProject app = module("app");
        add(app, dependsOn(api, null));
        add(app, dependsOn(runtimeOnly, "runtime"));
        add(app, dependsOn(testSupport, "test"));
        // Provided: on this module's class path, but not passed on by api.
        add(app, dependsOn(providedOnly, "provided"));
        add(api, dependsOn(hidden, "provided"));
        Dependency optional = dependsOn(optionalLib, null);
        optional.setOptional(true);
        add(api, optional);
        add(api, dependsOn(excluded, null));
        Dependency apiEdge = app.getDependencies().get(0);
        Exclusion exclusion = new Exclusion();
        exclusion.setGroupId("com.acme.shop");
        exclusion.setArtifactId("excluded");
        apiEdge.addExclusion(exclusion);
        List<MavenProject> reactor = List.of(api, runtimeOnly, testSupport, providedOnly, optionalLib, excluded,
                hidden, app);

        assertEquals(List.of("api/src/main/java", "provided-only/src/main/java"),
                roots(ReactorDependencies.of(app, reactor, false)));
        assertEquals(List.of("api/src/main/java", "test-support/src/main/java", "provided-only/src/main/java"),
                roots(ReactorDependencies.of(app, reactor, true)));
    }

    @Test
    void aTestJarStandsForTheSiblingsTestSources() {
        MavenProject common = module("common");
        MavenProject orders = module("orders");
        Dependency testJar = dependsOn(common, "test");
        testJar.setType("test-jar");
        add(orders, testJar);
        List<MavenProject> reactor = List.of(common, orders);
        assertEquals(List.of(), roots(ReactorDependencies.of(orders, reactor, false)));
        assertEquals(List.of("common/src/test/java"), roots(ReactorDependencies.of(orders, reactor, true)));
    }

    @Test
    void anotherVersionIsNotTheSiblingAndOwnArtifactsOutsideTheBuildAreNamed() {
        MavenProject common = module("common");
        MavenProject orders = module("orders");
        add(orders, dependency("com.acme.shop", "common", "0.9", null));
        add(orders, dependency("com.acme.platform", "acme-redis", "2.3.1", null));
        add(orders, dependency("org.springframework", "spring-jdbc", "6.2.0", null));
        add(orders, dependency("com.acme.platform", "acme-testkit", "2.3.1", "test"));
        ReactorDependencies.Found found = ReactorDependencies.of(orders, List.of(common, orders), false);
        assertEquals(List.of(), found.sourceRoots());
        // Third-party libraries are not listed; test-scoped ones only with includeTests.
        assertEquals(List.of("com.acme.platform:acme-redis:2.3.1", "com.acme.shop:common:0.9"),
                found.notFollowed());
    }

    @Test
    void theOrganisationIsTheFirstTwoSegmentsOfTheGroupId() {
        assertTrue(ReactorDependencies.sameOrganisation("com.acme.shop", "com.acme"));
        assertTrue(ReactorDependencies.sameOrganisation("com.acme.shop", "com.acme.platform.redis"));
        assertFalse(ReactorDependencies.sameOrganisation("com.acme.shop", "com.amazonaws"));
        assertFalse(ReactorDependencies.sameOrganisation("acme", "acme.tools"));
    }
}
