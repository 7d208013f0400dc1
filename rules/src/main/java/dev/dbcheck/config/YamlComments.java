package dev.dbcheck.config;

import dev.dbcheck.text.Comment;
import dev.dbcheck.text.CommentReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code #} comments of YAML text ({@link YamlParser} asks SnakeYAML to drop them): at the start of a line or
 * after whitespace, outside quoted scalars and outside the body of block scalars ({@code |} and {@code >}), where
 * {@code #} is text.
 */
public final class YamlComments implements CommentReader {

    public static final YamlComments READER = new YamlComments();

    private YamlComments() {}

    @Override
    public boolean isCommentLine(String line) {
        return line.strip().startsWith("#");
    }

    @Override
    public List<Comment> comments(String text) {
        List<Comment> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int blockIndent = -1; // inside a block scalar: lines indented more than this are its text
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            int indent = indentOf(l);
            if (blockIndent >= 0) {
                if (l.isBlank() || indent > blockIndent) {
                    continue;
                }
                blockIndent = -1;
            }
            char quote = 0;
            int commentAt = -1;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"') {
                        i++;
                    }
                } else if ((c == '\'' || c == '"') && (i == 0 || " \t:-[{,".indexOf(l.charAt(i - 1)) >= 0)) {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(l.charAt(i - 1)))) {
                    commentAt = i;
                    break;
                }
            }
            String code = commentAt < 0 ? l : l.substring(0, commentAt);
            if (commentAt >= 0) {
                out.add(new Comment(n + 1, commentAt + 1, l.substring(commentAt + 1)));
            }
            if (code.stripTrailing().matches(".*(:|-)\\s+[|>][+-]?\\d*|[|>][+-]?\\d*")) {
                blockIndent = indent;
            }
        }
        return out;
    }

    private static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
