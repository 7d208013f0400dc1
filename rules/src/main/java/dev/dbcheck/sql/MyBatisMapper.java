package dev.dbcheck.sql;

import dev.dbcheck.xml.XmlTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements of a MyBatis mapper XML file ({@code <mapper>}), as the SQL they run. Dynamic SQL is
 * flattened to its most bounded form: every {@code <if>} holds, {@code <where>} becomes {@code WHERE} (with
 * the leading AND/OR removed, as MyBatis does), {@code <set>} becomes {@code SET} (without the trailing comma),
 * {@code <trim>} applies its prefix and overrides, {@code <choose>} takes its first branch, {@code <foreach>}
 * one iteration, and {@code <include>} inlines the {@code <sql>} fragment of the same file. A statement is
 * therefore only reported when no branch of it can bound the change. An {@code <include>} of a fragment in
 * another file, or an element this reader does not know, makes the statement unreadable (a note, not a guess).
 */
public final class MyBatisMapper {

    private static final Set<String> STATEMENTS = Set.of("delete", "update");

    private MyBatisMapper() {}

    /** A statement element ({@code <delete>}, {@code <update>}, ...) and the SQL it runs, or why it cannot be read. */
    public record Statement(String element, String id, MappedSql sql, Optional<String> problem, int line,
            int column) {}

    public static boolean isMapper(XmlTree.Element root) {
        return root.name().equals("mapper");
    }

    public static List<Statement> statements(XmlTree.Element mapper) {
        return statements(mapper, STATEMENTS);
    }

    /** The statements of the given elements ({@code select} for the readers of queries), flattened the same way. */
    public static List<Statement> statements(XmlTree.Element mapper, Set<String> elements) {
        Map<String, XmlTree.Element> fragments = new HashMap<>();
        for (XmlTree.Element sql : mapper.elements("sql")) {
            sql.attribute("id").ifPresent(id -> fragments.put(id, sql));
        }
        List<Statement> out = new ArrayList<>();
        for (XmlTree.Element e : mapper.elements()) {
            if (!elements.contains(e.name())) {
                continue;
            }
            MappedSql sql = new MappedSql();
            Optional<String> problem = flatten(e, sql, fragments, new HashSet<>());
            out.add(new Statement(e.name(), e.attribute("id").orElse("?"), sql, problem, e.line(), e.column()));
        }
        return out;
    }

    /**
     * The SQL of an annotation's {@code <script>} (MyBatis dynamic SQL in {@code @Delete}/{@code @Update}),
     * flattened like a mapper statement; empty when it uses something that cannot be read here.
     */
    public static Optional<String> script(XmlTree.Element script) {
        MappedSql sql = new MappedSql();
        return flatten(script, sql, Map.of(), new HashSet<>()).isPresent() ? Optional.empty()
                : Optional.of(sql.text());
    }

    private static Optional<String> flatten(XmlTree.Element element, MappedSql out,
            Map<String, XmlTree.Element> fragments, Set<String> including) {
        for (XmlTree.Content c : element.children()) {
            if (c instanceof XmlTree.Text t) {
                out.append(t.text(), t.line(), t.column());
                continue;
            }
            XmlTree.Element e = (XmlTree.Element) c;
            Optional<String> problem = switch (e.name()) {
                case "if", "when", "otherwise" -> flatten(e, out, fragments, including);
                case "choose" -> e.elements().isEmpty() ? Optional.empty()
                        : flatten(e.elements().get(0), out, fragments, including);
                case "where" -> trimmed(e, out, fragments, including, "WHERE", "AND |OR ", "", "");
                case "set" -> trimmed(e, out, fragments, including, "SET", "", ",", "");
                case "trim" -> trimmed(e, out, fragments, including, e.attribute("prefix").orElse(""),
                        e.attribute("prefixOverrides").orElse(""), e.attribute("suffixOverrides").orElse(""),
                        e.attribute("suffix").orElse(""));
                case "foreach" -> {
                    out.appendSynthetic(" " + e.attribute("open").orElse(""));
                    Optional<String> p = flatten(e, out, fragments, including);
                    out.appendSynthetic(e.attribute("close").orElse("") + " ");
                    yield p;
                }
                case "bind" -> Optional.empty();
                case "include" -> include(e, out, fragments, including);
                default -> Optional.of("dynamic SQL element <" + e.name() + "> is not supported");
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> include(XmlTree.Element include, MappedSql out,
            Map<String, XmlTree.Element> fragments, Set<String> including) {
        String refid = include.attribute("refid").orElse("");
        XmlTree.Element fragment = fragments.get(refid);
        if (fragment == null || !including.add(refid)) {
            return Optional.of("<include refid=\"" + refid + "\"> names no <sql> fragment of this file");
        }
        try {
            out.appendSynthetic(" ");
            return flatten(fragment, out, fragments, including);
        } finally {
            including.remove(refid);
        }
    }

    /** {@code <where>}, {@code <set>}, {@code <trim>}: the body with overrides removed, under a prefix. */
    private static Optional<String> trimmed(XmlTree.Element e, MappedSql out, Map<String, XmlTree.Element> fragments,
            Set<String> including, String prefix, String prefixOverrides, String suffixOverrides, String suffix) {
        MappedSql body = new MappedSql();
        Optional<String> problem = flatten(e, body, fragments, including);
        if (problem.isPresent()) {
            return problem;
        }
        String text = body.text().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        text = stripOverride(text, prefixOverrides, true);
        text = stripOverride(text, suffixOverrides, false);
        int[] at = body.position(body.text().indexOf(body.text().strip()));
        out.appendSynthetic(" " + prefix + " ");
        out.append(text, at[0], at[1]);
        out.appendSynthetic(" " + suffix + " ");
        return Optional.empty();
    }

    private static String stripOverride(String text, String overrides, boolean leading) {
        if (overrides.isEmpty()) {
            return text;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (String o : overrides.split("\\|")) {
            String token = o.toUpperCase(Locale.ROOT);
            String bare = token.strip();
            if (bare.isEmpty()) {
                continue;
            }
            if (leading && (upper.startsWith(token) || upper.equals(bare))) {
                return text.substring(Math.min(text.length(), bare.length())).strip();
            }
            if (!leading && upper.endsWith(bare)) {
                return text.substring(0, text.length() - bare.length()).strip();
            }
        }
        return text;
    }
}
