package dev.dbcheck.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbcheck.finding.Family;
import dev.dbcheck.finding.Severity;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rule.ResourceRule;
import dev.dbcheck.rule.RuleMetadata;
import org.junit.jupiter.api.Test;

/** XML comments carry expectations too: {@code <!-- expect: Rule -->}, alone on a line or after code. */
class RuleTesterXmlMarkerTest {

    /** Flags every line that contains "<bad". */
    static final class BadElement implements ResourceRule {
        @Override
        public RuleMetadata metadata() {
            return RuleMetadata.builder("BadElement").family(Family.DESTRUCTIVE_SQL).severity(Severity.WARNING)
                    .summary("s").explanation("e").fix("f").badExample("<bad/>").goodExample("<good/>").build();
        }

        @Override
        public boolean appliesTo(ResourceFile file) {
            return file.lowerCaseName().endsWith(".xml");
        }

        @Override
        public void analyze(ResourceFile file, ResourceContext context) {
            for (int i = 0; i < file.lines().size(); i++) {
                int column = file.lines().get(i).indexOf("<bad");
                if (column >= 0) {
                    context.report(i + 1, column + 1, i + 1, column + 6, "bad element here");
                }
            }
        }
    }

    @Test
    void xmlCommentMarkersAloneAndTrailing() {
        RuleTester.of(new BadElement()).file("src/main/resources/a.xml", """
                <root>
                  <!-- expect: BadElement "bad element" -->
                  <bad/>
                  <bad/> <!-- expect: BadElement -->
                  <good/>
                </root>
                """).expectMarkedFindings();
    }

    @Test
    void aMissingXmlExpectationFails() {
        assertThrows(AssertionError.class, () -> RuleTester.of(new BadElement()).file("src/main/resources/a.xml", """
                <root>
                  <!-- expect: BadElement -->
                  <good/>
                </root>
                """).expectMarkedFindings());
    }
}
