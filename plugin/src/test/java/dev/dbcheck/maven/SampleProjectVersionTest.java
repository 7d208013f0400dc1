package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The sample project names the plugin with a literal version (so a newcomer can run it after {@code mvn
 * install}); this keeps that literal equal to the version being built.
 */
class SampleProjectVersionTest {

    @Test
    void samplePomUsesThisPluginVersion() throws Exception {
        String testProjects = System.getProperty("dbcheck.testProjects");
        assertNotNull(testProjects, "surefire sets dbcheck.testProjects");
        Path pom = Path.of(testProjects, "sample-service", "pom.xml");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        String declared = null;
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("dbcheck-maven-plugin") && text(plugin, "groupId").equals("dev.dbcheck")) {
                declared = text(plugin, "version");
            }
        }
        assertEquals(descriptorVersion(), declared, "plugin version in " + pom);
    }

    /** The version in the generated plugin descriptor: the build's own version, not a copy of it. */
    private static String descriptorVersion() throws Exception {
        try (InputStream in = SampleProjectVersionTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "plugin descriptor on the test classpath");
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<artifactId>dbcheck-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(xml);
            assertEquals(true, m.find(), "version in the plugin descriptor");
            assertEquals(System.getProperty("dbcheck.version"), m.group(1));
            return m.group(1);
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
