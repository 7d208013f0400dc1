package dev.dbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportPathsTest {

    private static final Path BASE = Path.of("/work/project").toAbsolutePath();

    @Test
    void relativePathUsesSlashes() {
        assertEquals(Optional.of("src/main/java/A.java"), ReportPaths.relative(BASE, BASE.resolve("src/main/java/A.java")));
        assertEquals(Optional.of("A.java"), ReportPaths.relative(BASE, BASE.resolve("x/../A.java")));
    }

    @Test
    void fileOutsideOrEqualToBaseHasNoRelativePath() {
        assertEquals(Optional.empty(), ReportPaths.relative(BASE, BASE.resolveSibling("project2/A.java")));
        assertEquals(Optional.empty(), ReportPaths.relative(BASE, BASE));
        assertEquals(BASE.resolveSibling("other/A.java").toString().replace('\\', '/'),
                ReportPaths.portable(BASE, BASE.resolveSibling("other/A.java")));
    }

    @Test
    void relativeUriEncodesEverythingOutsideRfc3986PathCharacters() {
        assertEquals("my%20dir/l%C3%A9gacy/a%3Ab%25c%23d%3Fe%5Bf%5D.java",
                ReportPaths.relativeUri("my dir/légacy/a:b%c#d?e[f].java"));
        assertEquals("a-b_c.d~e!$&'()*+,;=@/F.java", ReportPaths.relativeUri("a-b_c.d~e!$&'()*+,;=@/F.java"));
    }

    @Test
    void fileUriOfADirectoryEndsWithASlash() {
        Path dir = Path.of("/srv/my project").toAbsolutePath();
        String uri = ReportPaths.fileUri(dir, true);
        // The JDK's own file URI (no trailing slash here, as the directory does not exist) agrees.
        assertEquals(dir.toUri() + "/", uri);
        if (dir.getFileSystem().getSeparator().equals("/")) {
            assertEquals("file:///srv/my%20project/", uri);
        }
        assertEquals(uri + "A.java", ReportPaths.fileUri(dir.resolve("A.java"), false));
    }
}
