package dev.dbcheck.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Real files are read as Spring Boot reads them: merge keys ({@code <<: *defaults}) are merged, a duplicate
 * key keeps its last value, a byte-order mark is skipped, and Maven resource-filtering tokens
 * ({@code @profiles.active@}, which YAML cannot start a value with) are read as the text they are.
 */
final class YamlParser {

    /** Deeper nesting than this is not configuration: stop rather than overflow. */
    private static final int MAX_DEPTH = 64;

    /**
     * More keys than this in one file, counted as aliases expand them, is not configuration but a "billion
     * laughs": SnakeYAML's limit on aliases (50) still lets a chain of them multiply to millions of nodes.
     */
    private static final int MAX_KEYS = 100_000;

    /** Thrown when a file expands past {@link #MAX_KEYS}. */
    private static final class TooManyKeys extends RuntimeException {
        /** The top-level key whose value expands too far. */
        Mark at;

        TooManyKeys() {
            super(null, null, false, false);
        }
    }

    private YamlParser() {}

    static List<ConfigProperty> parse(String text, String fileProfile) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setProcessComments(false);
        options.setMergeOnCompose(true);
        // Tags (Kubernetes "!!binary", Spring Cloud "!vault", global tags) are only read, never constructed.
        options.setTagInspector(tag -> true);
        Yaml yaml = new Yaml(options);
        List<ConfigProperty> out = new ArrayList<>();
        int document = 0;
        try {
            for (Node root : yaml.composeAll(new StringReader(MavenFilterTokens.hide(ConfigFiles.withoutBom(text))))) {
                if (root != null) {
                    List<ConfigProperty> doc = new ArrayList<>();
                    try {
                        flatten(root, "", null, document, doc, 0, new int[] {MAX_KEYS - out.size()});
                    } catch (TooManyKeys e) {
                        Mark at = e.at != null ? e.at : root.getStartMark();
                        throw new ConfigSyntaxException(at.getLine() + 1, at.getColumn() + 1, "aliases",
                                "the aliases under this key expand to more than " + MAX_KEYS
                                        + " keys, which no configuration needs");
                    }
                    String profile = Profiles.ofDocument(doc).orElse(fileProfile);
                    for (ConfigProperty p : doc) {
                        out.add(withProfile(p, profile));
                    }
                }
                document++;
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            boolean tab = problem != null && (problem.contains("(TAB)") || problem.contains("'\\t'"));
            throw new ConfigSyntaxException(mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, tab ? "tab indentation" : "YAML syntax",
                    tab ? "a tab indents this line, and YAML allows only spaces there (Spring Boot cannot read the "
                            + "file either)" : MavenFilterTokens.show(problem));
        } catch (YAMLException e) {
            throw new ConfigSyntaxException(0, 0, "YAML syntax", MavenFilterTokens.show(e.getMessage()));
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

    private static void flatten(Node node, String path, ScalarNode keyNode, int document, List<ConfigProperty> out,
            int depth, int[] budget) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (--budget[0] < 0) {
            throw new TooManyKeys();
        }
        if (node instanceof MappingNode map) {
            if (map.getValue().isEmpty() && keyNode != null) {
                out.add(property(path, null, keyNode, document));
            }
            // A key written twice keeps its last value, as the map Spring Boot builds does.
            Map<String, Integer> last = new HashMap<>();
            List<NodeTuple> tuples = map.getValue();
            for (int i = 0; i < tuples.size(); i++) {
                if (tuples.get(i).getKeyNode() instanceof ScalarNode k) {
                    last.put(k.getValue(), i);
                }
            }
            for (int i = 0; i < tuples.size(); i++) {
                NodeTuple t = tuples.get(i);
                if (!(t.getKeyNode() instanceof ScalarNode k) || last.get(k.getValue()) != i) {
                    continue;
                }
                String name = MavenFilterTokens.show(k.getValue());
                String child = path.isEmpty() ? name : path + "." + name;
                try {
                    flatten(t.getValueNode(), child, k, document, out, depth + 1, budget);
                } catch (TooManyKeys e) {
                    if (depth == 0 && e.at == null) {
                        e.at = k.getStartMark();
                    }
                    throw e;
                }
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                ScalarNode position = item instanceof ScalarNode s ? s : keyNode;
                flatten(item, path + "[" + i + "]", position, document, out, depth + 1, budget);
            }
        } else if (node instanceof ScalarNode scalar) {
            ScalarNode at = keyNode != null ? keyNode : scalar;
            out.add(property(path, MavenFilterTokens.show(scalar.getValue()), at, document));
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
