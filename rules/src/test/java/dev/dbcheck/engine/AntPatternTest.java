package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AntPatternTest {

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() {
        AntPattern p = new AntPattern("**/*.java");
        assertTrue(p.matches("A.java"));
        assertTrue(p.matches("a/b/C.java"));
        assertFalse(p.matches("a/b/C.javax"));
    }

    @Test
    void singleStarStaysWithinOneDirectory() {
        AntPattern p = new AntPattern("com/*/Repo.java");
        assertTrue(p.matches("com/acme/Repo.java"));
        assertFalse(p.matches("com/acme/x/Repo.java"));
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        AntPattern p = new AntPattern("generated/");
        assertTrue(p.matches("generated/a/B.java"));
        assertFalse(p.matches("src/generated/B.java"));
    }

    @Test
    void questionMarkIsOneCharacterAndDotsAreLiteral() {
        AntPattern p = new AntPattern("V?.sql");
        assertTrue(p.matches("V1.sql"));
        assertFalse(p.matches("V12.sql"));
        assertFalse(p.matches("V1xsql"));
    }

    @Test
    void middleDoubleStar() {
        AntPattern p = new AntPattern("src/**/gen/*.java");
        assertTrue(p.matches("src/gen/A.java"));
        assertTrue(p.matches("src/a/b/gen/A.java"));
        assertFalse(p.matches("src/a/gen/b/A.java"));
    }
}
