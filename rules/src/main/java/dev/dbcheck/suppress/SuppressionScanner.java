package dev.dbcheck.suppress;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.BlockComment;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.JavadocComment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the suppressions written in one file. Java comments come from the parser (so text inside string literals
 * and text blocks is never mistaken for a comment); SQL, YAML, properties and XML (Liquibase changelog) files are
 * read by small lexers that know those languages' quoting.
 *
 * <p>A comment directive alone on its line covers the next line holding code (directives may stack); a directive
 * after code covers its own line. An annotation covers the whole declaration it annotates; its reason is a comment
 * after it on the annotation's last line, or a comment ending on the line directly above the annotation.
 */
public final class SuppressionScanner {

    static final String ALL = "dbcheck";
    static final String PREFIX = "dbcheck:";
    private static final Set<String> SUPPRESS_WARNINGS = Set.of("SuppressWarnings", "java.lang.SuppressWarnings");

    private SuppressionScanner() {}

    /** The suppressions of a parsed Java file. */
    public static List<Suppression> java(CompilationUnit cu, String source) {
        if (!source.contains(ALL)) {
            return List.of(); // no suppression can exist: skip the extra walk over the tree and its comments
        }
        List<String> lines = source.lines().toList();
        List<Comment> comments = cu.getAllComments();
        List<Suppression> out = new ArrayList<>();
        for (AnnotationExpr annotation : cu.findAll(AnnotationExpr.class,
                a -> SUPPRESS_WARNINGS.contains(a.getNameAsString()))) {
            annotation(annotation, comments, out);
        }
        for (Comment comment : comments) {
            if (comment instanceof JavadocComment || comment.getBegin().isEmpty()) {
                continue;
            }
            Position at = comment.getBegin().get();
            String text = comment instanceof BlockComment ? stripBlock(comment.getContent()) : comment.getContent();
            CommentDirective.parse(text).ifPresent(d -> out.add(commentSuppression(d, at.line, at.column, lines,
                    JAVA_COMMENT_LINE)));
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The suppressions of a non-Java file, by its name: {@code .sql} ({@code --}), {@code .yml}/{@code .yaml}
     * ({@code #}), {@code .properties} ({@code #} or {@code !} starting a line), {@code .xml}
     * ({@code <!-- -->}). Other files have none.
     */
    public static List<Suppression> text(String fileName, String text) {
        if (!text.contains(ALL)) {
            return List.of();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        List<LineComment> comments;
        java.util.function.Predicate<String> commentOnly;
        if (name.endsWith(".sql")) {
            comments = sqlComments(text);
            commentOnly = l -> l.strip().startsWith("--");
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            comments = yamlComments(text);
            commentOnly = l -> l.strip().startsWith("#");
        } else if (name.endsWith(".properties")) {
            comments = propertiesComments(text);
            commentOnly = l -> l.strip().startsWith("#") || l.strip().startsWith("!");
        } else if (name.endsWith(".xml")) {
            comments = xmlComments(text);
            commentOnly = l -> l.strip().startsWith("<!--");
        } else {
            return List.of();
        }
        List<String> lines = text.lines().toList();
        List<Suppression> out = new ArrayList<>();
        for (LineComment c : comments) {
            CommentDirective.parse(c.text()).ifPresent(d -> out.add(commentSuppression(d, c.line(), c.column(), lines,
                    commentOnly)));
        }
        out.sort(ORDER);
        return out;
    }

    /** True when {@code fileName} is a kind of file whose comments can hold suppressions. */
    public static boolean supports(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".sql") || name.endsWith(".yml") || name.endsWith(".yaml")
                || name.endsWith(".properties") || name.endsWith(".xml");
    }

    private static final Comparator<Suppression> ORDER = Comparator.comparingInt(Suppression::line)
            .thenComparingInt(Suppression::column);

    private static final java.util.function.Predicate<String> JAVA_COMMENT_LINE = l -> {
        String s = l.strip();
        return s.startsWith("//") || s.startsWith("/*") || s.startsWith("*");
    };

    // ---- Java annotations ----------------------------------------------------------------------------------

    private static void annotation(AnnotationExpr annotation, List<Comment> comments, List<Suppression> out) {
        Optional<Node> target = annotation.getParentNode();
        if (target.isEmpty() || target.get().getBegin().isEmpty() || target.get().getEnd().isEmpty()) {
            return;
        }
        List<StringLiteralExpr> values = new ArrayList<>();
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            strings(single.getMemberValue(), values);
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals("value")) {
                    strings(pair.getValue(), values);
                }
            }
        }
        Position begin = target.get().getBegin().get();
        Position end = target.get().getEnd().get();
        Suppression.Scope scope = new Suppression.Scope(begin.line, begin.column, end.line, end.column);
        String reason = null;
        boolean first = true;
        for (StringLiteralExpr value : values) {
            String v = value.asString().strip();
            List<String> ids;
            if (v.equals(ALL)) {
                ids = List.of();
            } else if (v.startsWith(PREFIX)) {
                ids = List.of(v.substring(PREFIX.length()).strip());
            } else {
                continue;
            }
            if (first) {
                reason = annotationReason(annotation, comments);
                first = false;
            }
            Position at = value.getBegin().orElse(annotation.getBegin().orElse(begin));
            out.add(new Suppression(Suppression.Kind.ANNOTATION, ids, at.line, at.column, scope, reason));
        }
    }

    private static void strings(Expression value, List<StringLiteralExpr> out) {
        if (value instanceof StringLiteralExpr s) {
            out.add(s);
        } else if (value instanceof ArrayInitializerExpr array) {
            for (Expression e : array.getValues()) {
                strings(e, out);
            }
        }
    }

    /** A comment after the annotation on its last line, else one ending on the line above it (never Javadoc). */
    private static String annotationReason(AnnotationExpr annotation, List<Comment> comments) {
        Position begin = annotation.getBegin().orElse(null);
        Position end = annotation.getEnd().orElse(null);
        if (begin == null || end == null) {
            return null;
        }
        String above = null;
        for (Comment c : comments) {
            if (c instanceof JavadocComment || c.getBegin().isEmpty() || c.getEnd().isEmpty()) {
                continue;
            }
            Position cb = c.getBegin().get();
            Position ce = c.getEnd().get();
            String text = c instanceof BlockComment ? stripBlock(c.getContent()) : c.getContent().strip();
            if (CommentDirective.parse(text).isPresent()) {
                continue;
            }
            if (cb.line == end.line && cb.column > end.column) {
                return text;
            }
            if (ce.line == begin.line - 1) {
                above = text;
            }
        }
        return above;
    }

    private static String stripBlock(String content) {
        StringBuilder sb = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith("*")) {
                s = s.substring(1).strip();
            }
            if (!s.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(s);
            }
        }
        return sb.toString();
    }

    // ---- comment directives --------------------------------------------------------------------------------

    private static Suppression commentSuppression(CommentDirective.Parsed d, int line, int column, List<String> lines,
            java.util.function.Predicate<String> commentOnly) {
        String text = line - 1 < lines.size() ? lines.get(line - 1) : "";
        boolean trailing = !text.substring(0, Math.min(Math.max(0, column - 1), text.length())).isBlank();
        int covered = line;
        if (!trailing) {
            covered = line + 1;
            while (covered <= lines.size() && (lines.get(covered - 1).isBlank()
                    || commentOnly.test(lines.get(covered - 1)))) {
                covered++;
            }
        }
        return new Suppression(Suppression.Kind.COMMENT, d.ruleIds(), line, column,
                Suppression.Scope.lines(covered, covered), d.reason());
    }

    /** A comment's text (without its delimiter) and where the delimiter starts. */
    record LineComment(int line, int column, String text) {}

    /** {@code --} comments outside quotes, identifiers in double quotes and {@code /* * /} blocks. */
    static List<LineComment> sqlComments(String text) {
        List<LineComment> out = new ArrayList<>();
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
                    out.add(new LineComment(n + 1, i + 1, l.substring(i + 2)));
                    break;
                }
            }
            // SQL string literals may span lines; a quote left open carries on only within this simple lexer's line.
        }
        return out;
    }

    /**
     * {@code #} comments: at the start of a line or after whitespace, outside quoted scalars and outside the
     * body of block scalars ({@code |} and {@code >}), where {@code #} is text.
     */
    static List<LineComment> yamlComments(String text) {
        List<LineComment> out = new ArrayList<>();
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
                out.add(new LineComment(n + 1, commentAt + 1, l.substring(commentAt + 1)));
            }
            if (code.stripTrailing().matches(".*(:|-)\\s+[|>][+-]?\\d*|[|>][+-]?\\d*")) {
                blockIndent = indent;
            }
        }
        return out;
    }

    /**
     * {@code <!-- -->} comments (Liquibase changelogs), outside CDATA sections, where the same characters are
     * text. A comment spanning lines is one comment at its start.
     */
    static List<LineComment> xmlComments(String text) {
        List<LineComment> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < text.length()) {
            if (text.startsWith("<![CDATA[", i)) {
                int end = text.indexOf("]]>", i);
                end = end < 0 ? text.length() : end + 3;
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                int contentEnd = end < 0 ? text.length() : end;
                out.add(new LineComment(line, i - lineStart + 1, text.substring(i + 4, contentEnd)));
                int stop = end < 0 ? text.length() : end + 3;
                for (int k = i; k < stop; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = stop;
            } else {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
                i++;
            }
        }
        return out;
    }

    /** Comment lines: {@code #} or {@code !} first on a line that does not continue the previous value. */
    static List<LineComment> propertiesComments(String text) {
        List<LineComment> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        boolean continuation = false;
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            String s = l.stripLeading();
            if (!continuation && (s.startsWith("#") || s.startsWith("!"))) {
                out.add(new LineComment(n + 1, l.length() - s.length() + 1, s.substring(1)));
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

    private static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
