package dev.dbcheck.text;

/**
 * One comment of a file: its text without the delimiters, and where the opening delimiter starts (1-based).
 */
public record Comment(int line, int column, String text) {}
