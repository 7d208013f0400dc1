package dev.dbcheck.xml;

import dev.dbcheck.text.LineIndex;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML element tree with source positions, read with StAX: no DTD is loaded and no external entity
 * resolved (mapper files declare a DTD on the web; nothing is fetched). Element and attribute names are
 * local names, without namespace. Positions are 1-based; an element's position is the {@code <} of its
 * start tag, a text's position is its first character.
 */
public final class XmlTree {

    private XmlTree() {}

    /** A child of an element: an {@link Element} or a {@link Text}. */
    public sealed interface Content permits Element, Text {}

    /** Character data (text or CDATA content) and where it starts in the file. */
    public record Text(String text, int line, int column) implements Content {}

    public record Element(String name, Map<String, String> attributes, List<Content> children, int line, int column)
            implements Content {

        public Optional<String> attribute(String attributeName) {
            return Optional.ofNullable(attributes.get(attributeName));
        }

        public List<Element> elements() {
            List<Element> out = new ArrayList<>();
            for (Content c : children) {
                if (c instanceof Element e) {
                    out.add(e);
                }
            }
            return out;
        }

        public List<Element> elements(String childName) {
            return elements().stream().filter(e -> e.name().equals(childName)).toList();
        }

        /** All character data below this element, in document order. */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Content c : children) {
                if (c instanceof Text t) {
                    out.append(t.text());
                } else if (c instanceof Element e) {
                    out.append(e.text());
                }
            }
            return out.toString();
        }
    }

    private static final XMLInputFactory FACTORY = createFactory();

    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** Parses {@code xml} into its root element. */
    public static Element parse(String xml) throws XMLStreamException {
        XMLStreamReader reader;
        synchronized (FACTORY) {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
        }
        LineIndex lines = LineIndex.of(xml);
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        // StAX reports where an event ends; the next event starts there.
        int offset = 0;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                int start = offset;
                offset = lines.offsetOf(reader.getLocation().getLineNumber(),
                        reader.getLocation().getColumnNumber(), xml.length());
                if (event == XMLStreamConstants.CHARACTERS && offset > 0 && xml.charAt(offset - 1) == '<') {
                    // The reader has looked ahead at the '<' that ends the text.
                    offset--;
                }
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        // '<' cannot occur in attribute values: the last one before the tag's end opens it.
                        int lt = offset > 0 ? xml.lastIndexOf('<', offset - 1) : -1;
                        int at = lt < start ? start : lt;
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        Element e = new Element(reader.getLocalName(), attributes, new ArrayList<>(),
                                lines.lineOf(at), lines.columnOf(at));
                        if (open.isEmpty()) {
                            root = e;
                        } else {
                            open.peek().children().add(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                            XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            int at = start;
                            if (xml.startsWith("<![CDATA[", at)) {
                                at += "<![CDATA[".length();
                            }
                            open.peek().children().add(new Text(reader.getText(), lines.lineOf(at),
                                    lines.columnOf(at)));
                        }
                    }
                    default -> {
                        // comments, processing instructions, DTD: not content
                    }
                }
            }
        } finally {
            reader.close();
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }
}
