package dev.dbcheck.text;

import java.util.List;

/**
 * The comment syntax of one kind of file, kept beside that file kind's parser (which knows its quoting): the
 * comments of a text, and whether a line holds nothing but a comment.
 */
public interface CommentReader {

    /** The comments of {@code text}, in order. */
    List<Comment> comments(String text);

    /** True when {@code line} holds a comment and no code (such a line does not end a run of directives). */
    boolean isCommentLine(String line);
}
