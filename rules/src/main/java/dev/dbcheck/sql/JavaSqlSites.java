package dev.dbcheck.sql;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.ConstantEvaluator;
import dev.dbcheck.xml.XmlTree;
import dev.dbcheck.rule.MemoKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Where Java code hands SQL, JPQL or HQL text to the database: the calls of {@link SqlSinks} and the query
 * annotations (Spring Data, Micronaut Data, Room, MyBatis, JPA named queries). Each site is the text, the
 * language it is in and what runs it; its position is where the text is written ({@link SqlLiteral}).
 */
public final class JavaSqlSites {

    /** The node types at which sites are found. */
    public static final Set<Class<? extends Node>> NODE_TYPES = Set.of(MethodCallExpr.class,
            SingleMemberAnnotationExpr.class, NormalAnnotationExpr.class);

    /** The analysis of each SQL or JPQL text of the file, by language and text. */
    private static final MemoKey<Map<String, DestructiveSql.Result>> ANALYSES = MemoKey.of("SQL text analyses");

    public enum Language { SQL, JPQL }

    /** SQL text at a site: {@code runs} says what runs it ("update() runs ", "@Query runs "). */
    public record Site(Expression literal, String text, Language language, String runs) {

        /**
         * The analysis of the text in its language, done once per file for each text (a constant used at several
         * call sites, or by both destructive-SQL rules, is parsed once).
         */
        public DestructiveSql.Result analyze(JavaContext context) {
            Map<String, DestructiveSql.Result> analyses = context.memo(ANALYSES, HashMap::new);
            return analyses.computeIfAbsent(language + ":" + text,
                    k -> language == Language.JPQL ? Jpql.analyze(text) : DestructiveSql.analyze(text));
        }
    }

    /** An annotation holding a query: the member that holds it and its language. */
    private record QueryAnnotation(String member, Language language) {}

    private static final Map<String, QueryAnnotation> ANNOTATIONS = Map.ofEntries(
            Map.entry("org.springframework.data.jpa.repository.Query", new QueryAnnotation("value", Language.JPQL)),
            Map.entry("io.micronaut.data.annotation.Query", new QueryAnnotation("value", Language.JPQL)),
            Map.entry("org.springframework.data.jdbc.repository.query.Query",
                    new QueryAnnotation("value", Language.SQL)),
            Map.entry("org.springframework.data.r2dbc.repository.Query", new QueryAnnotation("value", Language.SQL)),
            Map.entry("androidx.room.Query", new QueryAnnotation("value", Language.SQL)),
            Map.entry("android.arch.persistence.room.Query", new QueryAnnotation("value", Language.SQL)),
            Map.entry("org.apache.ibatis.annotations.Delete", new QueryAnnotation("value", Language.SQL)),
            Map.entry("org.apache.ibatis.annotations.Update", new QueryAnnotation("value", Language.SQL)),
            Map.entry("org.apache.ibatis.annotations.Select", new QueryAnnotation("value", Language.SQL)),
            Map.entry("jakarta.persistence.NamedQuery", new QueryAnnotation("query", Language.JPQL)),
            Map.entry("javax.persistence.NamedQuery", new QueryAnnotation("query", Language.JPQL)),
            Map.entry("org.hibernate.annotations.NamedQuery", new QueryAnnotation("query", Language.JPQL)),
            Map.entry("jakarta.persistence.NamedNativeQuery", new QueryAnnotation("query", Language.SQL)),
            Map.entry("javax.persistence.NamedNativeQuery", new QueryAnnotation("query", Language.SQL)),
            Map.entry("org.hibernate.annotations.NamedNativeQuery", new QueryAnnotation("query", Language.SQL)));

    private static final Set<String> SIMPLE_NAMES = Set.of("Query", "Delete", "Update", "Select", "NamedQuery",
            "NamedNativeQuery");

    /** Micronaut Data repositories whose {@code @Query} is SQL rather than JPQL. */
    private static final Set<String> SQL_REPOSITORIES = Set.of("io.micronaut.data.jdbc.annotation.JdbcRepository",
            "io.micronaut.data.r2dbc.annotation.R2dbcRepository");

    private JavaSqlSites() {}

    /** The sites at {@code node} (several for {@code batchUpdate("..", "..")}); empty for any other node. */
    public static List<Site> at(Node node, JavaContext context) {
        if (node instanceof MethodCallExpr call) {
            return SqlSinks.of(call, context.types()).map(sink -> calls(call, sink, context)).orElse(List.of());
        }
        if (node instanceof AnnotationExpr annotation) {
            return annotation(annotation, context).map(List::of).orElse(List.of());
        }
        return List.of();
    }

    private static List<Site> calls(MethodCallExpr call, SqlSinks.Sink sink, JavaContext context) {
        List<Site> out = new ArrayList<>();
        List<Expression> arguments = sink.everyArgument() ? call.getArguments() : List.of(call.getArgument(0));
        for (Expression argument : arguments) {
            context.constants().stringValue(argument).ifPresent(text -> out.add(new Site(
                    SqlLiteral.of(argument, context), text, sink.jpql() ? Language.JPQL : Language.SQL,
                    call.getNameAsString() + "() runs ")));
        }
        return out;
    }

    private static Optional<Site> annotation(AnnotationExpr annotation, JavaContext context) {
        if (!SIMPLE_NAMES.contains(annotation.getName().getIdentifier())) {
            return Optional.empty();
        }
        Optional<String> name = context.types().resolveName(annotation.getNameAsString());
        QueryAnnotation kind = name.map(ANNOTATIONS::get).orElse(null);
        if (kind == null) {
            return Optional.empty();
        }
        Expression value = Annotations.member(annotation, kind.member()).orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        Language language = kind.language();
        if (language == Language.JPQL && name.get().endsWith(".Query") && (nativeQuery(annotation, context)
                || inSqlRepository(annotation, context))) {
            language = Language.SQL;
        }
        Language chosen = language;
        return text(value, context.constants()).map(text -> new Site(SqlLiteral.of(value, context), text, chosen,
                "@" + annotation.getName().getIdentifier() + " runs "));
    }

    private static boolean nativeQuery(AnnotationExpr annotation, JavaContext context) {
        return Annotations.member(annotation, "nativeQuery").flatMap(v -> context.constants().value(v))
                .filter(Boolean.TRUE::equals).isPresent();
    }

    private static boolean inSqlRepository(AnnotationExpr annotation, JavaContext context) {
        Optional<TypeDeclaration> type = annotation.findAncestor(TypeDeclaration.class);
        return type.isPresent() && type.get().getAnnotations().stream().anyMatch(a -> context.types()
                .resolveName(((AnnotationExpr) a).getNameAsString()).filter(SQL_REPOSITORIES::contains).isPresent());
    }

    /**
     * The annotation's text: a constant, or MyBatis' array of fragments joined with spaces; a MyBatis
     * {@code <script>} is flattened like a mapper statement.
     */
    private static Optional<String> text(Expression value, ConstantEvaluator constants) {
        Optional<String> text = constant(value, constants);
        if (text.isPresent() && text.get().strip().startsWith("<script>")) {
            try {
                return MyBatisMapper.script(XmlTree.parse(text.get().strip()));
            } catch (XMLStreamException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return text;
    }

    private static Optional<String> constant(Expression value, ConstantEvaluator constants) {
        if (!(value instanceof ArrayInitializerExpr array)) {
            return constants.stringValue(value);
        }
        List<String> parts = new ArrayList<>();
        for (Expression e : array.getValues()) {
            Optional<String> part = constants.stringValue(e);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(String.join(" ", parts));
    }

    /**
     * What a file must contain to hold a site: the names of the sinks' types, the query annotations and the
     * Java-migration base types, read from their constants (see {@link dev.dbcheck.rule.Relevance}).
     */
    public static dev.dbcheck.rule.Relevance relevance() {
        return dev.dbcheck.rule.Relevance.typeTables("sql.types")
                .or(dev.dbcheck.rule.Relevance.constantsOf(JavaSqlSites.class, SqlSinks.class, JavaMigrations.class,
                        MyBatisMapper.class, Jpql.class));
    }
}
