package dev.dbcheck.model;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.dbcheck.model.FileDeclarations.RawField;
import dev.dbcheck.model.FileDeclarations.RawMethod;
import dev.dbcheck.model.FileDeclarations.RawRef;
import dev.dbcheck.model.FileDeclarations.RawType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Extracts a file's {@link FileDeclarations} from its tree. Member types are followed; local and anonymous classes are not. */
public final class Declarations {

    private Declarations() {}

    public static FileDeclarations of(CompilationUnit cu) {
        return of(cu, java.util.Set.of());
    }

    /**
     * The declarations of a tree whose bodies were cut ({@code engine/DeclarationText}): {@code bodyMentions}
     * are the capitalised words of the whole file, which stand in for the mentions of the bodies.
     */
    public static FileDeclarations of(CompilationUnit cu, java.util.Set<String> bodyMentions) {
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        List<String> imports = new ArrayList<>();
        for (ImportDeclaration imp : cu.getImports()) {
            imports.add((imp.isStatic() ? "static " : "") + imp.getNameAsString() + (imp.isAsterisk() ? ".*" : ""));
        }
        List<RawType> types = new ArrayList<>();
        for (TypeDeclaration<?> type : cu.getTypes()) {
            collect(type, pkg.isEmpty() ? "" : pkg + ".", null, types);
        }
        List<String> mentions = mentions(cu);
        if (!bodyMentions.isEmpty()) {
            TreeSet<String> all = new TreeSet<>(mentions);
            all.addAll(bodyMentions);
            mentions = List.copyOf(all);
        }
        return new FileDeclarations(pkg, imports, types, mentions);
    }

    private static void collect(TypeDeclaration<?> type, String prefix, String enclosing, List<RawType> out) {
        String name = prefix + type.getNameAsString();
        List<RawRef> supertypes = new ArrayList<>();
        List<RawField> fields = new ArrayList<>();
        List<RawMethod> methods = new ArrayList<>();
        String kind;
        if (type instanceof ClassOrInterfaceDeclaration c) {
            kind = c.isInterface() ? "INTERFACE" : "CLASS";
            c.getExtendedTypes().forEach(t -> supertypes.add(ref(t)));
            c.getImplementedTypes().forEach(t -> supertypes.add(ref(t)));
        } else if (type instanceof EnumDeclaration e) {
            kind = "ENUM";
            e.getImplementedTypes().forEach(t -> supertypes.add(ref(t)));
        } else if (type instanceof RecordDeclaration r) {
            kind = "RECORD";
            r.getImplementedTypes().forEach(t -> supertypes.add(ref(t)));
            for (Parameter p : r.getParameters()) {
                fields.add(new RawField(p.getNameAsString(), ref(p.getType()), List.of("private", "final"), line(p), null));
            }
        } else if (type instanceof AnnotationDeclaration) {
            kind = "ANNOTATION";
        } else {
            kind = "CLASS";
        }
        int index = out.size();
        out.add(null);
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration f) {
                List<String> mods = modifiers(f.getModifiers());
                if (type instanceof ClassOrInterfaceDeclaration c && c.isInterface()) {
                    mods.add("static");
                }
                for (VariableDeclarator v : f.getVariables()) {
                    fields.add(new RawField(v.getNameAsString(), ref(v.getType()), mods, line(v),
                            FieldConstants.stringValue(v).orElse(null)));
                }
            } else if (member instanceof MethodDeclaration m) {
                methods.add(new RawMethod(m.getNameAsString(), params(m.getParameters()), paramNames(m.getParameters()),
                        ref(m.getType()), annotations(m.getAnnotations()), modifiers(m.getModifiers()),
                        m.getBody().isPresent(), line(m)));
            } else if (member instanceof ConstructorDeclaration c) {
                methods.add(new RawMethod(MethodInfo.CONSTRUCTOR, params(c.getParameters()),
                        paramNames(c.getParameters()), new RawRef("void", List.of()), annotations(c.getAnnotations()),
                        modifiers(c.getModifiers()), true, line(c)));
            } else if (member instanceof TypeDeclaration<?> nested) {
                collect(nested, name + ".", name, out);
            }
        }
        out.set(index, new RawType(name, type.getNameAsString(), kind, modifiers(type.getModifiers()),
                annotations(type.getAnnotations()), supertypes, fields, methods, enclosing, line(type)));
    }

    private static List<RawRef> params(NodeList<Parameter> parameters) {
        List<RawRef> out = new ArrayList<>();
        for (Parameter p : parameters) {
            RawRef t = ref(p.getType());
            out.add(p.isVarArgs() ? new RawRef(t.written() + "[]", t.arguments()) : t);
        }
        return out;
    }

    private static List<String> paramNames(NodeList<Parameter> parameters) {
        return parameters.stream().map(Parameter::getNameAsString).toList();
    }

    static RawRef ref(Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            List<RawRef> args = new ArrayList<>();
            c.getTypeArguments().ifPresent(list -> list.forEach(a -> args.add(ref(a))));
            return new RawRef(c.getNameWithScope(), args);
        }
        if (type instanceof ArrayType a) {
            RawRef component = ref(a.getComponentType());
            return new RawRef(component.written() + "[]", component.arguments());
        }
        return new RawRef(type.asString(), List.of());
    }

    private static List<String> modifiers(NodeList<Modifier> modifiers) {
        List<String> out = new ArrayList<>();
        for (Modifier m : modifiers) {
            out.add(m.getKeyword().asString());
        }
        return out;
    }

    private static List<String> annotations(NodeList<AnnotationExpr> annotations) {
        return annotations.stream().map(AnnotationExpr::getNameAsString).toList();
    }

    private static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }

    /** Capitalised names used as types, annotations or static scopes: the files this one can depend on. */
    private static List<String> mentions(CompilationUnit cu) {
        TreeSet<String> names = new TreeSet<>();
        // One walk of the tree for all three kinds of mention.
        cu.walk(node -> {
            if (node instanceof ClassOrInterfaceType t) {
                names.add(t.getNameAsString());
            } else if (node instanceof AnnotationExpr a) {
                String n = a.getNameAsString();
                names.add(n.substring(n.lastIndexOf('.') + 1));
            } else if (node instanceof NameExpr || node instanceof FieldAccessExpr) {
                // Static scopes, also fully qualified ones: Foo.bar(), com.acme.Foo.bar().
                String s = node instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) node).getNameAsString();
                if (!s.isEmpty() && Character.isUpperCase(s.charAt(0))) {
                    names.add(s);
                }
            }
        });
        for (ImportDeclaration imp : cu.getImports()) {
            String n = imp.getNameAsString();
            names.add(imp.isStatic() && !imp.isAsterisk() ? simple(n.substring(0, Math.max(0, n.lastIndexOf('.'))))
                    : simple(n));
        }
        names.remove("");
        return List.copyOf(names);
    }

    private static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
