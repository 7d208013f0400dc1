package dev.dbcheck.rules.aurora;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDS and Aurora endpoint host names in text (a JDBC URL in a properties file, a YAML value, a Java literal).
 *
 * <p>Facts (AUR-UG {@code doc_source/Aurora.Overview.Endpoints.md}, domain-facts.md section 7): the cluster
 * (writer) endpoint is {@code <cluster>.cluster-<id>.<region>.rds.amazonaws.com}, the reader endpoint
 * {@code <cluster>.cluster-ro-<id>...}, a custom endpoint {@code <name>.cluster-custom-<id>...}, an instance
 * endpoint {@code <instance>.<id>.<region>.rds.amazonaws.com}; the China partition ends in
 * {@code .rds.amazonaws.com.cn}. {@code <id>} is the same for every endpoint of one account and region. RDS
 * Proxy endpoints are {@code <proxy>.proxy-<id>...}. The AWS Advanced JDBC Wrapper's URLs start with
 * {@code jdbc:aws-wrapper:} (aws/aws-advanced-jdbc-wrapper examples).
 */
public final class RdsEndpoints {

    private RdsEndpoints() {}

    public enum Kind {
        INSTANCE, CLUSTER, READER, CUSTOM, PROXY;

        boolean isClusterEndpoint() {
            return this == CLUSTER || this == READER || this == CUSTOM;
        }
    }

    /**
     * One endpoint host found in text.
     *
     * @param start offset of the host in the text
     * @param end offset after the host
     * @param url the JDBC URL the host is part of, or empty when the host stands alone
     */
    public record Mention(int start, int end, String host, Kind kind, String id, String url) {

        boolean inJdbcUrl() {
            return !url.isEmpty();
        }

        boolean awsWrapper() {
            return url.toLowerCase(Locale.ROOT).startsWith("jdbc:aws-wrapper:");
        }
    }

    private static final Pattern HOST = Pattern.compile(
            "\\b([a-z0-9][a-z0-9-]*)\\.(cluster-ro-|cluster-custom-|cluster-|proxy-)?([a-z0-9]+)\\."
                    + "([a-z]{2}(?:-[a-z]+)+-\\d)\\.rds\\.amazonaws\\.com(?:\\.cn)?\\b",
            Pattern.CASE_INSENSITIVE);

    /** Characters that end a URL in configuration text or a literal. */
    private static final String URL_END = " \t\r\n\"'`<>;{}()[]";

    public static List<Mention> find(String text) {
        List<Mention> found = new ArrayList<>();
        Matcher m = HOST.matcher(text);
        while (m.find()) {
            String prefix = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            Kind kind = switch (prefix) {
                case "cluster-ro-" -> Kind.READER;
                case "cluster-custom-" -> Kind.CUSTOM;
                case "cluster-" -> Kind.CLUSTER;
                case "proxy-" -> Kind.PROXY;
                default -> Kind.INSTANCE;
            };
            found.add(new Mention(m.start(), m.end(), m.group(), kind, m.group(3).toLowerCase(Locale.ROOT),
                    urlAround(text, m.start(), m.end())));
        }
        return found;
    }

    /** The {@code jdbc:} URL that contains the host at [start, end), or "" when there is none. */
    private static String urlAround(String text, int start, int end) {
        int from = start;
        while (from > 0 && URL_END.indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        int jdbc = text.toLowerCase(Locale.ROOT).indexOf("jdbc:", from);
        if (jdbc < 0 || jdbc >= start) {
            return "";
        }
        int to = end;
        while (to < text.length() && URL_END.indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return text.substring(jdbc, to);
    }
}
