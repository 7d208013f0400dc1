package dev.dbcheck.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages real source files the ways real inputs are damaged: lines deleted, files truncated, braces
 * unbalanced, random bytes inserted, non-UTF-8 text, and pathological shapes (huge generated files, deep
 * nesting). Deterministic for a seed, so a failing variant can be reproduced.
 */
public final class Mutator {

    /** One damaged file: what was done (for the report) and its bytes. */
    public record Variant(String kind, byte[] content) {}

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** Every kind of damage applied once to {@code source}. */
    public List<Variant> variantsOf(String source) {
        List<Variant> out = new ArrayList<>();
        out.add(text("deleted-lines", deleteLines(source)));
        out.add(text("truncated", source.substring(0, random.nextInt(Math.max(1, source.length())))));
        out.add(text("unbalanced-braces", unbalance(source)));
        out.add(new Variant("random-bytes", randomBytes(source.getBytes(StandardCharsets.UTF_8))));
        out.add(new Variant("latin-1", source.replace("\"", "\"\u00e9\u00fc").getBytes(StandardCharsets.ISO_8859_1)));
        out.add(new Variant("invalid-utf-8", invalidUtf8(source.getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    /** A very large but valid generated class (generated code is real input too). */
    public static Variant hugeFile(int methods) {
        StringBuilder sb = new StringBuilder("package gen;\nimport software.amazon.awssdk.services.dynamodb.DynamoDbClient;\n"
                + "public class Huge {\n  DynamoDbClient dynamo;\n");
        for (int i = 0; i < methods; i++) {
            sb.append("  String m").append(i).append("(String a) { String s = \"k").append(i)
                    .append("\" + a; if (s.isEmpty()) { return null; } return s.trim(); }\n");
        }
        return text("huge-file", sb.append("}\n").toString());
    }

    /** Expressions and blocks nested thousands deep. */
    public static Variant deepNesting(int depth) {
        String expr = "(".repeat(depth) + "1" + ")".repeat(depth);
        String blocks = "{".repeat(depth) + "}".repeat(depth);
        String concat = "String s = \"a\"" + " + \"a\"".repeat(depth) + ";";
        return text("deep-nesting", "package gen;\nclass Deep {\n int x = " + expr + ";\n void f() " + blocks
                + "\n void g() { " + concat + " }\n}\n");
    }

    private static Variant text(String kind, String content) {
        return new Variant(kind, content.getBytes(StandardCharsets.UTF_8));
    }

    private String deleteLines(String source) {
        String[] lines = source.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (random.nextInt(10) != 0) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private String unbalance(String source) {
        StringBuilder sb = new StringBuilder(source);
        for (int i = 0; i < 3 && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            if (random.nextBoolean()) {
                sb.insert(at, random.nextBoolean() ? '{' : '(');
            } else {
                int brace = sb.indexOf("}", at);
                if (brace >= 0) {
                    sb.deleteCharAt(brace);
                }
            }
        }
        return sb.toString();
    }

    private byte[] randomBytes(byte[] source) {
        byte[] out = source.clone();
        int changes = 1 + out.length / 200;
        for (int i = 0; i < changes && out.length > 0; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] invalidUtf8(byte[] source) {
        byte[] out = new byte[source.length + 4];
        int at = random.nextInt(source.length + 1);
        System.arraycopy(source, 0, out, 0, at);
        out[at] = (byte) 0xC3;
        out[at + 1] = (byte) 0x28;
        out[at + 2] = (byte) 0xFF;
        out[at + 3] = (byte) 0xFE;
        System.arraycopy(source, at, out, at + 4, source.length - at);
        return out;
    }
}
