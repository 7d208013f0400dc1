package dev.dbcheck.entrypoints;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a project declares an entry point at all, from the text of its files: an application does (a
 * controller, a listener, a handler, a job, {@code main}); a library does not, and its public API stands for its
 * entry points. A text test of every file, not the model, so that the answer is the same whichever files the
 * relevance filter keeps; it stops at the first file that has one, and runs only when a search finds no entry
 * point. A marker in a comment counts: the test errs towards "application", where methods nobody calls are
 * {@link Reach.Verdict#UNKNOWN} rather than public API.
 */
public final class EntryPointText {

    private EntryPointText() {}

    /** Words that only a file declaring an entry point writes (annotations, the types handlers extend). */
    static final List<String> MARKERS = List.of("@RestController", "@Controller", "Mapping(", "@GetMapping",
            "@PostMapping", "@Path(", "@GET", "@POST", "@KafkaListener", "@RabbitListener", "@SqsListener",
            "@JmsListener", "@StreamListener", "@Incoming", "@EventListener", "@Scheduled", "@Schedule", "@XxlJob",
            "HttpServlet", "doFilter", "HandlerInterceptor", "WebFilter", "GlobalFilter", "RequestHandler<",
            "RequestStreamHandler", "ImplBase", "MessageListener", "RocketMQListener", "QuartzJobBean", "org.quartz");

    private static final Pattern MAIN = Pattern.compile("static\\s+(?:final\\s+)?void\\s+main\\s*\\(");

    /** Whether one of {@code files} declares an entry point (unreadable files count as none). */
    public static boolean anyDeclares(Collection<Path> files, Charset encoding) {
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, encoding);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (declares(text)) {
                return true;
            }
        }
        return false;
    }

    static boolean declares(String text) {
        for (String m : MARKERS) {
            if (text.contains(m)) {
                return true;
            }
        }
        return text.contains("main") && MAIN.matcher(text).find();
    }
}
