package dev.dbcheck.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.rule.RuleMetadata.InvalidOptionException;
import dev.dbcheck.rule.RuleMetadata.RuleOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleOptionTest {

    private static final RuleOption<Integer> SIZE = RuleOption.wholeNumber("size", 1, "A size.").withDefault(50);
    private static final RuleOption<Double> SHARE = RuleOption.fraction("share", "A share.");

    enum Colour { RED, DARK_BLUE }

    private static final RuleOption<Colour> COLOUR = RuleOption.oneOf("colour", colours(), "A colour.")
            .whenUnset("the house colour");

    private static Map<String, Colour> colours() {
        Map<String, Colour> m = new LinkedHashMap<>();
        m.put("red", Colour.RED);
        m.put("dark-blue", Colour.DARK_BLUE);
        return m;
    }

    @Test
    void valuesAreParsedTrimmedAndDefaulted() {
        AnalysisOptions options = new AnalysisOptions(Map.of("size", " 30 ", "share", "0.25", "colour", "Dark-Blue"));
        assertEquals(30, options.value(SIZE));
        assertEquals(Optional.of(0.25), options.get(SHARE));
        assertEquals(Optional.of(Colour.DARK_BLUE), options.get(COLOUR));
        AnalysisOptions none = AnalysisOptions.none();
        assertEquals(50, none.value(SIZE));
        assertEquals(Optional.empty(), none.get(SHARE));
        assertThrows(IllegalStateException.class, () -> none.value(SHARE));
    }

    @Test
    void wrongValuesNameTheOptionAndWhatItAccepts() {
        InvalidOptionException zero = assertThrows(InvalidOptionException.class,
                () -> new AnalysisOptions(Map.of("size", "0")).get(SIZE));
        assertEquals("Parameter 'size' does not accept '0'; accepted values: whole numbers of at least 1",
                zero.getMessage());
        assertEquals("size", zero.option());
        assertEquals("0", zero.value());
        assertThrows(InvalidOptionException.class, () -> SIZE.parse("many"));
        assertThrows(InvalidOptionException.class, () -> SHARE.parse("80"));
        assertThrows(InvalidOptionException.class, () -> SHARE.parse("0"));
        assertEquals(1.0, SHARE.parse("1"));
        InvalidOptionException colour = assertThrows(InvalidOptionException.class, () -> COLOUR.parse("green"));
        assertEquals("Parameter 'colour' does not accept 'green'; accepted values: red, dark-blue",
                colour.getMessage());
    }

    @Test
    void docsShowTheDefaultOrWhatAppliesWhenUnset() {
        assertEquals("50", SIZE.defaultValue());
        assertEquals("the house colour", COLOUR.defaultValue());
        assertEquals(null, SHARE.defaultValue());
        assertEquals("A colour.", COLOUR.description());
    }

    @Test
    void settingsDerivedFromOptionsAreComputedOnce() {
        AnalysisOptions options = new AnalysisOptions(Map.of("size", "7"));
        AtomicInteger parses = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertEquals(14, (int) options.parsed("twice", o -> {
                parses.incrementAndGet();
                return o.value(SIZE) * 2;
            }));
        }
        assertEquals(1, parses.get());
    }

    @Test
    void aRuleValidatesItsDeclaredOptionsByDefault() {
        Rule rule = () -> RuleMetadata.builder("Probe").family(dev.dbcheck.finding.Family.CONNECTION_POOL)
                .severity(dev.dbcheck.finding.Severity.INFO).summary("s").explanation("e").fix("f")
                .badExample("b();").goodExample("g();").options(SIZE, SHARE).build();
        rule.validate(new AnalysisOptions(Map.of("size", "3")));
        assertThrows(InvalidOptionException.class, () -> rule.validate(new AnalysisOptions(Map.of("share", "2"))));
    }

    @Test
    void anOptionIsDeclaredOncePerRule() {
        assertThrows(IllegalArgumentException.class, () -> RuleMetadata.builder("Probe")
                .family(dev.dbcheck.finding.Family.CONNECTION_POOL).severity(dev.dbcheck.finding.Severity.INFO)
                .summary("s").explanation("e").fix("f").badExample("b();").goodExample("g();")
                .options(SIZE, RuleOption.wholeNumber("size", 0, "Again.")).build());
    }
}
