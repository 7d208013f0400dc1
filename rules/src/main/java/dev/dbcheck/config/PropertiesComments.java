package dev.dbcheck.config;

import dev.dbcheck.text.Comment;
import dev.dbcheck.text.CommentReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The comment lines of {@code .properties} text, as {@link PropertiesParser} skips them: {@code #} or {@code !}
 * first on a line that does not continue the previous value.
 */
public final class PropertiesComments implements CommentReader {

    public static final PropertiesComments READER = new PropertiesComments();

    private PropertiesComments() {}

    @Override
    public boolean isCommentLine(String line) {
        String s = line.strip();
        return s.startsWith("#") || s.startsWith("!");
    }

    @Override
    public List<Comment> comments(String text) {
        List<Comment> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        boolean continuation = false;
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            String s = l.stripLeading();
            if (!continuation && (s.startsWith("#") || s.startsWith("!"))) {
                out.add(new Comment(n + 1, l.length() - s.length() + 1, s.substring(1)));
                continue;
            }
            continuation = !s.isEmpty() && endsWithOddBackslashes(l);
        }
        return out;
    }

    private static boolean endsWithOddBackslashes(String l) {
        int count = 0;
        for (int i = l.length() - 1; i >= 0 && l.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }
}
