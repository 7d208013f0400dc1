package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolVersionTest {

    @Test
    void versionIsFilteredFromThePom() {
        String version = ToolVersion.current();
        // A "${project.version}" here would mean resource filtering is off.
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), version);
    }
}
