package dev.dbcheck.rules.redis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.dbcheck.entrypoints.EntryPoint;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Details;
import dev.dbcheck.flow.StartupCode;
import dev.dbcheck.rule.JavaContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Redis command runs, for the {@code cache-blocking} rules' severity: per request (a warning), in scheduled
 * jobs only, or once (start-up code, {@code main}).
 *
 * <p>Decided by the project's entry points ({@code context.entryPoints().reach(node)}): reached from an HTTP handler,
 * a listener, a Lambda or gRPC handler, or (in a library) from the public API is per request, with the route as the
 * finding's path; reached only from scheduled jobs, or only from {@code main} and start-up code, is not. A command in
 * a lazy guard, a cache loader or an initialiser runs once whoever calls its method ({@link StartupCode}). Where no
 * entry point reaches the code (a method only the framework or reflection calls, or the search ends), the local
 * judgement decides: start-up code, {@code main}, a job method ({@code @Scheduled}, {@code @XxlJob}, Quartz
 * {@code Job.execute}, a {@code CommandLineRunner}) is off the request path; anything else is assumed to be on it
 * ({@code requestPath=assumed}).
 *
 * @param where what runs it: {@link Where#REQUEST}, {@link Where#SCHEDULED}, {@link Where#ONCE}, or
 *     {@link Where#ASSUMED} (nothing shows that it is off the request path)
 * @param entryPoint what evidence names as {@code entryPoint} ({@code GET /users/{id}}, {@code @Scheduled},
 *     {@code start-up}, {@code main}, {@code public API}), or null when nothing is known
 * @param reach the entry points' answer, whose route is the finding's path (empty when none was found)
 */
record CommandReach(Where where, String entryPoint, Reach reach) {

    enum Where {
        /** Reached from a request entry point, or from a library's public API. */
        REQUEST,
        /** Reached only from scheduled or batch jobs. */
        SCHEDULED,
        /** Runs once: start-up code, {@code main}. */
        ONCE,
        /** No entry point reaches it and nothing local shows it is off the request path: assumed on it. */
        ASSUMED
    }

    private static final Set<String> JOB_ANNOTATIONS = Set.of("Scheduled", "Schedules", "XxlJob", "SchedulerLock",
            "Schedule");
    private static final Set<String> RUNNERS = Set.of("org.springframework.boot.CommandLineRunner",
            "org.springframework.boot.ApplicationRunner");
    private static final Set<String> JOBS = Set.of("org.quartz.Job",
            "org.springframework.scheduling.quartz.QuartzJobBean", "com.xxl.job.core.handler.IJobHandler");

    /** Where the code at {@code node} runs. */
    static CommandReach of(Node node, JavaContext context) {
        Optional<StartupCode.Reason> once = StartupCode.of(context).reason(node);
        if (once.isPresent() && once.get() != StartupCode.Reason.MAIN && once.get() != StartupCode.Reason.CONSTRUCTOR) {
            return new CommandReach(Where.ONCE, "start-up", NOT_FOUND); // a lazy guard, a loader, a @Bean method
        }
        Reach reach = context.entryPoints().reach(node);
        String label = reach.entryPoint().map(EntryPoint::label).orElse(null);
        switch (reach.verdict()) {
            case PER_REQUEST, PUBLIC_API -> {
                return new CommandReach(Where.REQUEST, label, reach);
            }
            case SCHEDULED_ONLY -> {
                return new CommandReach(Where.SCHEDULED, label, reach);
            }
            case ONCE_ONLY -> {
                return new CommandReach(Where.ONCE, label, reach);
            }
            default -> {
                return local(node, once, context);
            }
        }
    }

    private static final Reach NOT_FOUND = new Reach(Reach.Verdict.UNKNOWN, List.of());

    /** The local judgement, for code no entry point reaches. */
    private static CommandReach local(Node node, Optional<StartupCode.Reason> once, JavaContext context) {
        if (once.isPresent()) {
            return new CommandReach(Where.ONCE, once.get() == StartupCode.Reason.MAIN ? "main" : "start-up", NOT_FOUND);
        }
        Optional<MethodDeclaration> method = node.findAncestor(MethodDeclaration.class);
        if (method.isPresent()) {
            for (AnnotationExpr a : method.get().getAnnotations()) {
                if (JOB_ANNOTATIONS.contains(a.getName().getIdentifier())) {
                    return new CommandReach(Where.SCHEDULED, "@" + a.getName().getIdentifier(), NOT_FOUND);
                }
            }
            Optional<ClassOrInterfaceDeclaration> owner = method.get().findAncestor(ClassOrInterfaceDeclaration.class);
            if (owner.isPresent()) {
                String name = method.get().getNameAsString();
                if (name.equals("run") && implementsAny(owner.get(), RUNNERS, context)) {
                    return new CommandReach(Where.ONCE, "start-up", NOT_FOUND);
                }
                if ((name.equals("execute") || name.equals("executeInternal")) && implementsAny(owner.get(), JOBS, context)) {
                    return new CommandReach(Where.SCHEDULED, "job", NOT_FOUND);
                }
            }
        }
        return new CommandReach(Where.ASSUMED, null, NOT_FOUND);
    }

    private static boolean implementsAny(ClassOrInterfaceDeclaration type, Set<String> supertypes, JavaContext context) {
        return context.types().enclosingTypeNames(type).stream().findFirst()
                .filter(t -> context.types().isSubtypeOfAny(t, supertypes)).isPresent();
    }

    /** Whether a request can run it (a warning): reached per request, or assumed. */
    boolean perRequest() {
        return where == Where.REQUEST || where == Where.ASSUMED;
    }

    /** The evidence value of {@code requestPath}: {@code yes}, {@code no}, or {@code assumed}. */
    String requestPathEvidence() {
        return where == Where.ASSUMED ? "assumed" : where == Where.REQUEST ? "yes" : "no";
    }

    /**
     * {@code details} with this answer as evidence ({@code entryPoint}, {@code requestPath}) and, when an entry point
     * reaches the code, its route as the path.
     */
    Details addTo(Details details) {
        Details out = reach.route().isPresent() ? reach.addTo(details)
                : details.withEvidence("entryPoint", entryPoint == null ? "none found" : entryPoint);
        return out.withEvidence("requestPath", requestPathEvidence());
    }

    /** For messages: "a request (GET /x)", "the public API", "code that requests may run", "a scheduled job (@Scheduled)". */
    String describe() {
        String label = entryPoint == null ? "" : entryPoint;
        return switch (where) {
            case REQUEST -> reach.verdict() == Reach.Verdict.PUBLIC_API ? "code the public API runs"
                    : "a request (" + label + ")";
            case ASSUMED -> "code that requests may run";
            case SCHEDULED -> label.equals("job") ? "a batch job" : "a scheduled job (" + label + ")";
            case ONCE -> label.equals("main") ? "main()" : "start-up code";
        };
    }
}
