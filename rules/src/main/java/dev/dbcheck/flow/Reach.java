package dev.dbcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.Annotations;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether code is on a request path, for the rules whose severity depends on it (a command that stalls Redis
 * is a warning where a request runs it, info in a start-up hook, a scheduled job or a one-off tool).
 *
 * <p>Until the project-wide entry points are available this is decided locally, and errs towards the request
 * path: code is off it when it runs once ({@link StartupCode}: constructors, {@code main}, {@code @Bean},
 * {@code @PostConstruct}, callers that are all start-up code), in a scheduled or batch job (Spring
 * {@code @Scheduled}, XXL-JOB {@code @XxlJob}, Quartz {@code Job.execute}, a {@code CommandLineRunner} or
 * {@code ApplicationRunner}); it is on it, with the mapping named, in a Spring MVC/WebFlux handler method; anything
 * else is assumed to be on it ({@link Verdict#assumed()}).
 */
public final class Reach {

    /**
     * @param requestPath whether a request runs this code
     * @param entryPoint what runs it, as evidence names it ({@code GET /users/{id}}, {@code @Scheduled},
     *     {@code start-up}, {@code main}), or null when not known
     * @param assumed whether {@code requestPath} is assumed because nothing shows otherwise
     */
    public record Verdict(boolean requestPath, String entryPoint, boolean assumed) {

        /** The evidence value of {@code requestPath}: {@code yes}, {@code no}, or {@code assumed}. */
        public String requestPathEvidence() {
            return assumed ? "assumed" : requestPath ? "yes" : "no";
        }

        /** {@code details} with this verdict as evidence: {@code entryPoint} when known, and {@code requestPath}. */
        public dev.dbcheck.finding.Details addTo(dev.dbcheck.finding.Details details) {
            dev.dbcheck.finding.Details out = entryPoint == null ? details : details.withEvidence("entryPoint", entryPoint);
            return out.withEvidence("requestPath", requestPathEvidence());
        }
    }

    private static final Set<String> JOB_ANNOTATIONS = Set.of("Scheduled", "Schedules", "XxlJob", "SchedulerLock",
            "Schedule");
    private static final Set<String> RUNNERS = Set.of("org.springframework.boot.CommandLineRunner",
            "org.springframework.boot.ApplicationRunner");
    private static final Set<String> JOBS = Set.of("org.quartz.Job",
            "org.springframework.scheduling.quartz.QuartzJobBean", "com.xxl.job.core.handler.IJobHandler");
    private static final Set<String> CONTROLLERS = Set.of("RestController", "Controller");
    private static final Map<String, String> MAPPINGS = Map.of("GetMapping", "GET", "PostMapping", "POST",
            "PutMapping", "PUT", "DeleteMapping", "DELETE", "PatchMapping", "PATCH", "RequestMapping", "");

    private Reach() {}

    /** Where {@code node} runs: on a request path or not, and what runs it. */
    public static Verdict of(Node node, JavaContext context) {
        Optional<StartupCode.Reason> once = StartupCode.of(context).reason(node);
        if (once.isPresent()) {
            return new Verdict(false, once.get() == StartupCode.Reason.MAIN ? "main" : "start-up", false);
        }
        Optional<MethodDeclaration> method = node.findAncestor(MethodDeclaration.class);
        if (method.isEmpty()) {
            return new Verdict(true, null, true);
        }
        for (AnnotationExpr a : method.get().getAnnotations()) {
            if (JOB_ANNOTATIONS.contains(a.getName().getIdentifier())) {
                return new Verdict(false, "@" + a.getName().getIdentifier(), false);
            }
        }
        Optional<ClassOrInterfaceDeclaration> owner = method.get().findAncestor(ClassOrInterfaceDeclaration.class);
        if (owner.isPresent()) {
            String name = method.get().getNameAsString();
            if (name.equals("run") && implementsAny(owner.get(), RUNNERS, context)) {
                return new Verdict(false, "start-up", false);
            }
            if ((name.equals("execute") || name.equals("executeInternal")) && implementsAny(owner.get(), JOBS, context)) {
                return new Verdict(false, "job", false);
            }
            Optional<String> mapping = mapping(owner.get(), method.get());
            if (mapping.isPresent()) {
                return new Verdict(true, mapping.get(), false);
            }
        }
        return new Verdict(true, null, true);
    }

    private static boolean implementsAny(ClassOrInterfaceDeclaration type, Set<String> supertypes, JavaContext context) {
        return context.types().enclosingTypeNames(type).stream().findFirst()
                .filter(t -> context.types().isSubtypeOfAny(t, supertypes)).isPresent();
    }

    /** {@code GET /users/{id}} for a handler method of a controller. */
    private static Optional<String> mapping(ClassOrInterfaceDeclaration owner, MethodDeclaration method) {
        if (owner.getAnnotations().stream().noneMatch(a -> CONTROLLERS.contains(a.getName().getIdentifier()))) {
            return Optional.empty();
        }
        for (AnnotationExpr a : method.getAnnotations()) {
            String verb = MAPPINGS.get(a.getName().getIdentifier());
            if (verb != null) {
                String path = path(owner) + path(a);
                String shown = (verb.isEmpty() ? "" : verb + " ") + (path.isEmpty() ? "/" : path);
                return Optional.of(shown.trim());
            }
        }
        return Optional.empty();
    }

    private static String path(NodeWithAnnotations<?> annotated) {
        for (AnnotationExpr a : annotated.getAnnotations()) {
            if (a.getName().getIdentifier().equals("RequestMapping")) {
                return path(a);
            }
        }
        return "";
    }

    private static String path(AnnotationExpr mapping) {
        Optional<Expression> value = Annotations.member(mapping, "value").or(() -> Annotations.member(mapping, "path"));
        if (value.isPresent() && value.get() instanceof StringLiteralExpr s) {
            String p = s.getValue();
            return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
        }
        if (value.isPresent() && value.get().isArrayInitializerExpr()
                && !value.get().asArrayInitializerExpr().getValues().isEmpty()
                && value.get().asArrayInitializerExpr().getValues().get(0) instanceof StringLiteralExpr s) {
            String p = s.getValue();
            return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
        }
        return "";
    }

    /** Lower-cased, for messages: "a request (GET /x)" or "start-up code". */
    public static String describe(Verdict verdict) {
        if (verdict.requestPath()) {
            return verdict.entryPoint() == null ? "code that requests may run" : "a request (" + verdict.entryPoint() + ")";
        }
        return switch (verdict.entryPoint().toLowerCase(Locale.ROOT)) {
            case "main" -> "main()";
            case "start-up" -> "start-up code";
            case "job" -> "a batch job";
            default -> "a scheduled job (" + verdict.entryPoint() + ")";
        };
    }
}
