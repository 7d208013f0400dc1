package dev.dbcheck.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .properties} text as {@link java.util.Properties} does (comments, {@code =}, {@code :} and
 * whitespace separators, backslash continuations and escapes), but keeps the line and column of every key.
 * Spring Boot's multi-document separator ({@code #---} or {@code !---} alone on a line) starts a new document.
 */
final class PropertiesParser {

    private PropertiesParser() {}

    static List<ConfigProperty> parse(String text, String fileProfile) {
        List<ConfigProperty> out = new ArrayList<>();
        String[] lines = ConfigFiles.withoutBom(text).split("\r\n|\r|\n", -1);
        int document = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int start = firstNonWhitespace(line);
            if (start < 0) {
                continue;
            }
            char first = line.charAt(start);
            if (first == '#' || first == '!') {
                if (line.strip().equals("#---") || line.strip().equals("!---")) {
                    document++;
                }
                continue;
            }
            // Join continuation lines (an odd number of trailing backslashes).
            int keyLine = i;
            StringBuilder logical = new StringBuilder(line.substring(start));
            while (endsWithContinuation(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                i++;
                String next = lines[i];
                int ns = firstNonWhitespace(next);
                logical.append(ns < 0 ? "" : next.substring(ns));
            }
            if (endsWithContinuation(logical)) {
                logical.setLength(logical.length() - 1);
            }
            String l = logical.toString();
            int keyEnd = 0;
            while (keyEnd < l.length()) {
                char c = l.charAt(keyEnd);
                if (c == '\\') {
                    keyEnd += 2;
                    continue;
                }
                if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                    break;
                }
                keyEnd++;
            }
            keyEnd = Math.min(keyEnd, l.length());
            String rawKey = unescape(l.substring(0, keyEnd));
            int v = keyEnd;
            while (v < l.length() && Character.isWhitespace(l.charAt(v))) {
                v++;
            }
            if (v < l.length() && (l.charAt(v) == '=' || l.charAt(v) == ':')) {
                v++;
            }
            while (v < l.length() && Character.isWhitespace(l.charAt(v))) {
                v++;
            }
            String value = unescape(l.substring(v));
            String profile = null; // the file's or the document's, unless a Quarkus prefix says
            String key = rawKey;
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                if (dot > 1) {
                    profile = key.substring(1, dot);
                    key = key.substring(dot + 1);
                }
            }
            int column = start + 1;
            int endColumn = start + Math.max(1, keyEnd);
            out.add(new ConfigProperty(key, RelaxedNames.canonical(key), value, profile, document, keyLine + 1,
                    column, keyLine + 1, endColumn));
        }
        return lastWins(withDocumentProfiles(out, fileProfile));
    }

    /** Each document's profile ({@code spring.config.activate.on-profile} after {@code #---}), else the file's. */
    private static List<ConfigProperty> withDocumentProfiles(List<ConfigProperty> properties, String fileProfile) {
        Map<Integer, List<ConfigProperty>> documents = new LinkedHashMap<>();
        for (ConfigProperty p : properties) {
            documents.computeIfAbsent(p.document(), d -> new ArrayList<>()).add(p);
        }
        List<ConfigProperty> out = new ArrayList<>(properties.size());
        for (List<ConfigProperty> document : documents.values()) {
            String profile = Profiles.ofDocument(document).orElse(fileProfile);
            for (ConfigProperty p : document) {
                out.add(p.profile() != null ? p : new ConfigProperty(p.key(), p.canonicalKey(), p.value(), profile,
                        p.document(), p.line(), p.column(), p.endLine(), p.endColumn()));
            }
        }
        return out;
    }

    /** A key written twice (the same text) in one document keeps its last value, as {@link java.util.Properties} does. */
    private static List<ConfigProperty> lastWins(List<ConfigProperty> properties) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < properties.size(); i++) {
            ConfigProperty p = properties.get(i);
            last.put(p.document() + "\0" + p.profile() + "\0" + p.key(), i);
        }
        List<ConfigProperty> out = new ArrayList<>(last.size());
        for (int i = 0; i < properties.size(); i++) {
            ConfigProperty p = properties.get(i);
            if (last.get(p.document() + "\0" + p.profile() + "\0" + p.key()) == i) {
                out.add(p);
            }
        }
        return out;
    }

    private static int firstNonWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\f') {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        try {
                            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException e) {
                            out.append('u');
                        }
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
