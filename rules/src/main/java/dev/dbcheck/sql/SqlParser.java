package dev.dbcheck.sql;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one SQL statement with JSqlParser, bounded in time: a statement the parser cannot handle yields a
 * failure reason, never an exception. JSqlParser runs each parse on an executor so that it can give up after
 * the time-out; one shared pool of daemon threads serves every analysis thread.
 */
public final class SqlParser {

    private static final long TIME_OUT_MILLIS = 4_000;

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dbcheck-sql-parser");
        t.setDaemon(true);
        return t;
    });

    private SqlParser() {}

    /** The outcome of parsing: a statement, or why there is none. */
    public record Parsed(Statement statement, String failure) {
        public boolean ok() {
            return statement != null;
        }
    }

    /**
     * Parses one statement. SQL Server's {@code [bracketed]} identifiers are tried only when the plain parse
     * fails, since in PostgreSQL brackets are array subscripts.
     */
    public static Parsed parse(String sql) {
        Parsed plain = parse(sql, false);
        if (plain.ok() || sql.indexOf('[') < 0) {
            return plain;
        }
        Parsed bracketed = parse(sql, true);
        return bracketed.ok() ? bracketed : plain;
    }

    private static Parsed parse(String sql, boolean squareBrackets) {
        try {
            Statement statement = CCJSqlParserUtil.parse(sql, EXECUTOR,
                    p -> p.withTimeOut(TIME_OUT_MILLIS).withSquareBracketQuotation(squareBrackets));
            return statement == null ? new Parsed(null, "empty statement") : new Parsed(statement, null);
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return new Parsed(null, firstLine(e));
        }
    }

    /** A condition on its own (a Liquibase {@code <where>}), or empty when the parser cannot read it. */
    public static Optional<Expression> parseCondition(String condition) {
        try {
            return Optional.ofNullable(CCJSqlParserUtil.parseCondExpression(condition, true,
                    p -> p.withTimeOut(TIME_OUT_MILLIS)));
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
