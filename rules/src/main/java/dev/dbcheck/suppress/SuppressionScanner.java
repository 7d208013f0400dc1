package dev.dbcheck.suppress;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.BlockComment;
import com.github.javaparser.ast.comments.CommentsCollection;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.JavadocComment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.dbcheck.config.PropertiesComments;
import dev.dbcheck.config.YamlComments;
import dev.dbcheck.sql.SqlComments;
import dev.dbcheck.text.CommentReader;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.xml.XmlComments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the suppressions written in one file. Java comments come from the parser (so text inside string literals
 * and text blocks is never mistaken for a comment); SQL, YAML, properties and XML (Liquibase changelog) comments
 * come from the comment reader beside each language's parser, through one table ({@code COMMENTS}).
 *
 * <p>A comment directive alone on its line covers the next line holding code (directives may stack); a directive
 * after code covers its own line. An annotation covers the whole declaration it annotates; its reason is a comment
 * after it on the annotation's last line, or a comment ending on the line directly above the annotation.
 */
public final class SuppressionScanner {

    static final String ALL = "dbcheck";
    static final String PREFIX = "dbcheck:";
    private static final Set<String> SUPPRESS_WARNINGS = Set.of("SuppressWarnings", "java.lang.SuppressWarnings");

    /**
     * A file's comments, when its parse did not attach them to the tree (the engine's parses do not: attaching
     * them costs a walk of every tree, and only this scanner reads comments).
     */
    public static final DataKey<CommentsCollection> PARSED_COMMENTS = new DataKey<>() {};

    private SuppressionScanner() {}

    /** The suppressions of a parsed Java file. */
    public static List<Suppression> java(CompilationUnit cu, String source) {
        if (!source.contains(ALL)) {
            return List.of(); // no suppression can exist: skip the extra walk over the tree and its comments
        }
        List<String> lines = source.lines().toList();
        List<Comment> comments = cu.containsData(PARSED_COMMENTS)
                ? List.copyOf(cu.getData(PARSED_COMMENTS).getComments()) : cu.getAllComments();
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
     * One table from file kind (the name's ending) to its comment syntax; each reader lives beside the parser of
     * its kind, which knows the quoting. Other files have no suppressions.
     */
    private static final Map<String, CommentReader> COMMENTS = Map.of(
            ".sql", SqlComments.READER,
            ".yml", YamlComments.READER,
            ".yaml", YamlComments.READER,
            ".properties", PropertiesComments.READER,
            ".xml", XmlComments.READER);

    /** The suppressions of a non-Java file, by its name (see {@link #COMMENTS}). */
    public static List<Suppression> text(String fileName, String text) {
        Optional<CommentReader> reader = readerFor(fileName);
        if (reader.isEmpty() || !text.contains(ALL)) {
            return List.of();
        }
        List<String> lines = text.lines().toList();
        List<Suppression> out = new ArrayList<>();
        for (dev.dbcheck.text.Comment c : reader.get().comments(text)) {
            CommentDirective.parse(c.text()).ifPresent(d -> out.add(commentSuppression(d, c.line(), c.column(), lines,
                    reader.get()::isCommentLine)));
        }
        out.sort(ORDER);
        return out;
    }

    /** True when {@code fileName} is a kind of file whose comments can hold suppressions. */
    public static boolean supports(String fileName) {
        return readerFor(fileName).isPresent();
    }

    private static Optional<CommentReader> readerFor(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(COMMENTS.get(name.substring(dot)));
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
        Annotations.member(annotation, "value").ifPresent(v -> strings(v, values));
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
}
