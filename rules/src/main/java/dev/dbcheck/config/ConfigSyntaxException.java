package dev.dbcheck.config;

/**
 * A configuration file that cannot be read as its format; positions are 1-based, 0 when unknown.
 *
 * @see #cause() why, in a few words that group such files in a summary ("tab indentation")
 */
public final class ConfigSyntaxException extends RuntimeException {
    private final int line;
    private final int column;
    private final String cause;

    public ConfigSyntaxException(int line, int column, String cause, String problem) {
        super(problem);
        this.line = line;
        this.column = column;
        this.cause = cause;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Why the file cannot be read, in a few words: "tab indentation", "YAML syntax". */
    public String cause() {
        return cause;
    }
}
