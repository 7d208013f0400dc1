package dev.dbcheck.rule;

import dev.dbcheck.finding.Details;

/**
 * The console sentence of a finding ({@link Details#headline()}): one complete sentence with the facts of this
 * finding, what is wrong and what it does in production, at most {@link #MAX} characters after the rule id, never
 * cut. A rule writes it with the facts it has; when a fact is long (a quoted expression, a file name), it offers a
 * shorter sentence too, and {@link #fit} takes the first that fits.
 */
public final class Headline {

    /** Longest console sentence, in characters after the rule id. */
    public static final int MAX = 160;

    private Headline() {}

    /**
     * The first sentence of {@code sentences} that is at most {@link #MAX} characters; the last one otherwise (a rule
     * always ends with a short sentence whose facts are bounded, so this is a safety net, never the rule).
     */
    public static String fit(String... sentences) {
        for (String s : sentences) {
            if (s.length() <= MAX) {
                return s;
            }
        }
        return sentences[sentences.length - 1];
    }

    /** {@link Details} with the first sentence of {@code sentences} that fits as the headline. */
    public static Details details(String... sentences) {
        return Details.headline(fit(sentences));
    }

    /**
     * A piece of code for a sentence: on one line, and when longer than {@code max}, the call without its
     * arguments ({@code overrideConfiguration(..)}), then the last name of a chain. Never an ellipsis: what is
     * quoted is always whole.
     */
    public static String code(String code, int max) {
        String oneLine = code.strip().replaceAll("\\s+", " ");
        if (oneLine.length() <= max) {
            return oneLine;
        }
        int open = oneLine.indexOf('(');
        String head = open < 0 ? oneLine : oneLine.substring(0, open);
        String call = open < 0 ? head : head + "(..)";
        if (call.length() <= max) {
            return call;
        }
        int dot = head.lastIndexOf('.');
        String last = dot < 0 ? head : head.substring(dot + 1);
        return open < 0 ? last : last + "(..)";
    }
}
