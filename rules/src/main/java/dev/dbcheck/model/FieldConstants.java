package dev.dbcheck.model;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The value of a constant string field as its own file says it, for the declarations: string literals, text blocks,
 * concatenations of them (with integer and character literals), and other constants of the same type or of an
 * enclosing one by simple name ({@code MENU = GLOBALLY + "menu"}). Anything else (a call, another file's constant)
 * gives no value, so a constant is known only where its text is certain.
 */
final class FieldConstants {

    private FieldConstants() {}

    /** The value of {@code field} when it is a constant string field, else empty. */
    static Optional<String> stringValue(VariableDeclarator field) {
        if (field.getInitializer().isEmpty() || !isConstant(field)) {
            return Optional.empty();
        }
        Optional<Object> value = value(field.getInitializer().get(), new HashSet<>());
        return value.filter(String.class::isInstance).map(String.class::cast);
    }

    /** A {@code static final} field, or any field of an interface (implicitly both). */
    private static boolean isConstant(VariableDeclarator variable) {
        return variable.getParentNode().filter(FieldDeclaration.class::isInstance).map(FieldDeclaration.class::cast)
                .filter(f -> f.isStatic() && f.isFinal() || f.getParentNode()
                        .filter(t -> t instanceof ClassOrInterfaceDeclaration c && c.isInterface()).isPresent())
                .isPresent();
    }

    private static Optional<Object> value(Expression e, Set<Node> visiting) {
        Optional<Object> literal = Literals.value(e);
        if (literal.isPresent()) {
            // A double or boolean constant would print differently in Java than here: only text and integers.
            return literal.filter(v -> v instanceof String || v instanceof Long || v instanceof Character);
        }
        if (e instanceof EnclosedExpr enclosed) {
            return value(enclosed.getInner(), visiting);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<Object> left = value(b.getLeft(), visiting);
            Optional<Object> right = left.isPresent() ? value(b.getRight(), visiting) : Optional.empty();
            // Only a concatenation with a string in it: 1 + 2 is a number, not "12" (and not worked out here).
            if (left.isPresent() && right.isPresent()
                    && (left.get() instanceof String || right.get() instanceof String)) {
                return Optional.of(String.valueOf(left.get()) + right.get());
            }
            return Optional.empty();
        }
        if (e instanceof NameExpr n) {
            return sibling(n, visiting);
        }
        return Optional.empty();
    }

    /** A constant of the same or an enclosing type, by simple name; null-safe against cycles. */
    private static Optional<Object> sibling(NameExpr name, Set<Node> visiting) {
        Optional<TypeDeclaration> type = name.findAncestor(TypeDeclaration.class);
        while (type.isPresent()) {
            for (FieldDeclaration f : ((TypeDeclaration<?>) type.get()).getFields()) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (v.getNameAsString().equals(name.getNameAsString())) {
                        if (!isConstant(v) || v.getInitializer().isEmpty() || !visiting.add(v)) {
                            return Optional.empty();
                        }
                        try {
                            return value(v.getInitializer().get(), visiting);
                        } finally {
                            visiting.remove(v);
                        }
                    }
                }
            }
            type = type.get().findAncestor(TypeDeclaration.class);
        }
        return Optional.empty();
    }
}
