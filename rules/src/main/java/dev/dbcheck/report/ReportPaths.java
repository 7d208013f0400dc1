package dev.dbcheck.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How reports name files: portable '/'-separated paths relative to the project directory, and the URIs
 * SARIF needs for them. Relative paths keep reports comparable between machines and checkouts.
 */
public final class ReportPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ReportPaths() {}

    /**
     * The path of {@code file} relative to {@code baseDir}, '/'-separated, or empty when the file is not
     * inside {@code baseDir}.
     */
    public static Optional<String> relative(Path baseDir, Path file) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            return Optional.empty();
        }
        StringJoiner joined = new StringJoiner("/");
        for (Path name : base.relativize(target)) {
            joined.add(name.toString());
        }
        return Optional.of(joined.toString());
    }

    /**
     * The relative path when {@code file} is inside {@code baseDir}, otherwise its absolute path with '/'
     * separators. Never depends on the platform's separator.
     */
    public static String portable(Path baseDir, Path file) {
        return relative(baseDir, file).orElseGet(() -> slashes(file.toAbsolutePath().normalize()));
    }

    /** A relative URI reference for a '/'-separated relative path: every segment percent-encoded. */
    static String relativeUri(String relativePath) {
        // ':' is encoded too: "a:b/C.java" would otherwise read as a URI with scheme "a".
        return encode(relativePath, false);
    }

    /**
     * The {@code file:} URI of an absolute path. Directories end with '/', which SARIF requires of
     * {@code originalUriBaseIds} so that relative URIs resolve beneath them.
     */
    static String fileUri(Path path, boolean directory) {
        String p = slashes(path.toAbsolutePath().normalize());
        if (directory && !p.endsWith("/")) {
            p = p + "/";
        }
        String encoded = encode(p, true);
        if (p.startsWith("//")) {
            return "file:" + encoded; // UNC path: the server is the authority
        }
        return p.startsWith("/") ? "file://" + encoded : "file:///" + encoded; // "C:/x" needs "file:///"
    }

    private static String slashes(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /** Percent-encodes the UTF-8 bytes of everything but RFC 3986 path characters and '/'. */
    private static String encode(String path, boolean keepColon) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPathChar(c) || (keepColon && c == ':')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=@/".indexOf(c) >= 0;
    }
}
