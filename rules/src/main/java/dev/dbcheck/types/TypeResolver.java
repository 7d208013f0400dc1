package dev.dbcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import dev.dbcheck.model.FieldInfo;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.NameScope;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.model.TypeRef;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Declared types of expressions in one compilation unit, without a classpath. Types are fully qualified
 * names with nested types joined by '.', without type arguments ({@code java.util.List}).
 *
 * <p>Names resolve as javac would, as far as one file and the tables can tell: types declared in the file,
 * single-type imports, same-package project types, on-demand imports of known packages, {@code java.lang},
 * then fully qualified names. Expressions resolve through locals (including {@code var} with an evident
 * initialiser), parameters, pattern variables, fields, casts, {@code new}, static calls, and method chains
 * whose return types are in {@link LibraryTypes} or declared in this file. Anything else is unknown
 * ({@link Optional#empty()}): rules never guess from a method name.
 *
 * <p>One instance per file, used by one thread at a time; results are memoised.
 */
public final class TypeResolver {

    private static final int MAX_DEPTH = 64;

    private final CompilationUnit cu;
    private final ProjectModel model;
    private final LibraryTypes library;
    private final NameScope scope;
    private final Map<String, String> localTypes = new HashMap<>();
    private final Map<String, TypeDeclaration<?>> declarations = new HashMap<>();
    private final Map<String, Optional<String>> nameCache = new HashMap<>();
    private final Map<Expression, Optional<String>> exprCache = new IdentityHashMap<>();
    /** {@link #typeReferencedBy} per scope expression: every rule asks it of the same calls' receivers. */
    private final Map<Expression, Optional<String>> referencedCache = new IdentityHashMap<>();
    /** The fully qualified name of each type declaration asked about ({@link #enclosingTypeNames}). */
    private final Map<TypeDeclaration<?>, Optional<String>> qualifiedNames = new IdentityHashMap<>();
    /** The pattern variables of each method or constructor asked about, by name (first in walk order). */
    private final Map<CallableDeclaration<?>, Map<String, TypePatternExpr>> patternVariables = new IdentityHashMap<>();
    private int depth;

    /** A resolver that knows project types by name only (tests, single-file tools). */
    public TypeResolver(CompilationUnit cu, ProjectTypes projectTypes, LibraryTypes library) {
        this(cu, ProjectModel.ofNames(projectTypes.names()), library);
    }

    /**
     * A resolver over the whole-project model: project supertypes, inherited fields, methods inherited from
     * project and library superclasses and return types of project methods in other files resolve too.
     */
    public TypeResolver(CompilationUnit cu, ProjectModel model, LibraryTypes library) {
        this.cu = cu;
        this.model = model;
        this.library = library;
        for (TypeDeclaration<?> type : typeDeclarations(cu)) {
            type.getFullyQualifiedName().ifPresent(fqn -> {
                localTypes.putIfAbsent(type.getNameAsString(), fqn);
                declarations.putIfAbsent(fqn, type);
            });
        }
        this.scope = new NameScope(cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse(""),
                cu.getImports().stream().map(i -> (i.isStatic() ? "static " : "") + i.getNameAsString()
                        + (i.isAsterisk() ? ".*" : "")).toList(), localTypes);
    }

    /**
     * Every type declaration of a tree (top-level, nested, local, in anonymous bodies), in walk order, when whoever
     * parsed it found them already in a walk of its own (the engine does, for the trees it keeps): the rules'
     * resolver and each thread's summary resolvers of the same file then do not walk the tree for them.
     */
    public static final DataKey<List<TypeDeclaration<?>>> TYPE_DECLARATIONS = new DataKey<>() {};

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeDeclaration<?>> typeDeclarations(CompilationUnit cu) {
        return cu.containsData(TYPE_DECLARATIONS) ? cu.getData(TYPE_DECLARATIONS)
                : (List) cu.findAll(TypeDeclaration.class);
    }

    /** The whole-project model this resolver reads (empty in single-file use). */
    public ProjectModel model() {
        return model;
    }

    /**
     * The type declared in this file under a qualified name (top-level, nested or local), if any. Found in
     * the one walk the constructor makes, so lookups never walk the tree again.
     */
    public Optional<TypeDeclaration<?>> declaration(String qualifiedName) {
        return Optional.ofNullable(declarations.get(qualifiedName));
    }

    public CompilationUnit compilationUnit() {
        return cu;
    }

    public LibraryTypes library() {
        return library;
    }

    // ---- names -------------------------------------------------------------------------------------

    /** Resolves a type name as written in this file ({@code Foo}, {@code Foo.Bar}, {@code a.b.Foo}). */
    public Optional<String> resolveName(String written) {
        return nameCache.computeIfAbsent(written, this::resolveNameUncached);
    }

    private Optional<String> resolveNameUncached(String written) {
        return scope.resolve(written, model::contains, library);
    }

    /** Resolves a type node to its qualified name (arrays keep their {@code []}). */
    public Optional<String> resolve(Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return resolveName(c.getNameWithScope());
        }
        if (type instanceof ArrayType a) {
            return resolve(a.getComponentType()).map(t -> t + "[]");
        }
        if (type instanceof PrimitiveType p) {
            return Optional.of(p.asString());
        }
        // Union types (multi-catch): the common supertype is not known without a classpath; rules look
        // at the elements.
        return Optional.empty();
    }

    /** Whether {@code type} is {@code target} or a subtype, through project and library supertypes. */
    public boolean isSubtype(String type, String target) {
        return library.isSubtype(type, target) || (model.contains(type) && model.isSubtype(type, target));
    }

    /** Whether {@code type} is any of {@code targets} or a subtype of one. */
    public boolean isSubtypeOfAny(String type, Set<String> targets) {
        for (String t : targets) {
            if (isSubtype(type, t)) {
                return true;
            }
        }
        return false;
    }

    // ---- expressions -------------------------------------------------------------------------------

    /** The declared type of an expression, or empty when one file and the tables cannot tell. */
    public Optional<String> typeOf(Expression expression) {
        Optional<String> cached = exprCache.get(expression);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        depth++;
        try {
            Optional<String> result = compute(expression);
            exprCache.put(expression, result);
            return result;
        } finally {
            depth--;
        }
    }

    /**
     * The type an expression names when it is used as the scope of a static call or field access
     * ({@code DynamoDbClient} in {@code DynamoDbClient.create()}), or empty when it is a value.
     */
    public Optional<String> typeReferencedBy(Expression expression) {
        Optional<String> cached = referencedCache.get(expression);
        if (cached == null) {
            cached = referencedType(expression);
            referencedCache.put(expression, cached);
        }
        return cached;
    }

    private Optional<String> referencedType(Expression expression) {
        if (expression instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (findVariable(n, name).isPresent()) {
                return Optional.empty();
            }
            if (!Character.isUpperCase(name.charAt(0))) {
                return Optional.empty();
            }
            return resolveName(name);
        }
        if (expression instanceof FieldAccessExpr f) {
            String text = qualifiedText(f);
            if (text == null) {
                return Optional.empty();
            }
            String first = text.substring(0, text.indexOf('.'));
            if (findVariable(f, first).isPresent()) {
                return Optional.empty();
            }
            String last = f.getNameAsString();
            if (!Character.isUpperCase(last.charAt(0))) {
                return Optional.empty();
            }
            return resolveName(text);
        }
        return Optional.empty();
    }

    private static String qualifiedText(FieldAccessExpr f) {
        StringBuilder sb = new StringBuilder(f.getNameAsString());
        Expression scope = f.getScope();
        while (scope instanceof FieldAccessExpr inner) {
            sb.insert(0, inner.getNameAsString() + ".");
            scope = inner.getScope();
        }
        if (scope instanceof NameExpr n) {
            return n.getNameAsString() + "." + sb;
        }
        return null;
    }

    private Optional<String> compute(Expression e) {
        if (e instanceof NameExpr n) {
            return variableType(n, n.getNameAsString());
        }
        if (e instanceof MethodCallExpr call) {
            return returnTypeOf(call);
        }
        if (e instanceof ObjectCreationExpr create) {
            return resolve(create.getType());
        }
        if (e instanceof CastExpr cast) {
            return resolve(cast.getType());
        }
        if (e instanceof EnclosedExpr enclosed) {
            return typeOf(enclosed.getInner());
        }
        if (e instanceof ConditionalExpr c) {
            Optional<String> then = typeOf(c.getThenExpr());
            return then.isPresent() ? then : typeOf(c.getElseExpr());
        }
        if (e instanceof AssignExpr a) {
            return typeOf(a.getTarget());
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return Optional.of("java.lang.String");
        }
        if (e instanceof ThisExpr t) {
            return t.getTypeName().isPresent()
                    ? resolveName(t.getTypeName().get().asString())
                    : e.findAncestor(TypeDeclaration.class).flatMap(TypeDeclaration::getFullyQualifiedName);
        }
        if (e instanceof FieldAccessExpr f) {
            return fieldAccessType(f);
        }
        if (e instanceof LiteralExpr) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> fieldAccessType(FieldAccessExpr f) {
        if (f.getScope() instanceof ThisExpr) {
            return fieldType(f, f.getNameAsString());
        }
        // A static field of a type declared in this file: Holder.CLIENT.
        Optional<String> owner = typeReferencedBy(f.getScope());
        return owner.flatMap(this::declaration).flatMap(type -> declaredFieldType(type, f.getNameAsString()));
    }

    private Optional<String> returnTypeOf(MethodCallExpr call) {
        String name = call.getNameAsString();
        Optional<String> bean = beanLookupType(call);
        if (bean.isPresent()) {
            return bean;
        }
        if (call.getScope().isEmpty()) {
            // A method of this file's classes, or a statically imported library method.
            Optional<String> local = localMethodReturnType(call, name);
            if (local.isPresent()) {
                return local;
            }
            Optional<String> inherited = inheritedMethodReturnType(call, name, call.getArguments().size());
            if (inherited.isPresent()) {
                return inherited;
            }
            return staticImportOwner(name).flatMap(owner -> library.returnType(owner, name));
        }
        Expression scope = call.getScope().get();
        Optional<String> staticOwner = typeReferencedBy(scope);
        Optional<String> owner = staticOwner.isPresent() ? staticOwner : typeOf(scope);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fromLibrary = library.returnType(owner.get(), name);
        if (fromLibrary.isPresent()) {
            return fromLibrary;
        }
        Optional<String> local = declaration(owner.get())
                .flatMap(type -> methodReturnType(type, name, call.getArguments().size()));
        if (local.isPresent()) {
            return local;
        }
        return projectMethodReturnType(owner.get(), name, call.getArguments().size());
    }

    /**
     * {@code getBean(Foo.class)}, {@code getBean("foo", Foo.class)}: Spring's {@code BeanFactory.getBean(Class<T>)}
     * and the projects' static helpers around it ({@code SpringContextUtils.getBean(Class<T>)}) return the class
     * they are given, which the generic signature says and the tables cannot. The receiver must be a bean factory,
     * a project class or not known, so that a library's own {@code getBean} keeps its declared type.
     */
    private Optional<String> beanLookupType(MethodCallExpr call) {
        if (!call.getNameAsString().equals("getBean") || call.getArguments().isEmpty()
                || !(call.getArgument(call.getArguments().size() - 1) instanceof ClassExpr token)) {
            return Optional.empty();
        }
        if (call.getScope().isPresent()) {
            Expression scope = call.getScope().get();
            Optional<String> owner = typeReferencedBy(scope).or(() -> typeOf(scope));
            if (owner.isPresent() && !isBeanFactory(owner.get())
                    && declaration(owner.get()).isEmpty() && model.type(owner.get()).isEmpty()) {
                return Optional.empty();
            }
        }
        return resolve(token.getType());
    }

    private static final String BEAN_FACTORY = "org.springframework.beans.factory.BeanFactory";

    /** Spring's bean factories and application contexts (whose hierarchy the tables need not hold). */
    private boolean isBeanFactory(String type) {
        return isSubtypeOfAny(type, Set.of(BEAN_FACTORY)) || type.startsWith("org.springframework.")
                && (type.endsWith("ApplicationContext") || type.endsWith("BeanFactory"));
    }

    /** The return type of a project method, declared in any file, on the type or a project supertype. */
    private Optional<String> projectMethodReturnType(String owner, String name, int arity) {
        return model.method(owner, name, arity).map(MethodInfo::returnType)
                .filter(r -> r.resolved() && !r.name().equals("void")).map(TypeRef::name);
    }

    /**
     * A call without a receiver that no type of this file declares: a method inherited from a project
     * superclass (in another file) or from a library supertype ({@code ServiceImpl.getById}).
     */
    private Optional<String> inheritedMethodReturnType(Node from, String name, int arity) {
        for (String type : enclosingTypeNames(from)) {
            Optional<String> project = projectMethodReturnType(type, name, arity);
            if (project.isPresent()) {
                return project;
            }
            for (String lib : model.librarySupertypes(type)) {
                Optional<String> r = library.returnType(lib, name);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    /** Qualified names of the types enclosing a node, innermost first. */
    public List<String> enclosingTypeNames(Node from) {
        List<String> out = new java.util.ArrayList<>();
        Node n = from;
        while (n != null) {
            if (n instanceof TypeDeclaration<?> type) {
                qualifiedNames.computeIfAbsent(type, TypeDeclaration::getFullyQualifiedName).ifPresent(out::add);
            }
            n = n.getParentNode().orElse(null);
        }
        return out;
    }

    private Optional<String> localMethodReturnType(Node from, String name) {
        Node n = from;
        while (n != null) {
            if (n instanceof TypeDeclaration<?> type) {
                Optional<String> r = methodReturnType(type, name, -1);
                if (r.isPresent()) {
                    return r;
                }
            }
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    private Optional<String> methodReturnType(TypeDeclaration<?> type, String name, int arity) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof MethodDeclaration m && m.getNameAsString().equals(name)
                    && (arity < 0 || m.getParameters().size() == arity)) {
                return m.getType().isVoidType() ? Optional.empty() : resolve(m.getType());
            }
        }
        return Optional.empty();
    }

    // ---- variables ---------------------------------------------------------------------------------

    private Optional<String> variableType(Node use, String name) {
        Optional<Declared> declared = findVariable(use, name);
        if (declared.isEmpty()) {
            return isShadowed(use, name) ? Optional.empty() : inheritedFieldType(use, name);
        }
        Declared d = declared.get();
        if (d.type() != null && !d.type().isVarType()) {
            return resolve(d.type());
        }
        if (d.initializer() != null) {
            return typeOf(d.initializer());
        }
        return Optional.empty();
    }

    /** A variable's declared type (null for an implicitly typed lambda parameter) and initialiser. */
    private record Declared(Type type, Expression initializer) {}

    /**
     * Finds the declaration a simple name refers to at {@code use}, walking outwards through blocks,
     * loops, resources, catch clauses, lambdas, methods and classes, as Java's scoping does.
     */
    private Optional<Declared> findVariable(Node use, String name) {
        Node child = use;
        Node parent = use.getParentNode().orElse(null);
        while (parent != null) {
            Optional<Declared> found = declaredIn(parent, child, name);
            if (found.isPresent()) {
                return found.get().type() == null && found.get().initializer() == null
                        ? Optional.empty()
                        : found;
            }
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    private static final Declared SHADOWED_UNKNOWN = new Declared(null, null);

    private Optional<Declared> declaredIn(Node scope, Node child, String name) {
        if (scope instanceof NodeWithStatements<?> block && !(scope instanceof TypeDeclaration)) {
            for (Statement s : block.getStatements()) {
                if (s == child) {
                    break;
                }
                if (s instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr v) {
                    Optional<Declared> d = inDeclaration(v, name);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            return Optional.empty();
        }
        if (scope instanceof ForStmt f) {
            for (Expression init : f.getInitialization()) {
                if (init instanceof VariableDeclarationExpr v) {
                    Optional<Declared> d = inDeclaration(v, name);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            return Optional.empty();
        }
        if (scope instanceof ForEachStmt f) {
            return inDeclaration(f.getVariable(), name);
        }
        if (scope instanceof TryStmt t) {
            for (Expression r : t.getResources()) {
                if (r instanceof VariableDeclarationExpr v) {
                    Optional<Declared> d = inDeclaration(v, name);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            return Optional.empty();
        }
        if (scope instanceof CatchClause c) {
            Parameter p = c.getParameter();
            return p.getNameAsString().equals(name) ? Optional.of(new Declared(p.getType(), null)) : Optional.empty();
        }
        if (scope instanceof LambdaExpr lambda) {
            for (Parameter p : lambda.getParameters()) {
                if (p.getNameAsString().equals(name)) {
                    return Optional.of(p.getType().isUnknownType() || p.getType().isVarType()
                            ? SHADOWED_UNKNOWN
                            : new Declared(p.getType(), null));
                }
            }
            return Optional.empty();
        }
        if (scope instanceof CallableDeclaration<?> callable) {
            for (Parameter p : callable.getParameters()) {
                if (p.getNameAsString().equals(name)) {
                    return Optional.of(new Declared(p.getType(), null));
                }
            }
            return patternVariable(callable, name);
        }
        if (scope instanceof TypeDeclaration<?> type) {
            return declaredField(type, name);
        }
        if (scope instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
            for (BodyDeclaration<?> member : anonymous.getAnonymousClassBody().get()) {
                if (member instanceof FieldDeclaration field) {
                    Optional<Declared> d = inVariables(field.getVariables(), name);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Declared> patternVariable(CallableDeclaration<?> callable, String name) {
        TypePatternExpr pattern = patternVariables.computeIfAbsent(callable, c -> {
            Map<String, TypePatternExpr> byName = new HashMap<>();
            for (TypePatternExpr p : c.findAll(TypePatternExpr.class)) {
                byName.putIfAbsent(p.getNameAsString(), p);
            }
            return byName;
        }).get(name);
        return pattern == null ? Optional.empty() : Optional.of(new Declared(pattern.getType(), null));
    }

    private static Optional<Declared> inDeclaration(VariableDeclarationExpr v, String name) {
        return inVariables(v.getVariables(), name);
    }

    private static Optional<Declared> inVariables(NodeList<VariableDeclarator> vars, String name) {
        for (VariableDeclarator d : vars) {
            if (d.getNameAsString().equals(name)) {
                return Optional.of(new Declared(d.getType(), d.getInitializer().orElse(null)));
            }
        }
        return Optional.empty();
    }

    private Optional<Declared> declaredField(TypeDeclaration<?> type, String name) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration field) {
                Optional<Declared> d = inVariables(field.getVariables(), name);
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        if (type instanceof RecordDeclaration record) {
            for (Parameter p : record.getParameters()) {
                if (p.getNameAsString().equals(name)) {
                    return Optional.of(new Declared(p.getType(), null));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> fieldType(Node from, String name) {
        Optional<TypeDeclaration> type = from.findAncestor(TypeDeclaration.class);
        while (type.isPresent()) {
            Optional<String> t = declaredFieldType(type.get(), name);
            if (t.isPresent()) {
                return t;
            }
            type = type.get().findAncestor(TypeDeclaration.class);
        }
        return inheritedFieldType(from, name);
    }

    /**
     * A field inherited from a project supertype declared in another file ({@code protected ItemOperations
     * ops} of a base class), its type resolved in the declaring file.
     */
    private Optional<String> inheritedFieldType(Node use, String name) {
        for (String type : enclosingTypeNames(use)) {
            Optional<FieldInfo> field = model.field(type, name);
            if (field.isPresent()) {
                TypeRef t = field.get().type();
                return t.resolved() ? Optional.of(t.name()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether a lexical declaration of {@code name} (say, an untyped lambda parameter) hides any field. */
    private boolean isShadowed(Node use, String name) {
        Node child = use;
        Node parent = use.getParentNode().orElse(null);
        while (parent != null) {
            if (declaredIn(parent, child, name).isPresent()) {
                return true;
            }
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        return false;
    }

    private Optional<String> declaredFieldType(TypeDeclaration<?> type, String name) {
        return declaredField(type, name).flatMap(d -> d.type() != null && !d.type().isVarType()
                ? resolve(d.type())
                : Optional.ofNullable(d.initializer()).flatMap(this::typeOf));
    }

    /** The declaration a local name refers to: its initialiser, when it has one (for rules that follow values). */
    public Optional<Expression> initializerOf(NameExpr name) {
        return findVariable(name, name.getNameAsString()).map(Declared::initializer);
    }

    /** Whether {@code name} refers to a local variable or parameter (not a field, not a type). */
    public boolean isLocal(NameExpr name) {
        Node child = name;
        Node parent = name.getParentNode().orElse(null);
        while (parent != null && !(parent instanceof TypeDeclaration)) {
            if (declaredIn(parent, child, name.getNameAsString()).isPresent()) {
                return true;
            }
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        return false;
    }

    /**
     * The value of a constant string field of a project type declared in another file ({@code CacheKeys.PREFIX}),
     * inherited ones included, as the declaring file computes it.
     */
    public Optional<String> projectConstant(String owner, String name) {
        return model.field(owner, name).map(FieldInfo::constant);
    }

    /** The type a statically imported method comes from ({@code import static a.B.m;}), if any. */
    public Optional<String> staticImportOwner(String method) {
        return scope.staticImport(method).map(imported -> imported.substring(0, imported.lastIndexOf('.')));
    }
}
