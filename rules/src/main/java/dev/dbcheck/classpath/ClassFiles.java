package dev.dbcheck.classpath;

import dev.dbcheck.classpath.LibraryType.GenericType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Reads one class file's header with ASM: supertypes (with the generic signature's type arguments), annotations
 * and method signatures. Method bodies, debug information and frames are skipped, so a class file is read in
 * microseconds.
 */
final class ClassFiles {

    private static final int API = Opcodes.ASM9;

    private ClassFiles() {}

    /** The type a class file declares; throws {@link IllegalArgumentException} on a malformed file. */
    static LibraryType read(byte[] bytes, Path origin) {
        Collector c = new Collector();
        try {
            new ClassReader(bytes).accept(c, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            // ASM reports a malformed or unknown class file with runtime exceptions of several kinds.
            throw new IllegalArgumentException("malformed class file: " + e, e);
        }
        return c.toType(origin);
    }

    /** A binary or internal name ({@code a/b/Outer$Inner}) as dbcheck writes names ({@code a.b.Outer.Inner}). */
    static String qualified(String internalName) {
        String dotted = internalName.replace('/', '.');
        if (dotted.indexOf('$') < 0) {
            return dotted;
        }
        // A '$' followed by a letter separates a nested type; others ($1 anonymous, $$ generated) stay.
        StringBuilder sb = new StringBuilder(dotted.length());
        for (int i = 0; i < dotted.length(); i++) {
            char ch = dotted.charAt(i);
            boolean nested = ch == '$' && i > 0 && dotted.charAt(i - 1) != '.' && i + 1 < dotted.length()
                    && Character.isJavaIdentifierStart(dotted.charAt(i + 1)) && dotted.charAt(i + 1) != '$';
            sb.append(nested ? '.' : ch);
        }
        return sb.toString();
    }

    private static final class Collector extends ClassVisitor {
        private String name;
        private boolean isInterface;
        private final List<GenericType> supertypes = new ArrayList<>();
        private final List<String> annotations = new ArrayList<>();
        private final Map<String, String> returns = new HashMap<>();
        private final Set<String> ambiguous = new HashSet<>();

        Collector() {
            super(API);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = qualified(name);
            this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            if (signature != null) {
                SupertypeSignature s = new SupertypeSignature();
                new SignatureReader(signature).accept(s);
                s.finish();
                for (GenericType t : s.types) {
                    if (!t.name().equals("java.lang.Object")) {
                        supertypes.add(t);
                    }
                }
                return;
            }
            if (superName != null && !superName.equals("java/lang/Object")) {
                supertypes.add(new GenericType(qualified(superName), List.of()));
            }
            for (String i : interfaces == null ? new String[0] : interfaces) {
                supertypes.add(new GenericType(qualified(i), List.of()));
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            annotations.add(qualified(Type.getType(descriptor).getInternalName()));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                String[] exceptions) {
            if ((access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0
                    || method.startsWith("<")) {
                return null;
            }
            String returned = returnType(descriptor, signature);
            if (returned == null) {
                ambiguous.add(method);
            } else {
                String before = returns.putIfAbsent(method, returned);
                if (before != null && !before.equals(returned)) {
                    ambiguous.add(method);
                }
            }
            return null;
        }

        LibraryType toType(Path origin) {
            Map<String, String> methods = new HashMap<>(returns);
            methods.keySet().removeAll(ambiguous);
            methods.values().removeIf("void"::equals);
            return new LibraryType(name, isInterface, supertypes, annotations, methods, origin);
        }
    }

    /** The erased return type, or null when the signature returns a type variable (unknown at the caller). */
    private static String returnType(String descriptor, String signature) {
        if (signature != null) {
            boolean[] typeVariable = {false};
            new SignatureReader(signature).accept(new SignatureVisitor(API) {
                @Override
                public SignatureVisitor visitReturnType() {
                    // Only the returned type itself (or the element type of an array) being a variable counts:
                    // List<T> erases to List, which the caller knows.
                    return new SignatureVisitor(API) {
                        private boolean classType;

                        @Override
                        public void visitClassType(String name) {
                            classType = true;
                        }

                        @Override
                        public void visitTypeVariable(String name) {
                            if (!classType) {
                                typeVariable[0] = true;
                            }
                        }
                    };
                }
            });
            if (typeVariable[0]) {
                return null;
            }
        }
        Type t = Type.getReturnType(descriptor);
        return switch (t.getSort()) {
            case Type.ARRAY -> qualified(t.getElementType().getClassName().replace('.', '/'))
                    + "[]".repeat(t.getDimensions());
            case Type.OBJECT -> qualified(t.getInternalName());
            default -> t.getClassName();
        };
    }

    /** The superclass and interfaces of a class signature, each with its type arguments as text. */
    private static final class SupertypeSignature extends SignatureVisitor {
        final List<GenericType> types = new ArrayList<>();
        private TypeText current;

        SupertypeSignature() {
            super(API);
        }

        @Override
        public SignatureVisitor visitSuperclass() {
            finish();
            current = new TypeText();
            return current;
        }

        @Override
        public SignatureVisitor visitInterface() {
            finish();
            current = new TypeText();
            return current;
        }

        void finish() {
            if (current != null && current.name != null) {
                types.add(new GenericType(current.name, current.arguments));
            }
            current = null;
        }
    }

    /** One class type of a signature: its name and its arguments rendered as text. */
    private static class TypeText extends SignatureVisitor {
        String name;
        final List<String> arguments = new ArrayList<>();
        private String text;

        TypeText() {
            super(API);
        }

        @Override
        public void visitClassType(String internalName) {
            name = qualified(internalName);
        }

        @Override
        public void visitInnerClassType(String inner) {
            name = name + "." + inner;
            arguments.clear();
        }

        @Override
        public void visitTypeArgument() {
            arguments.add("?");
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            TypeText parent = this;
            return new TypeText() {
                @Override
                public void visitEnd() {
                    String rendered = render();
                    parent.arguments.add(wildcard == '+' ? "? extends " + rendered
                            : wildcard == '-' ? "? super " + rendered : rendered);
                }
            };
        }

        @Override
        public void visitTypeVariable(String variable) {
            text = variable;
            visitEnd();
        }

        @Override
        public void visitBaseType(char descriptor) {
            text = Type.getType(String.valueOf(descriptor)).getClassName();
            visitEnd();
        }

        @Override
        public SignatureVisitor visitArrayType() {
            TypeText outer = this;
            return new TypeText() {
                @Override
                public void visitEnd() {
                    outer.text = render() + "[]";
                    outer.visitEnd();
                }
            };
        }

        String render() {
            if (text != null) {
                return text;
            }
            return arguments.isEmpty() ? name : name + "<" + String.join(", ", arguments) + ">";
        }
    }
}
