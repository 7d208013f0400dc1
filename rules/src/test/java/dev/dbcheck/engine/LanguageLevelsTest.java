package dev.dbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import org.junit.jupiter.api.Test;

class LanguageLevelsTest {

    @Test
    void releaseNumbersAndLegacyNames() {
        assertEquals(LanguageLevel.JAVA_17, LanguageLevels.parse("17"));
        assertEquals(LanguageLevel.JAVA_8, LanguageLevels.parse("1.8"));
        assertEquals(LanguageLevel.JAVA_8, LanguageLevels.parse("8"));
        assertEquals(LanguageLevel.JAVA_21, LanguageLevels.parse("JAVA_21"));
    }

    @Test
    void defaultIsTheNewestNonPreviewLevel() {
        LanguageLevel newest = LanguageLevels.parse(null);
        assertEquals(newest, LanguageLevels.newest());
        assertEquals(true, LanguageLevels.release(newest) >= 21);
    }

    @Test
    void aReleaseNewerThanTheParserUsesItsNewestLevel() {
        assertEquals(LanguageLevels.newest(), LanguageLevels.parse("99"));
    }

    @Test
    void garbageIsRejectedWithTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LanguageLevels.parse("x17"));
        assertEquals(true, e.getMessage().startsWith("'x17' is not a Java release; accepted values: 5, 6"));
    }
}
