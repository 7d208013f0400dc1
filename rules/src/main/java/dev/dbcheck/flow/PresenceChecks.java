package dev.dbcheck.flow;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import dev.dbcheck.types.TypeResolver;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The ways Java code asks "is there a value?": null comparisons, {@code Objects.isNull}, {@code isEmpty} /
 * {@code isBlank} / {@code isPresent}, the emptiness helpers of commons-lang, Spring and Guava, and for a
 * boolean presence probe ({@code hasKey}, {@code exists}, {@code containsKey}) the probe itself. Kept as
 * tables; {@link MissBranch} combines them through {@code !}, {@code &&} and {@code ||}.
 */
final class PresenceChecks {

    /** What an atomic test says about its subject when it is true. */
    enum Verdict {
        ABSENT,
        PRESENT,
        UNRELATED
    }

    /** The kind of test, for callers that describe the shape they found. */
    enum Kind {
        NULL_CHECK,
        EMPTY_CHECK,
        OPTIONAL_CHECK,
        PRESENCE_CHECK
    }

    record Atom(Verdict verdict, Kind kind) {
        static final Atom NONE = new Atom(Verdict.UNRELATED, null);
    }

    /**
     * Static helpers that are true when their argument is null or empty. Hutool's (dromara/hutool, hutool-core:
     * {@code cn.hutool.core.util.StrUtil} extends {@code cn.hutool.core.text.CharSequenceUtil}, which declares
     * {@code isBlank}/{@code isNotBlank}/{@code isEmpty}/{@code isNotEmpty}; {@code ObjectUtil} and
     * {@code CollUtil} declare {@code isEmpty}/{@code isNotEmpty}).
     */
    static final Set<String> EMPTINESS_HELPER_OWNERS = Set.of(
            "org.apache.commons.lang3.StringUtils",
            "org.apache.commons.lang.StringUtils",
            "org.springframework.util.StringUtils",
            "org.springframework.util.ObjectUtils",
            "org.springframework.util.CollectionUtils",
            "org.apache.commons.collections4.CollectionUtils",
            "com.google.common.base.Strings",
            "cn.hutool.core.util.StrUtil",
            "cn.hutool.core.text.CharSequenceUtil",
            "cn.hutool.core.util.ObjectUtil",
            "cn.hutool.core.collection.CollUtil");

    /**
     * Static null checks besides {@code Objects.isNull}/{@code nonNull}: hutool's {@code ObjectUtil.isNull} and
     * {@code isNotNull} (dromara/hutool: hutool-core/src/main/java/cn/hutool/core/util/ObjectUtil.java).
     */
    private static final Set<String> NULL_HELPER_OWNERS = Set.of("cn.hutool.core.util.ObjectUtil");
    static final Set<String> ABSENT_HELPERS = Set.of("isEmpty", "isBlank", "isNullOrEmpty");
    static final Set<String> PRESENT_HELPERS = Set.of("isNotEmpty", "isNotBlank", "hasText", "hasLength");

    /** Instance methods of the value itself (String, Optional, collections). */
    static final Set<String> ABSENT_METHODS = Set.of("isEmpty", "isBlank");
    static final Set<String> PRESENT_METHODS = Set.of("isPresent");

    private static final String OBJECTS = "java.util.Objects";
    private static final String BOOLEAN = "java.lang.Boolean";

    private PresenceChecks() {}

    /**
     * Classifies one atomic condition.
     *
     * @param subject whether an expression denotes the value under test (unwrapped by the caller)
     * @param presenceProbe whether the subject is itself a boolean "is it there?" answer
     */
    static Atom classify(Expression c, Predicate<Expression> subject, boolean presenceProbe, TypeResolver types) {
        if (c instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.EQUALS
                || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
            Expression other = b.getLeft() instanceof NullLiteralExpr ? b.getRight()
                    : b.getRight() instanceof NullLiteralExpr ? b.getLeft() : null;
            if (other != null && subject.test(other)) {
                return new Atom(b.getOperator() == BinaryExpr.Operator.EQUALS ? Verdict.ABSENT : Verdict.PRESENT,
                        Kind.NULL_CHECK);
            }
            return Atom.NONE;
        }
        if (c instanceof MethodCallExpr m) {
            String name = m.getNameAsString();
            if (m.getScope().isPresent() && m.getArguments().isEmpty() && subject.test(m.getScope().get())) {
                if (ABSENT_METHODS.contains(name)) {
                    return new Atom(Verdict.ABSENT, Kind.EMPTY_CHECK);
                }
                if (PRESENT_METHODS.contains(name)) {
                    return new Atom(Verdict.PRESENT, Kind.OPTIONAL_CHECK);
                }
            }
            if (m.getArguments().size() == 1 && subject.test(m.getArgument(0))) {
                Optional<String> owner = staticOwner(m, types);
                if (owner.isPresent()) {
                    if (owner.get().equals(OBJECTS) && (name.equals("isNull") || name.equals("nonNull"))) {
                        return new Atom(name.equals("isNull") ? Verdict.ABSENT : Verdict.PRESENT, Kind.NULL_CHECK);
                    }
                    if (NULL_HELPER_OWNERS.contains(owner.get()) && (name.equals("isNull") || name.equals("isNotNull"))) {
                        return new Atom(name.equals("isNull") ? Verdict.ABSENT : Verdict.PRESENT, Kind.NULL_CHECK);
                    }
                    if (EMPTINESS_HELPER_OWNERS.contains(owner.get())) {
                        if (ABSENT_HELPERS.contains(name)) {
                            return new Atom(Verdict.ABSENT, Kind.EMPTY_CHECK);
                        }
                        if (PRESENT_HELPERS.contains(name)) {
                            return new Atom(Verdict.PRESENT, Kind.EMPTY_CHECK);
                        }
                    }
                }
                // Boolean.TRUE.equals(redis.hasKey(key)): the null-safe way to read a Boolean probe.
                if (presenceProbe && name.equals("equals") && m.getScope().isPresent()
                        && m.getScope().get() instanceof FieldAccessExpr f
                        && types.typeReferencedBy(f.getScope()).filter(BOOLEAN::equals).isPresent()) {
                    String constant = f.getNameAsString();
                    if (constant.equals("TRUE") || constant.equals("FALSE")) {
                        return new Atom(constant.equals("TRUE") ? Verdict.PRESENT : Verdict.ABSENT,
                                Kind.PRESENCE_CHECK);
                    }
                }
            }
            if (presenceProbe && subject.test(m)) {
                return new Atom(Verdict.PRESENT, Kind.PRESENCE_CHECK);
            }
            return Atom.NONE;
        }
        if (presenceProbe && c instanceof NameExpr && subject.test(c)) {
            return new Atom(Verdict.PRESENT, Kind.PRESENCE_CHECK);
        }
        return Atom.NONE;
    }

    private static Optional<String> staticOwner(MethodCallExpr m, TypeResolver types) {
        if (m.getScope().isEmpty()) {
            return types.staticImportOwner(m.getNameAsString());
        }
        return types.typeReferencedBy(m.getScope().get());
    }
}
