package dev.dbcheck.suppress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one comment as a {@code dbcheck:ignore RuleId[, OtherId]: reason} directive. The ids end at
 * the first colon; everything after it is the reason. No ids means every rule.
 */
final class CommentDirective {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*dbcheck:ignore(?![\\w-])(.*)$", Pattern.DOTALL);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    /** The rule ids (possibly malformed, reported as unknown later) and the reason, or null without one. */
    record Parsed(List<String> ruleIds, String reason) {}

    private CommentDirective() {}

    /** @param commentText the comment without its delimiters ({@code //}, {@code --}, {@code #}, {@code /* * /}) */
    static Optional<Parsed> parse(String commentText) {
        Matcher m = DIRECTIVE.matcher(commentText);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(1);
        int colon = rest.indexOf(':');
        String ids = colon < 0 ? rest : rest.substring(0, colon);
        String reason = colon < 0 ? null : rest.substring(colon + 1).strip();
        List<String> ruleIds = new ArrayList<>();
        for (String id : SEPARATORS.split(ids.strip())) {
            if (!id.isEmpty()) {
                ruleIds.add(id);
            }
        }
        return Optional.of(new Parsed(ruleIds, reason == null || reason.isEmpty() ? null : reason));
    }
}
