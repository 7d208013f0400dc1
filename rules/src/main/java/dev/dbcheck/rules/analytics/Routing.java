package dev.dbcheck.rules.analytics;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.Annotations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which data source the code at a node runs on, as far as its annotations and its receiver say:
 * <ul>
 *   <li>a data-source switch on the method, else on the class (the nearest wins, as dynamic-datasource's
 *       {@code @DS} documents): {@code @DS("slave")}, a project's {@code @DataSource(DataSourceType.SLAVE)}, any
 *       annotation named {@code *DS} or {@code *DataSource*} with a value, value-less {@code @Slave}/{@code @Master},
 *       and a value-less {@code @SomethingDS} (a project's switch meta-annotated with {@code @DS("something")});
 *   <li>a read-only transaction: Spring {@code @Transactional(readOnly = true)}, Micronaut {@code @ReadOnly} (on the
 *       method, else the class; a method's own {@code @Transactional} without readOnly overrides the class). It
 *       routes to a reader only where the project routes read-only transactions, decided later;
 *   <li>the template or data source a call goes through: the field's {@code @Qualifier}, else its name
 *       ({@code readerJdbcTemplate}); for a template the constructor creates on a data source it takes
 *       ({@code this.jdbc = new JdbcTemplate(readerDataSource)}), that parameter's qualifier, else its name.
 * </ul>
 */
final class Routing {

    private Routing() {}

    /**
     * Where code runs.
     *
     * @param switchTo the data source a switch annotation names ({@code slave}, {@code SLAVE}, {@code #tenant}), or ""
     * @param readOnly whether it runs in a read-only transaction
     * @param receiver the qualifier or field name of the template or data source a call goes through, or ""
     */
    record Route(String switchTo, boolean readOnly, String receiver) {
        static final Route NONE = new Route("", false, "");

        boolean any() {
            return !switchTo.isEmpty() || readOnly || !receiver.isEmpty();
        }
    }

    private static final Pattern SWITCH = Pattern.compile("DS|\\w*DS|\\w*DataSource\\w*|Slave|Master");

    /** Whether any annotation of the file is a data-source switch or a read-only transaction. */
    static boolean anySwitch(JavaContext context) {
        for (AnnotationExpr a : context.compilationUnit().findAll(AnnotationExpr.class)) {
            String name = a.getName().getIdentifier();
            if (name.equals("Transactional") || name.equals("ReadOnly") || SWITCH.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The route of the code at {@code node} (a call, a query annotation). */
    static Route at(Node node, JavaContext context) {
        String switchTo = "";
        Boolean readOnly = null;
        Node n = node;
        while (true) {
            Optional<Node> holder = n.getParentNode();
            if (holder.isEmpty()) {
                break;
            }
            n = holder.get();
            if (n instanceof CallableDeclaration<?> || n instanceof TypeDeclaration<?>) {
                NodeWithAnnotations<?> annotated = (NodeWithAnnotations<?>) n;
                if (switchTo.isEmpty()) {
                    switchTo = switchOf(annotated.getAnnotations(), context);
                }
                if (readOnly == null) {
                    readOnly = readOnlyOf(annotated.getAnnotations(), context).orElse(null);
                }
            }
        }
        String receiver = node instanceof MethodCallExpr call ? receiver(call) : "";
        return new Route(switchTo, readOnly != null && readOnly, receiver);
    }

    /** The route that annotations alone give (a mapper interface or one of its methods). */
    static Route of(List<AnnotationExpr> annotations, JavaContext context) {
        return new Route(switchOf(annotations, context), readOnlyOf(annotations, context).orElse(false), "");
    }

    private static String switchOf(List<AnnotationExpr> annotations, JavaContext context) {
        for (AnnotationExpr a : annotations) {
            String name = a.getName().getIdentifier();
            if (!SWITCH.matcher(name).matches() || name.equals("Transactional")) {
                continue;
            }
            Optional<Expression> value = Annotations.member(a, "value");
            if (value.isEmpty()) {
                if (name.equals("Slave") || name.equals("Master")) {
                    return name.toLowerCase(Locale.ROOT);
                }
                if (name.endsWith("DS") && !name.equals("DS")) {
                    return name; // a project's switch meta-annotated with @DS("tdengine"): another data source
                }
                continue;
            }
            Optional<String> text = context.constants().stringValue(value.get());
            if (text.isPresent()) {
                return text.get();
            }
            if (value.get() instanceof FieldAccessExpr field) {
                return field.getNameAsString(); // DataSourceType.SLAVE
            }
            if (value.get() instanceof NameExpr constant) {
                return constant.getNameAsString();
            }
        }
        return "";
    }

    private static Optional<Boolean> readOnlyOf(List<AnnotationExpr> annotations, JavaContext context) {
        for (AnnotationExpr a : annotations) {
            String name = a.getName().getIdentifier();
            if (name.equals("ReadOnly")) {
                return Optional.of(true);
            }
            if (name.equals("Transactional")) {
                return Optional.of(Annotations.member(a, "readOnly").flatMap(v -> context.constants().value(v))
                        .filter(Boolean.TRUE::equals).isPresent());
            }
        }
        return Optional.empty();
    }

    /** The qualifier, else the name, of the field (or constructor-injected field) a call goes through. */
    private static String receiver(MethodCallExpr call) {
        Optional<Expression> scope = call.getScope();
        String name;
        if (scope.isPresent() && scope.get() instanceof NameExpr n) {
            name = n.getNameAsString();
        } else if (scope.isPresent() && scope.get() instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            name = f.getNameAsString();
        } else {
            return "";
        }
        Optional<TypeDeclaration> type = call.findAncestor(TypeDeclaration.class);
        if (type.isEmpty()) {
            return "";
        }
        Optional<FieldDeclaration> field = ((TypeDeclaration<?>) type.get()).getFieldByName(name);
        if (field.isEmpty()) {
            return "";
        }
        Optional<String> qualifier = qualifier(field.get().getAnnotations());
        if (qualifier.isPresent()) {
            return qualifier.get();
        }
        for (ConstructorDeclaration c : ((TypeDeclaration<?>) type.get()).getConstructors()) {
            String source = name;
            // this.jdbc = new JdbcTemplate(dataSource): the template is on the data source the constructor takes.
            for (AssignExpr assign : c.findAll(AssignExpr.class)) {
                if (assigned(assign.getTarget(), name) && assign.getValue() instanceof ObjectCreationExpr created
                        && created.getArguments().size() == 1 && created.getArgument(0) instanceof NameExpr arg) {
                    source = arg.getNameAsString();
                }
            }
            for (Parameter p : c.getParameters()) {
                if (p.getNameAsString().equals(source)) {
                    Optional<String> q = qualifier(p.getAnnotations());
                    if (q.isPresent() || !source.equals(name)) {
                        return q.orElse(source);
                    }
                }
            }
        }
        return name;
    }

    private static boolean assigned(Expression target, String field) {
        return target instanceof NameExpr n && n.getNameAsString().equals(field)
                || target instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                        && f.getNameAsString().equals(field);
    }

    private static Optional<String> qualifier(List<AnnotationExpr> annotations) {
        for (AnnotationExpr a : annotations) {
            String name = a.getName().getIdentifier();
            if (name.equals("Qualifier") || name.equals("Named")) {
                Optional<Expression> v = Annotations.member(a, "value");
                if (v.isPresent() && v.get().isStringLiteralExpr()) {
                    return Optional.of(v.get().asStringLiteralExpr().getValue());
                }
            }
        }
        return Optional.empty();
    }
}
