package dev.dbcheck.rules.dynamodb;

import static dev.dbcheck.rules.dynamodb.DynamoDbApi.ENHANCED;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V1;
import static dev.dbcheck.rules.dynamodb.DynamoDbApi.V2;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.dbcheck.rule.Fact;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which attributes key each DynamoDB table of the project, learnt from every file and resolved once all are read:
 * the key schemas of {@code createTable} requests, mapped beans ({@code @DynamoDBTable} + {@code @DynamoDBHashKey}
 * / {@code @DynamoDBRangeKey}, {@code @DynamoDbBean} + {@code @DynamoDbPartitionKey} / {@code @DynamoDbSortKey})
 * with the enhanced tables built over them, and, failing those, the key maps the code uses for the table.
 */
final class TableKeys {

    /** A table's key: partition key attribute and sort key attribute (null when there is none or it is unknown). */
    record Key(String partition, String sort) {}

    /** Recorded per file: a table's key from a key schema, a v1 mapped bean, or (as a guess) a key map. */
    record TableKey(String table, String partition, String sort, boolean fromKeyMap) {}

    /** Recorded per file: a mapped bean's key properties and the attributes they are stored as. */
    record BeanKey(String bean, String partitionProperty, String partitionAttribute, String sortProperty,
            String sortAttribute, String table) {}

    /** Recorded per file: an enhanced table over a bean, {@code enhanced.table("t", TableSchema.fromBean(B.class))}. */
    record TableBean(String table, String bean) {}

    /** Enhanced client: {@code enhanced.table("name", schema)}. */
    private static final MethodMatcher ENHANCED_TABLE = MethodMatcher.instanceMethod()
            .onSubtypeOf(ENHANCED + "DynamoDbEnhancedClient", ENHANCED + "DynamoDbEnhancedAsyncClient")
            .named("table").withArgumentCount(2);

    private static final Set<String> STATIC_SCHEMAS = Set.of(ENHANCED + "mapper.StaticTableSchema",
            ENHANCED + "mapper.StaticImmutableTableSchema");
    private static final Set<String> KEY_TYPES = Set.of(V2 + "model.KeyType", V1 + "model.KeyType");
    private static final Set<String> SCHEMA_FACTORIES = Set.of("fromBean", "fromImmutableClass", "fromClass",
            "builder");
    private static final Set<String> ATTRIBUTE_NAME = Set.of("attributeName", "withAttributeName");
    private static final String ANNOTATIONS = ENHANCED + "mapper.annotations.";
    private static final String V1_MAPPING = V1 + "datamodeling.";
    private static final String V1_TABLE = V1_MAPPING + "DynamoDBTable";
    private static final String V1_HASH_KEY = V1_MAPPING + "DynamoDBHashKey";
    private static final String V1_RANGE_KEY = V1_MAPPING + "DynamoDBRangeKey";
    private static final String V2_BEAN = ANNOTATIONS + "DynamoDbBean";
    private static final String V2_IMMUTABLE = ANNOTATIONS + "DynamoDbImmutable";
    private static final String V2_PARTITION_KEY = ANNOTATIONS + "DynamoDbPartitionKey";
    private static final String V2_SORT_KEY = ANNOTATIONS + "DynamoDbSortKey";
    private static final String V2_ATTRIBUTE = ANNOTATIONS + "DynamoDbAttribute";

    private final Map<String, Key> tables;
    private final Map<String, BeanKey> beans;

    private TableKeys(Map<String, Key> tables, Map<String, BeanKey> beans) {
        this.tables = tables;
        this.beans = beans;
    }

    /**
     * What a request's parts are matched against: for a mapped bean its key properties (what the code sets) with
     * their attribute names, otherwise the attributes of the table's key. Null where the project does not say.
     */
    record Match(String table, String partition, String partitionAttribute, String sort, String sortAttribute) {}

    /** The key of a request on {@code table} or of mapped {@code bean} (either may be null). */
    Match match(String table, String bean) {
        BeanKey b = bean == null ? null : beans.get(bean);
        String t = table != null ? table : b == null ? null : b.table();
        if (b != null) {
            return new Match(t, b.partitionProperty(), b.partitionAttribute(), b.sortProperty(), b.sortAttribute());
        }
        Key key = t == null ? null : tables.get(t);
        return key == null ? new Match(t, null, null, null, null)
                : new Match(t, key.partition(), key.partition(), key.sort(), key.sort());
    }

    /** The project's table keys from the facts {@code ruleId} recorded: schemas first, beans, then key maps. */
    static TableKeys resolve(List<Fact> facts, String ruleId) {
        Map<String, Key> tables = new HashMap<>();
        Map<String, Key> guessed = new HashMap<>();
        Map<String, BeanKey> beans = new HashMap<>();
        List<Fact> own = facts.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        own.forEach(f -> f.as(TableKey.class).ifPresent(k -> (k.fromKeyMap() ? guessed : tables)
                .merge(k.table(), new Key(k.partition(), k.sort()), TableKeys::merge)));
        own.forEach(f -> f.as(BeanKey.class).ifPresent(b -> beans.putIfAbsent(b.bean(), b)));
        own.forEach(f -> f.as(TableBean.class).ifPresent(t -> Optional.ofNullable(beans.get(t.bean()))
                .ifPresent(b -> tables.putIfAbsent(t.table(), new Key(b.partitionAttribute(), b.sortAttribute())))));
        guessed.forEach(tables::putIfAbsent);
        return new TableKeys(tables, beans);
    }

    /** Two sightings of one table's key: the partition key of the first, a sort key from either. */
    private static Key merge(Key a, Key b) {
        return a.partition() != null ? new Key(a.partition(), a.sort() != null ? a.sort() : b.sort()) : b;
    }

    // ---- per file ------------------------------------------------------------------------------------------

    /** Records what {@code node} says about a table's key, if anything. */
    static void collect(Node node, JavaContext context) {
        if (node instanceof ClassOrInterfaceDeclaration type) {
            bean(type, context);
        } else if (node instanceof MethodCallExpr call) {
            String name = call.getNameAsString();
            if ((name.equals("keyType") || name.equals("withKeyType")) && call.getArguments().size() == 1) {
                keySchemaElement(call, call.getArgument(0), context);
            } else if (ENHANCED_TABLE.matches(call, context.types())) {
                tableBean(call, context);
            } else if (name.equals("builder") && call.getArguments().size() == 1
                    && call.getArgument(0) instanceof ClassExpr bean && call.getScope()
                            .flatMap(context.types()::typeReferencedBy).filter(STATIC_SCHEMAS::contains).isPresent()) {
                staticSchema(call, bean, context);
            }
        } else if (node instanceof ObjectCreationExpr create && create.getArguments().size() == 2
                && context.types().resolve(create.getType()).filter((V1 + "model.KeySchemaElement")::equals)
                        .isPresent()) {
            keySchemaElement(create, create.getArgument(1), context);
        }
    }

    /** A key map with these attributes was used for {@code table}: the best guess when nothing else says. */
    static void keyMap(String table, List<String> attributes, Node at, JavaContext context) {
        if (attributes.size() == 1 && attributes.get(0) != null) {
            context.addFact(at, new TableKey(table, attributes.get(0), null, true));
        }
    }

    /**
     * {@code KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH)}, v1
     * {@code new KeySchemaElement("pk", "HASH")}.
     */
    private static void keySchemaElement(Expression element, Expression keyType, JavaContext context) {
        Optional<String> role = keyRole(keyType, context);
        if (role.isEmpty()) {
            return;
        }
        Node top = DynamoDbKeys.outermostChain(element);
        Optional<String> attribute = element instanceof ObjectCreationExpr create
                ? context.constants().stringValue(create.getArgument(0))
                : top.findAll(MethodCallExpr.class, m -> ATTRIBUTE_NAME.contains(m.getNameAsString())
                        && m.getArguments().size() == 1).stream()
                        .flatMap(m -> context.constants().stringValue(m.getArgument(0)).stream()).findFirst();
        Optional<String> table = DynamoDbKeys.tableOf(top, context);
        if (attribute.isPresent() && table.isPresent()) {
            boolean hash = role.get().equals("HASH");
            context.addFact(element, new TableKey(table.get(), hash ? attribute.get() : null,
                    hash ? null : attribute.get(), false));
        }
    }

    private static Optional<String> keyRole(Expression keyType, JavaContext context) {
        if (keyType instanceof FieldAccessExpr f) {
            return context.types().typeReferencedBy(f.getScope()).filter(KEY_TYPES::contains)
                    .map(t -> f.getNameAsString()).filter(n -> n.equals("HASH") || n.equals("RANGE"));
        }
        return context.constants().stringValue(keyType).filter(n -> n.equals("HASH") || n.equals("RANGE"));
    }

    /** {@code enhanced.table("counters", TableSchema.fromBean(Counter.class))}, or a schema built elsewhere. */
    private static void tableBean(MethodCallExpr call, JavaContext context) {
        Optional<String> table = context.constants().stringValue(call.getArgument(0));
        if (table.isEmpty()) {
            return;
        }
        for (MethodCallExpr factory : ValueFlow.of(context).callsBuilding(call.getArgument(1),
                SCHEMA_FACTORIES)) {
            if (factory.getArguments().size() == 1 && factory.getArgument(0) instanceof ClassExpr bean) {
                context.types().resolve(bean.getType())
                        .ifPresent(b -> context.addFact(call, new TableBean(table.get(), b)));
                return;
            }
        }
    }

    /**
     * {@code StaticTableSchema.builder(Bean.class)...addAttribute(String.class, a -> a.name("id")
     * .getter(Bean::getId).setter(Bean::setId).tags(primaryPartitionKey()))}: the bean's key as the schema maps it.
     */
    private static void staticSchema(MethodCallExpr builder, ClassExpr bean, JavaContext context) {
        Node chain = DynamoDbKeys.outermostChain(builder);
        Optional<String[]> partition = staticKey(chain, "primaryPartitionKey", context);
        Optional<String[]> sort = staticKey(chain, "primarySortKey", context);
        Optional<String> type = context.types().resolve(bean.getType());
        if (partition.isPresent() && type.isPresent()) {
            context.addFact(builder, new BeanKey(type.get(), partition.get()[0], partition.get()[1],
                    sort.map(s -> s[0]).orElse(null), sort.map(s -> s[1]).orElse(null), null));
        }
    }

    /** The property (from the getter reference) and attribute name of the attribute tagged {@code tag}. */
    private static Optional<String[]> staticKey(Node chain, String tag, JavaContext context) {
        for (MethodCallExpr tagged : chain.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(tag))) {
            Optional<LambdaExpr> attribute = tagged.findAncestor(LambdaExpr.class);
            Optional<String> name = attribute.flatMap(l -> l.findFirst(MethodCallExpr.class,
                    c -> c.getNameAsString().equals("name") && c.getArguments().size() == 1))
                    .flatMap(c -> context.constants().stringValue(c.getArgument(0)));
            if (name.isPresent()) {
                String property = attribute.get().findFirst(MethodReferenceExpr.class,
                        r -> r.getParentNode().filter(p -> p instanceof MethodCallExpr g
                                && g.getNameAsString().equals("getter")).isPresent())
                        .map(r -> propertyName(r.getIdentifier())).orElse(name.get());
                return Optional.of(new String[] {property, name.get()});
            }
        }
        return Optional.empty();
    }

    /** v1 {@code @DynamoDBTable} with {@code @DynamoDBHashKey}, v2 {@code @DynamoDbBean} with its key annotations. */
    private static void bean(ClassOrInterfaceDeclaration type, JavaContext context) {
        TypeResolver types = context.types();
        Optional<String> bean = type.getFullyQualifiedName();
        if (bean.isEmpty()) {
            return;
        }
        Optional<AnnotationExpr> v1Table = annotation(type, V1_TABLE, types);
        if (v1Table.isPresent()) {
            Optional<String> table = annotationValue(v1Table.get(), "tableName", context);
            Optional<String[]> partition = keyProperty(type, V1_HASH_KEY, context);
            Optional<String[]> sort = keyProperty(type, V1_RANGE_KEY, context);
            partition.ifPresent(p -> {
                String sortAttribute = sort.map(s -> s[1]).orElse(null);
                table.ifPresent(t -> context.addFact(type, new TableKey(t, p[1], sortAttribute, false)));
                context.addFact(type, new BeanKey(bean.get(), p[0], p[1], sort.map(s -> s[0]).orElse(null),
                        sortAttribute, table.orElse(null)));
            });
        }
        if (annotation(type, V2_BEAN, types).isPresent()
                || annotation(type, V2_IMMUTABLE, types).isPresent()) {
            Optional<String[]> sort = keyProperty(type, V2_SORT_KEY, context);
            keyProperty(type, V2_PARTITION_KEY, context).ifPresent(p -> context.addFact(type,
                    new BeanKey(bean.get(), p[0], p[1], sort.map(s -> s[0]).orElse(null),
                            sort.map(s -> s[1]).orElse(null), null)));
        }
    }

    /** The property (field or getter) carrying {@code keyAnnotation}: its name and its attribute name. */
    private static Optional<String[]> keyProperty(ClassOrInterfaceDeclaration type, String keyAnnotation,
            JavaContext context) {
        TypeResolver types = context.types();
        for (BodyDeclaration<?> member : type.getMembers()) {
            Optional<AnnotationExpr> key = annotation(member, keyAnnotation, types);
            String property = member instanceof FieldDeclaration field ? field.getVariable(0).getNameAsString()
                    : member instanceof MethodDeclaration method ? propertyName(method.getNameAsString()) : null;
            if (key.isEmpty() || property == null) {
                continue;
            }
            Optional<String> named = annotationValue(key.get(), "attributeName", context)
                    .or(() -> annotation(member, V2_ATTRIBUTE, types)
                            .flatMap(a -> annotationValue(a, "value", context)));
            return Optional.of(new String[] {property, named.orElse(property)});
        }
        return Optional.empty();
    }

    static String propertyName(String accessor) {
        String base = accessor.matches("(get|set)[A-Z].*") ? accessor.substring(3)
                : accessor.matches("is[A-Z].*") ? accessor.substring(2) : accessor;
        return base.substring(0, 1).toLowerCase(Locale.ROOT) + base.substring(1);
    }

    private static Optional<AnnotationExpr> annotation(NodeWithAnnotations<?> node, String qualified,
            TypeResolver types) {
        return node.getAnnotations().stream()
                .filter(a -> types.resolveName(a.getNameAsString()).filter(qualified::equals).isPresent())
                .findFirst();
    }

    private static Optional<String> annotationValue(AnnotationExpr annotation, String member, JavaContext context) {
        return Annotations.member(annotation, member).flatMap(v -> context.constants().stringValue(v));
    }
}
