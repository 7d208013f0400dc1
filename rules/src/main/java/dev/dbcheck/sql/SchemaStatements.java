package dev.dbcheck.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few statements of a migration that make a later full-table change deliberate: {@code CREATE TABLE},
 * {@code ALTER TABLE .. ADD [COLUMN]} and {@code INSERT}/{@code REPLACE}/{@code COPY .. FROM}. They are read
 * from a statement's code (comments and literals blanked by the splitter) with patterns, not parsed: DDL is
 * the most dialect-specific SQL there is, and only the table and column names are needed.
 */
final class SchemaStatements {

    private static final String PART = "(?:[\\w$]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\])";
    private static final String NAME = "(" + PART + "(?:\\s*\\.\\s*" + PART + ")*)";

    private static final Pattern CREATE = Pattern.compile("(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
            + "(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMPORARY|TEMP|UNLOGGED)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + NAME);
    private static final Pattern ALTER = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
            + "(?:ONLY\\s+)?" + NAME);
    private static final Pattern ADD = Pattern.compile("(?is)^\\s*ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + "(\\(|" + PART + ")");
    private static final Pattern INSERT = Pattern.compile("(?is)^(?:INSERT|REPLACE)\\s+"
            + "(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\\s+)*(?:INTO\\s+)?" + NAME);
    private static final Pattern COPY = Pattern.compile("(?is)^COPY\\s+" + NAME + "[^;]*?\\bFROM\\b");
    private static final Pattern FIRST_NAME = Pattern.compile("(?s)^\\s*" + PART);

    /** Words after ADD that add something other than a column. */
    private static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK",
            "INDEX", "KEY", "FULLTEXT", "SPATIAL", "PARTITION", "PERIOD", "EXCLUDE");

    private SchemaStatements() {}

    /** The steps of one statement, at {@code offset}; empty for any other statement. */
    static List<MigrationStep> of(SqlSplitter.Piece piece, int offset) {
        String code = piece.code();
        List<MigrationStep> out = new ArrayList<>();
        // The first word chooses the one pattern to try: data files hold hundreds of thousands of INSERTs.
        switch (piece.firstWord()) {
            case "CREATE" -> {
                Matcher m = CREATE.matcher(code);
                if (m.lookingAt()) {
                    out.add(new MigrationStep.TableCreated(m.group(1), offset));
                }
            }
            case "ALTER" -> {
                Matcher m = ALTER.matcher(code);
                if (m.lookingAt()) {
                    for (String column : addedColumns(code.substring(m.end()))) {
                        out.add(new MigrationStep.ColumnAdded(m.group(1), column, offset));
                    }
                }
            }
            case "INSERT", "REPLACE", "COPY" -> {
                Matcher m = (piece.firstWord().equals("COPY") ? COPY : INSERT).matcher(code);
                if (m.lookingAt()) {
                    out.add(new MigrationStep.RowsInserted(m.group(1), offset));
                }
            }
            default -> {
                // not a statement that makes a later change deliberate
            }
        }
        return out;
    }

    private static List<String> addedColumns(String clauses) {
        List<String> out = new ArrayList<>();
        for (String clause : topLevel(clauses)) {
            Matcher add = ADD.matcher(clause);
            if (!add.find()) {
                continue;
            }
            if (add.group(1).equals("(")) {
                // MySQL and Oracle: ADD (a INT, b TEXT)
                int close = clause.lastIndexOf(')');
                String inner = clause.substring(add.end(), close > add.end() ? close : clause.length());
                for (String definition : topLevel(inner)) {
                    firstName(definition).ifPresent(out::add);
                }
            } else if (!NOT_COLUMNS.contains(add.group(1).toUpperCase(java.util.Locale.ROOT))) {
                out.add(add.group(1));
            }
        }
        return out;
    }

    private static Optional<String> firstName(String definition) {
        Matcher m = FIRST_NAME.matcher(definition);
        return m.find() ? Optional.of(m.group().strip()) : Optional.empty();
    }

    /** Splits at the commas outside parentheses. */
    private static List<String> topLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /** A table or column name as the database compares it: quotes dropped, lower case. */
    static String normalized(String name) {
        return name.replaceAll("[\"`\\[\\]\\s]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
