package dev.dbcheck.config;

/** A configuration file that cannot be read as its format; positions are 1-based, 0 when unknown. */
public final class ConfigSyntaxException extends RuntimeException {
    private final int line;
    private final int column;

    public ConfigSyntaxException(int line, int column, String problem) {
        super(problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
