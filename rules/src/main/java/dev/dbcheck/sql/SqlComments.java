package dev.dbcheck.sql;

import dev.dbcheck.text.Comment;
import dev.dbcheck.text.CommentReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --} comments of SQL text, outside quotes, identifiers in double quotes and {@code /* * /} blocks
 * (the quoting {@link SqlSplitter} also honours). One lexer per line: a quote left open does not carry over.
 */
public final class SqlComments implements CommentReader {

    public static final SqlComments READER = new SqlComments();

    private SqlComments() {}

    @Override
    public boolean isCommentLine(String line) {
        return line.strip().startsWith("--");
    }

    @Override
    public List<Comment> comments(String text) {
        List<Comment> out = new ArrayList<>();
        boolean inBlock = false;
        List<String> lines = text.lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            char quote = 0;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                char next = i + 1 < l.length() ? l.charAt(i + 1) : 0;
                if (inBlock) {
                    if (c == '*' && next == '/') {
                        inBlock = false;
                        i++;
                    }
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0; // a doubled quote ('') closes and reopens: same state after two characters
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '/' && next == '*') {
                    inBlock = true;
                    i++;
                } else if (c == '-' && next == '-') {
                    out.add(new Comment(n + 1, i + 1, l.substring(i + 2)));
                    break;
                }
            }
        }
        return out;
    }
}
