package dev.dbcheck.types;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import java.util.Optional;

/** Reads the members of an annotation as written, whichever of Java's three annotation forms it uses. */
public final class Annotations {

    private Annotations() {}

    /**
     * The expression written for member {@code name}: {@code @A(x)} is member {@code value}; a marker annotation
     * ({@code @A}) or an absent member gives nothing (defaults live in the annotation type, not in source).
     */
    public static Optional<Expression> member(AnnotationExpr annotation, String name) {
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            return name.equals("value") ? Optional.of(single.getMemberValue()) : Optional.empty();
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals(name)) {
                    return Optional.of(pair.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
