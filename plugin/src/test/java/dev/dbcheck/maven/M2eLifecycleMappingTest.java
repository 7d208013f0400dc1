package dev.dbcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The mapping m2e reads from the plugin jar: without it Eclipse reports "plugin execution not covered". */
class M2eLifecycleMappingTest {

    @Test
    void verifyRunsOnIncrementalAndConfigurationBuilds() throws Exception {
        Document doc;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertNotNull(in, "META-INF/m2e/lifecycle-mapping-metadata.xml is not on the plugin's class path");
            doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(in);
        }
        XPath xpath = XPathFactory.newDefaultInstance().newXPath();
        String execution = "/lifecycleMappingMetadata/pluginExecutions/pluginExecution";
        assertEquals("1", xpath.evaluate("count(" + execution + ")", doc));
        assertEquals("verify", xpath.evaluate(execution + "/pluginExecutionFilter/goals/goal", doc));
        assertEquals("true", xpath.evaluate(execution + "/action/execute/runOnIncremental", doc));
        assertEquals("true", xpath.evaluate(execution + "/action/execute/runOnConfiguration", doc));
    }
}
