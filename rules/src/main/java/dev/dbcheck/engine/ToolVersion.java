package dev.dbcheck.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of dbcheck itself, as reports state it. Maven filters it into
 * {@code dev/dbcheck/version.properties} at build time, so it cannot drift from the POM.
 */
public final class ToolVersion {

    private static final String RESOURCE = "/dev/dbcheck/version.properties";

    private ToolVersion() {}

    /**
     * The version of the running dbcheck, e.g. {@code 0.1.0}.
     *
     * @throws IllegalStateException when the resource is missing or was not filtered (a broken build)
     */
    public static String current() {
        return Holder.VERSION;
    }

    /**
     * When this build of dbcheck was made. Part of the incremental-cache key, so a rebuilt snapshot with
     * changed rules never reuses results of the old one.
     */
    public static String build() {
        return Holder.BUILD;
    }

    private static final class Holder {
        static final String VERSION = load("version");
        static final String BUILD = load("build");
    }

    private static String load(String key) {
        try (InputStream in = ToolVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty(key, "").trim();
            if (version.isEmpty() || version.contains("${")) {
                throw new IllegalStateException(
                        RESOURCE + " has no filtered " + key + " (got '" + version + "'); build with Maven");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
