package dev.dbcheck.classpath;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipFile;

/**
 * The package folders ({@code a/b}) a jar holds class files in, read from its central directory alone: one read of
 * the directory's bytes, the entry names scanned in place, no {@link ZipFile} opened and no entry object made. A
 * class path lists every jar's packages once (so that a name in a package no jar has costs one hash lookup), and
 * most of a class path's jars hold no type the project names: with the JDK's {@code ZipFile}, listing them opened
 * each one (its central directory read and hashed) and made an entry object per entry, which was most of what a
 * class path cost a cold run.
 *
 * <p>Remembered per jar (path, size, modification time) for the life of the JVM: the modules of one Maven build
 * share most of their class path, and the plugin analyses them in one JVM. A jar the reader does not understand
 * (ZIP64, a damaged directory) is listed through {@code ZipFile}, as before.
 */
final class JarPackages {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int ENTRY_HEADER = 46;
    /** Jars remembered at most; past it the memo starts over (a long-lived JVM over many class paths). */
    private static final int MAX_REMEMBERED = 4096;

    private record Key(Path path, long size, long modified) {}

    private static final Map<Key, Set<String>> REMEMBERED = new ConcurrentHashMap<>();

    private JarPackages() {}

    /** The packages of the jar at {@code path}; throws when it cannot be read at all. */
    static Set<String> of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        Key key = new Key(path, a.size(), a.lastModifiedTime().toMillis());
        Set<String> known = REMEMBERED.get(key);
        if (known != null) {
            return known;
        }
        Set<String> read = read(path);
        if (REMEMBERED.size() >= MAX_REMEMBERED) {
            REMEMBERED.clear();
        }
        REMEMBERED.put(key, read);
        return read;
    }

    static Set<String> read(Path path) throws IOException {
        Set<String> fromDirectory = centralDirectory(path);
        return fromDirectory != null ? fromDirectory : throughZipFile(path);
    }

    /** The listing through the JDK's {@code ZipFile}: every entry's name. */
    static Set<String> throughZipFile(Path path) throws IOException {
        Set<String> out = new HashSet<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            var all = zip.entries();
            while (all.hasMoreElements()) {
                String name = all.nextElement().getName();
                if (name.endsWith(".class")) {
                    int slash = name.lastIndexOf('/');
                    out.add(slash < 0 ? "" : name.substring(0, slash));
                }
            }
        }
        return Set.copyOf(out);
    }

    /** The packages from the central directory, or null when this reader cannot tell (then ZipFile decides). */
    static Set<String> centralDirectory(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < END_SIZE) {
                return null;
            }
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - END_SIZE; i >= 0; i--) {
                if (tail.getInt(i) == END_SIGNATURE && i + END_SIZE + (tail.getShort(i + 20) & 0xFFFF) == tailLength) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return null;
            }
            int entries = tail.getShort(end + 10) & 0xFFFF;
            long directorySize = tail.getInt(end + 12) & 0xFFFFFFFFL;
            long directoryOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
            if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
                return null; // ZIP64
            }
            // Where the directory is: just before the end record (a jar with bytes before the zip, such as a
            // launcher script, has its offsets shifted by them).
            long endPosition = size - tailLength + end;
            long start = endPosition - directorySize;
            if (start < 0 || directorySize > Integer.MAX_VALUE) {
                return null;
            }
            ByteBuffer directory = read(channel, start, (int) directorySize);
            return packages(directory, entries);
        }
    }

    private static Set<String> packages(ByteBuffer d, int entries) {
        Set<String> out = new HashSet<>();
        byte[] bytes = d.array();
        int limit = d.limit();
        int p = 0;
        int lastFrom = -1;
        int lastLength = -1;
        for (int n = 0; n < entries; n++) {
            if (p + ENTRY_HEADER > limit || d.getInt(p) != ENTRY_SIGNATURE) {
                return null;
            }
            int nameLength = d.getShort(p + 28) & 0xFFFF;
            int extraLength = d.getShort(p + 30) & 0xFFFF;
            int commentLength = d.getShort(p + 32) & 0xFFFF;
            int name = p + ENTRY_HEADER;
            if (name + nameLength > limit) {
                return null;
            }
            if (endsWithClass(bytes, name, nameLength)) {
                int slash = lastSlash(bytes, name, nameLength);
                int length = slash < 0 ? 0 : slash - name;
                // Entries come grouped by folder: a package is decoded once per run of its entries.
                if (length != lastLength || !Arrays.equals(bytes, name, name + length, bytes, lastFrom,
                        lastFrom + length)) {
                    out.add(new String(bytes, name, length, StandardCharsets.UTF_8));
                    lastFrom = name;
                    lastLength = length;
                }
            }
            p = name + nameLength + extraLength + commentLength;
        }
        return Set.copyOf(out);
    }

    private static boolean endsWithClass(byte[] b, int from, int length) {
        return length >= 6 && b[from + length - 6] == '.' && b[from + length - 5] == 'c' && b[from + length - 4] == 'l'
                && b[from + length - 3] == 'a' && b[from + length - 2] == 's' && b[from + length - 1] == 's';
    }

    private static int lastSlash(byte[] b, int from, int length) {
        for (int i = from + length - 1; i >= from; i--) {
            if (b[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
