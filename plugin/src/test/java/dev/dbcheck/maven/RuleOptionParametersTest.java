package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Rule options are declared once, beside their rules; the Mojo has one field per declaration (Maven binds
 * parameters to fields). These tests fail when the two drift apart: a declaration without its parameter, a
 * parameter left behind by a removed option, a property or description that differs from the declaration.
 */
class RuleOptionParametersTest {

    /** String parameters of the Mojo that are the plugin's own, not rule options. */
    private static final Set<String> PLUGIN_STRING_PARAMETERS = Set.of("languageLevel", "encoding", "disabledRules");

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    @Test
    void everyDeclaredOptionIsAMojoFieldAndNoFieldIsLeftOver() {
        Set<String> declared = RuleRegistry.options().stream().map(RuleMetadata.RuleOption::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> fields = Arrays.stream(AbstractDbcheckMojo.class.getDeclaredFields())
                .filter(f -> f.getType() == String.class && !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).filter(n -> !PLUGIN_STRING_PARAMETERS.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, fields);
    }

    @Test
    void pluginDescriptorHasEachOptionWithItsPropertyAndItsDescription() throws Exception {
        String xml = Files.readString(DESCRIPTOR);
        for (String goal : new String[] {"verify", "baseline"}) {
            String mojo = mojoSection(xml, goal);
            for (RuleMetadata.RuleOption<?> o : RuleRegistry.options()) {
                assertTrue(mojo.contains("<" + o.name() + " implementation=\"java.lang.String\">${dbcheck." + o.name()
                        + "}</" + o.name() + ">"), goal + " has no parameter " + o.name() + " with property dbcheck."
                        + o.name());
                Matcher d = Pattern.compile("<name>" + o.name() + "</name>.*?<description>(.*?)</description>",
                        Pattern.DOTALL).matcher(mojo);
                assertTrue(d.find(), goal + ": no description for " + o.name());
                assertEquals(o.description().replace("`", ""), unescape(d.group(1)).replaceAll("\\s+", " ").trim(),
                        "the Javadoc of AbstractDbcheckMojo." + o.name() + " must say what its declaration says");
            }
        }
    }

    @Test
    void valuesAreCheckedByTheirDeclarationsWithTheSharedMessage() throws Exception {
        Map<String, String> given = Map.of("maxPoolSize", " 30 ", "connectionBudget", "0.5");
        assertEquals(Map.of("connectionBudget", "0.5", "maxPoolSize", " 30 "),
                Parameters.ruleOptions(given::get).asMap());
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Parameters.ruleOptions(Map.of("connectionBudget", "80")::get));
        assertEquals("Invalid dbcheck parameter connectionBudget='80': accepted values are numbers above 0 and at "
                + "most 1 (a share, such as 0.8)", e.getMessage());
    }

    private static String unescape(String xmlText) {
        return xmlText.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String mojoSection(String xml, String goal) {
        int start = xml.indexOf("<goal>" + goal + "</goal>");
        assertTrue(start > 0, "no goal " + goal + " in " + DESCRIPTOR);
        int end = xml.indexOf("</mojo>", start);
        return xml.substring(start, end);
    }
}
