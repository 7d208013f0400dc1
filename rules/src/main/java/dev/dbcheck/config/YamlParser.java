package dev.dbcheck.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Flattens every document of a YAML file to dotted keys with the position of each key, through SnakeYAML's
 * node API (composition only: no object is ever constructed from the text, so no type tags are honoured).
 */
final class YamlParser {

    /** Deeper nesting than this is not configuration: stop rather than overflow. */
    private static final int MAX_DEPTH = 64;

    private YamlParser() {}

    static List<ConfigProperty> parse(String text, String fileProfile) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setProcessComments(false);
        // Tags (Kubernetes "!!binary", Spring Cloud "!vault", global tags) are only read, never constructed.
        options.setTagInspector(tag -> true);
        Yaml yaml = new Yaml(options);
        List<ConfigProperty> out = new ArrayList<>();
        int document = 0;
        try {
            for (Node root : yaml.composeAll(new StringReader(text))) {
                if (root != null) {
                    List<ConfigProperty> doc = new ArrayList<>();
                    flatten(root, "", null, document, doc, 0);
                    String profile = documentProfile(doc).orElse(fileProfile);
                    for (ConfigProperty p : doc) {
                        out.add(withProfile(p, profile));
                    }
                }
                document++;
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ConfigSyntaxException(mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, e.getProblem() == null ? e.getMessage() : e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigSyntaxException(0, 0, e.getMessage());
        }
        return out;
    }

    private static ConfigProperty withProfile(ConfigProperty p, String documentProfile) {
        String key = p.key();
        String profile = documentProfile;
        // Quarkus writes profiles as a "%prod" top-level key in YAML too.
        if (key.startsWith("%") || key.startsWith("\"%")) {
            String stripped = key.startsWith("\"") ? key.substring(1) : key;
            List<String> segments = RelaxedNames.segments(key);
            String first = segments.get(0).replace("\"", "");
            profile = first.substring(1);
            key = String.join(".", segments.subList(1, segments.size()));
            if (key.isEmpty()) {
                key = stripped;
            }
        }
        return new ConfigProperty(key, RelaxedNames.canonical(key), p.value(), profile, p.document(), p.line(),
                p.column(), p.endLine(), p.endColumn());
    }

    /** Spring Boot's {@code spring.config.activate.on-profile} (2.4+) or legacy {@code spring.profiles}. */
    private static java.util.Optional<String> documentProfile(List<ConfigProperty> doc) {
        for (ConfigProperty p : doc) {
            String k = RelaxedNames.canonical(p.key());
            if ((k.equals("spring.config.activate.onprofile") || k.equals("spring.profiles")) && p.value() != null
                    && !p.value().isBlank()) {
                return java.util.Optional.of(p.value().trim());
            }
        }
        return java.util.Optional.empty();
    }

    private static void flatten(Node node, String path, ScalarNode keyNode, int document, List<ConfigProperty> out,
            int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof MappingNode map) {
            if (map.getValue().isEmpty() && keyNode != null) {
                out.add(property(path, null, keyNode, document));
            }
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                String name = k.getValue();
                String child = path.isEmpty() ? name : path + "." + name;
                flatten(t.getValueNode(), child, k, document, out, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                ScalarNode position = item instanceof ScalarNode s ? s : keyNode;
                flatten(item, path + "[" + i + "]", position, document, out, depth + 1);
            }
        } else if (node instanceof ScalarNode scalar) {
            ScalarNode at = keyNode != null ? keyNode : scalar;
            out.add(property(path, scalar.getValue(), at, document));
        }
    }

    private static ConfigProperty property(String key, String value, ScalarNode at, int document) {
        Mark start = at.getStartMark();
        Mark end = at.getEndMark();
        int endLine = end.getLine() + 1;
        // SnakeYAML's end mark points just past the key; the finding's end column is inclusive.
        int endColumn = Math.max(start.getColumn() + 1, end.getColumn());
        if (endLine != start.getLine() + 1) {
            endLine = start.getLine() + 1;
            endColumn = start.getColumn() + Math.max(1, at.getValue().length());
        }
        return new ConfigProperty(key, RelaxedNames.canonical(key), value, "", document, start.getLine() + 1,
                start.getColumn() + 1, endLine, endColumn);
    }
}
