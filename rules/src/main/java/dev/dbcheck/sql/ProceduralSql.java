package dev.dbcheck.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements inside procedural blocks of a script: the dollar-quoted body of a PostgreSQL {@code DO $$ .. $$}
 * or of a {@code CREATE FUNCTION/PROCEDURE .. AS $tag$ .. $tag$}, and a statement that a block keyword opens
 * ({@code BEGIN DELETE FROM t}, {@code IF .. THEN UPDATE t ..}, {@code LOOP DELETE ..}), as the {@code ;}
 * splitting leaves them. A dollar-quoted string elsewhere ({@code SET note = $$..$$}) is a value, not a body.
 */
final class ProceduralSql {

    private static final Pattern BODY_OWNER = Pattern.compile(
            "(?is)^(?:DO\\b|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|PROCEDURE)\\b)");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)\\b(?:BEGIN|THEN|ELSE|LOOP|DO)\\s+"
            + "(?:<<\\w+>>\\s*)?([A-Za-z_]+)");

    /** First words of a piece that may hold a block's first statement. */
    private static final Set<String> BLOCK_STARTS = Set.of("BEGIN", "DECLARE", "IF", "ELSE", "ELSIF", "ELSEIF",
            "LOOP", "WHILE", "FOR", "CASE", "WHEN", "EXCEPTION", "DO", "REPEAT", "CREATE");

    /** Words after a block keyword that continue the control flow rather than start a statement. */
    private static final Set<String> CONTROL = Set.of("IF", "CASE", "WHILE", "FOR", "LOOP", "BEGIN", "ELSE",
            "ELSIF", "ELSEIF", "DECLARE", "WHEN", "THEN", "REPEAT", "NOT", "ATOMIC");

    private static final Set<String> CHANGES = Set.of("DELETE", "UPDATE", "WITH");

    private ProceduralSql() {}

    /** The dollar-quoted bodies of a DO block or a function or procedure definition. */
    static List<int[]> bodies(SqlSplitter.Piece piece) {
        boolean owned = !piece.bodies().isEmpty() && BODY_OWNER.matcher(piece.code()).lookingAt();
        return owned ? piece.bodies() : List.of();
    }

    /** Where, in the piece's text, a DELETE/UPDATE/WITH opened by a block keyword starts. */
    static Optional<Integer> innerStatement(SqlSplitter.Piece piece) {
        String first = piece.firstWord();
        if (!BLOCK_STARTS.contains(first) && !piece.code().startsWith("<<")) {
            return Optional.empty();
        }
        if (first.equals("CREATE") && !BODY_OWNER.matcher(piece.code()).lookingAt()
                && !piece.code().toUpperCase(Locale.ROOT).matches("(?s)CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
                        + "(?:DEFINER\\s*=\\s*\\S+\\s+)?TRIGGER\\b.*")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(piece.code());
        while (m.find()) {
            String next = m.group(1).toUpperCase(Locale.ROOT);
            if (CHANGES.contains(next)) {
                return Optional.of(m.start(1));
            }
            if (!CONTROL.contains(next)) {
                // Another statement started (INSERT .. ON CONFLICT DO UPDATE is part of it): nothing follows.
                return Optional.empty();
            }
            m.region(m.start(1), piece.code().length());
        }
        return Optional.empty();
    }
}
