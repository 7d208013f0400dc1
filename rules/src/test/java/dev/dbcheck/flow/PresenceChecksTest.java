package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.dbcheck.flow.PresenceChecks.Kind;
import dev.dbcheck.flow.PresenceChecks.Verdict;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.ProjectTypes;
import dev.dbcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hutool's blank and null checks are presence checks, imported one by one or on demand; look-alikes are not. */
class PresenceChecksTest {

    /** The verdict and kind of each {@code if} condition of {@code body}, whose subject is the local {@code v}. */
    private static List<String> verdicts(String imports, String body) {
        String source = "package p;\n" + imports + "\nclass A { void f(String v) {\n" + body + "\n} }";
        CompilationUnit cu = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(source).getResult().orElseThrow();
        TypeResolver types = new TypeResolver(cu, ProjectTypes.none(), LibraryTypes.get());
        List<String> out = new ArrayList<>();
        for (IfStmt test : cu.findAll(IfStmt.class)) {
            PresenceChecks.Atom atom = PresenceChecks.classify(test.getCondition(), PresenceChecksTest::isV, false,
                    types);
            out.add(atom.verdict() + (atom.kind() == null ? "" : " " + atom.kind()));
        }
        return out;
    }

    private static boolean isV(Expression e) {
        return e instanceof NameExpr n && n.getNameAsString().equals("v");
    }

    private static final String CHECKS = """
            if (StrUtil.isBlank(v)) { }
            if (StrUtil.isNotBlank(v)) { }
            if (StrUtil.isEmpty(v)) { }
            if (StrUtil.isNotEmpty(v)) { }
            if (ObjectUtil.isNull(v)) { }
            if (ObjectUtil.isNotNull(v)) { }
            if (ObjectUtil.isEmpty(v)) { }
            if (ObjectUtil.isNotEmpty(v)) { }
            if (CharSequenceUtil.isBlank(v)) { }
            """;

    private static final List<String> HUTOOL = List.of("ABSENT EMPTY_CHECK", "PRESENT EMPTY_CHECK",
            "ABSENT EMPTY_CHECK", "PRESENT EMPTY_CHECK", "ABSENT NULL_CHECK", "PRESENT NULL_CHECK",
            "ABSENT EMPTY_CHECK", "PRESENT EMPTY_CHECK", "ABSENT EMPTY_CHECK");

    @Test
    void hutoolsBlankAndNullChecksImportedOneByOne() {
        assertEquals(HUTOOL, verdicts("""
                import cn.hutool.core.util.StrUtil;
                import cn.hutool.core.util.ObjectUtil;
                import cn.hutool.core.text.CharSequenceUtil;""", CHECKS));
    }

    @Test
    void hutoolsBlankAndNullChecksImportedOnDemand() {
        assertEquals(HUTOOL, verdicts("import cn.hutool.core.util.*;\nimport cn.hutool.core.text.*;", CHECKS));
    }

    @Test
    void aProjectsOwnStrUtilIsNotHutools() {
        List<String> unrelated = CHECKS.lines().map(l -> "UNRELATED").toList();
        assertEquals(unrelated, verdicts("import p.util.StrUtil;\nimport p.util.ObjectUtil;\nimport p.util.CharSequenceUtil;",
                CHECKS));
    }
}
