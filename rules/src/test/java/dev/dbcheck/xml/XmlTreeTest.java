package dev.dbcheck.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class XmlTreeTest {

    @Test
    void elementsAndTextsKeepTheirPositions() throws Exception {
        XmlTree.Element root = XmlTree.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="a.B">
                  <!-- a comment -->
                  <delete id="x">
                    DELETE FROM t &amp; u
                  </delete>
                  <update id="y"><![CDATA[UPDATE t SET a = 1 WHERE b < 2]]></update>
                </mapper>
                """);
        assertEquals("mapper", root.name());
        assertEquals(3, root.line());
        XmlTree.Element delete = root.elements("delete").get(0);
        assertEquals(5, delete.line());
        assertEquals(3, delete.column());
        assertEquals("x", delete.attribute("id").orElseThrow());
        XmlTree.Text text = (XmlTree.Text) delete.children().get(0);
        assertEquals(5, text.line());
        assertEquals(18, text.column());
        assertEquals("DELETE FROM t & u", delete.text().strip());
        XmlTree.Element update = root.elements("update").get(0);
        XmlTree.Text cdata = (XmlTree.Text) update.children().get(0);
        assertEquals(8, cdata.line());
        assertEquals(27, cdata.column());
        assertEquals("UPDATE t SET a = 1 WHERE b < 2", update.text());
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        assertThrows(XMLStreamException.class, () -> XmlTree.parse("""
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <r>&x;</r>
                """));
    }
}
