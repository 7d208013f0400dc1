package dev.dbcheck.xml;

import dev.dbcheck.text.Comment;
import dev.dbcheck.text.CommentReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <!-- -->} comments of XML text (Liquibase changelogs), outside CDATA sections, where the same
 * characters are text ({@link XmlTree} skips comments as non-content). A comment spanning lines is one comment at
 * its start.
 */
public final class XmlComments implements CommentReader {

    public static final XmlComments READER = new XmlComments();

    private XmlComments() {}

    @Override
    public boolean isCommentLine(String line) {
        return line.strip().startsWith("<!--");
    }

    @Override
    public List<Comment> comments(String text) {
        List<Comment> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < text.length()) {
            int stop;
            if (text.startsWith("<![CDATA[", i)) {
                int end = text.indexOf("]]>", i);
                stop = end < 0 ? text.length() : end + 3;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                out.add(new Comment(line, i - lineStart + 1, text.substring(i + 4, end < 0 ? text.length() : end)));
                stop = end < 0 ? text.length() : end + 3;
            } else {
                stop = i + 1;
            }
            for (int k = i; k < stop; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            i = stop;
        }
        return out;
    }
}
