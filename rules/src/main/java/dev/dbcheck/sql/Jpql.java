package dev.dbcheck.sql;

import dev.dbcheck.sql.UnboundedChange.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds an unbounded JPQL or HQL {@code DELETE}/{@code UPDATE} without parsing it as SQL, which it is not:
 * {@code DELETE Entity e WHERE ..} has no FROM, {@code IN (FROM Entity WHERE ..)} has no SELECT, a SET may
 * assign {@code com.acme.Status.ACTIVE}, and a parameter may be called {@code :true}. The outer statement's
 * WHERE is the {@code WHERE} keyword outside every parenthesis (JPQL subqueries are always parenthesised);
 * its condition is checked for a tautology only when the SQL condition parser can read it. A note is left
 * only when the statement's shape cannot be read at all (an unterminated string, unbalanced parentheses, no
 * entity name).
 */
public final class Jpql {

    private Jpql() {}

    private record Token(String text, int offset, boolean word) {}

    public static DestructiveSql.Result analyze(String jpql) {
        SqlTemplates.Neutralized neutralized = SqlTemplates.neutralize(jpql);
        String text = neutralized.text();
        List<Token> tokens = new ArrayList<>();
        Optional<String> problem = tokenize(text, tokens);
        if (tokens.isEmpty() || !tokens.get(0).word()) {
            return DestructiveSql.Result.EMPTY;
        }
        String first = upper(tokens.get(0));
        if (!first.equals("DELETE") && !first.equals("UPDATE")) {
            return DestructiveSql.Result.EMPTY;
        }
        Kind kind = first.equals("DELETE") ? Kind.DELETE : Kind.UPDATE;
        int i = 1;
        while (i < tokens.size() && (upper(tokens.get(i)).equals("FROM") || upper(tokens.get(i)).equals("VERSIONED"))) {
            i++;
        }
        if (problem.isEmpty() && (i >= tokens.size() || !tokens.get(i).word())) {
            problem = Optional.of("no entity name after " + first);
        }
        int where = problem.isPresent() ? -1 : outerWhere(tokens);
        if (where == -2) {
            problem = Optional.of("unbalanced parentheses");
        }
        if (problem.isPresent()) {
            return new DestructiveSql.Result(List.of(),
                    List.of(new DestructiveSql.Unparsed(kind, 0, 1, 1, problem.get())), List.of());
        }
        String entity = neutralized.restore(tokens.get(i).text());
        String sql = neutralized.restore(text.strip().replaceAll("\\s+", " "));
        Optional<String> tautology = Optional.empty();
        if (where >= 0) {
            String condition = parameterless(text.substring(tokens.get(where).offset() + "WHERE".length()));
            tautology = SqlParser.parseCondition(condition).filter(Tautologies::isAlwaysTrue)
                    .map(c -> neutralized.restore(c.toString()));
            if (tautology.isEmpty()) {
                return DestructiveSql.Result.EMPTY;
            }
        }
        UnboundedChange change = new UnboundedChange(kind, entity, tautology, false, sql, List.of(), true);
        DestructiveSql.Located located = new DestructiveSql.Located(change, 0, 1, 1);
        return new DestructiveSql.Result(List.of(located), List.of(), List.of(new MigrationStep.Unbounded(change, 0)));
    }

    /** The index of the outer WHERE, -1 when there is none, -2 when the parentheses do not balance. */
    private static int outerWhere(List<Token> tokens) {
        int depth = 0;
        int where = -1;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")") && --depth < 0) {
                return -2;
            } else if (depth == 0 && where < 0 && t.word() && upper(t).equals("WHERE")) {
                where = k;
            }
        }
        return depth == 0 ? where : -2;
    }

    /** The condition with each parameter ({@code :name}, {@code ?1}) replaced by a distinct plain name. */
    private static String parameterless(String condition) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if ((c == ':' || c == '?') && (i + 1 == condition.length() || condition.charAt(i + 1) != ':')) {
                int j = i + 1;
                while (j < condition.length() && Character.isJavaIdentifierPart(condition.charAt(j))) {
                    j++;
                }
                out.append("jpql_parameter_").append(++n);
                i = j;
                continue;
            }
            if (c == '\'') {
                int end = endOfString(condition, i);
                out.append(condition, i, end < 0 ? condition.length() : end);
                i = end < 0 ? condition.length() : end;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Words (dotted paths included), parameters, strings and single characters; a problem if a string is open. */
    private static Optional<String> tokenize(String text, List<Token> out) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = endOfString(text, i);
                if (end < 0) {
                    return Optional.of("unterminated string literal");
                }
                out.add(new Token(text.substring(i, end), i, false));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < text.length() && (Character.isJavaIdentifierPart(text.charAt(j))
                        || text.charAt(j) == '.' && j + 1 < text.length()
                                && Character.isJavaIdentifierStart(text.charAt(j + 1)))) {
                    j++;
                }
                boolean parameter = i > 0 && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == '?');
                out.add(new Token(text.substring(i, j), i, !parameter));
                i = j;
            } else {
                out.add(new Token(String.valueOf(c), i, false));
                i++;
            }
        }
        return Optional.empty();
    }

    private static int endOfString(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
