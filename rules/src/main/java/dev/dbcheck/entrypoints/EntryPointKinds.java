package dev.dbcheck.entrypoints;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.dbcheck.entrypoints.EntryPoint.Kind;
import dev.dbcheck.model.MethodInfo;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.model.ProjectType;
import dev.dbcheck.model.TypeRef;
import dev.dbcheck.types.Annotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which project methods are entry points, from the model's declarations alone (annotations, supertypes, names),
 * and what they are called in a finding (from the declaration's tree: the HTTP path, the topic).
 *
 * <p>Annotations are matched by simple name where the name says enough ({@code @GetMapping},
 * {@code @KafkaListener}), by qualified name where it does not (JAX-RS {@code @Path}, {@code javax.servlet.Filter}).
 */
final class EntryPointKinds {

    private EntryPointKinds() {}

    private static final Set<String> CONTROLLERS = Set.of("Controller", "RestController");
    private static final Map<String, String> SPRING_MAPPINGS = Map.of("GetMapping", "GET", "PostMapping", "POST",
            "PutMapping", "PUT", "DeleteMapping", "DELETE", "PatchMapping", "PATCH", "RequestMapping", "");
    private static final Set<String> JAX_RS_VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final Set<String> SERVLETS = Set.of("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet");
    private static final Set<String> SERVLET_METHODS = Set.of("doGet", "doPost", "doPut", "doDelete", "doPatch", "doHead",
            "service");
    /** Filters and interceptors, by their library type, with the method that runs per request. */
    private static final Map<String, Set<String>> FILTERS = Map.ofEntries(
            Map.entry("javax.servlet.Filter", Set.of("doFilter")),
            Map.entry("jakarta.servlet.Filter", Set.of("doFilter")),
            Map.entry("org.springframework.web.filter.OncePerRequestFilter", Set.of("doFilterInternal")),
            Map.entry("org.springframework.web.filter.GenericFilterBean", Set.of("doFilter")),
            Map.entry("org.springframework.web.servlet.HandlerInterceptor", Set.of("preHandle", "postHandle",
                    "afterCompletion")),
            Map.entry("org.springframework.web.servlet.AsyncHandlerInterceptor", Set.of("preHandle", "postHandle",
                    "afterCompletion")),
            Map.entry("org.springframework.web.servlet.handler.HandlerInterceptorAdapter", Set.of("preHandle",
                    "postHandle", "afterCompletion")),
            Map.entry("org.springframework.web.server.WebFilter", Set.of("filter")),
            Map.entry("org.springframework.cloud.gateway.filter.GlobalFilter", Set.of("filter")),
            Map.entry("org.springframework.cloud.gateway.filter.GatewayFilter", Set.of("filter")),
            Map.entry("javax.ws.rs.container.ContainerRequestFilter", Set.of("filter")),
            Map.entry("jakarta.ws.rs.container.ContainerRequestFilter", Set.of("filter")));
    private static final Set<String> LISTENER_ANNOTATIONS = Set.of("KafkaListener", "KafkaHandler", "RabbitListener",
            "RabbitHandler", "SqsListener", "JmsListener", "StreamListener", "EventListener",
            "TransactionalEventListener", "Incoming");
    /** Message listener interfaces, by simple name: their {@code onMessage} runs per message. */
    private static final Set<String> LISTENER_TYPES = Set.of("MessageListener", "ChannelAwareMessageListener",
            "AcknowledgingMessageListener", "RocketMQListener", "RocketMQReplyListener", "SessionAwareMessageListener");
    private static final Set<String> LAMBDA_HANDLERS = Set.of("com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    private static final Set<String> SCHEDULED_ANNOTATIONS = Set.of("Scheduled", "Schedule", "Schedules", "XxlJob");
    private static final Map<String, String> JOBS = Map.of("org.quartz.Job", "execute",
            "org.springframework.scheduling.quartz.QuartzJobBean", "executeInternal",
            "com.xxl.job.core.handler.IJobHandler", "execute");
    /**
     * Annotations of methods the container runs once while it starts, by qualified name: CDI's producer
     * {@code @Produces} is start-up code, JAX-RS's {@code @Produces} (a resource method's media type) is not.
     */
    private static final Set<String> STARTUP_ANNOTATIONS = Set.of("org.springframework.context.annotation.Bean",
            "javax.annotation.PostConstruct", "jakarta.annotation.PostConstruct", "javax.enterprise.inject.Produces",
            "jakarta.enterprise.inject.Produces", "com.google.inject.Provides", "dagger.Provides");
    /** Library callbacks the container runs once while it starts, by type (simple name) and method. */
    private static final Map<String, String> STARTUP_CALLBACKS = Map.of("CommandLineRunner", "run",
            "ApplicationRunner", "run", "InitializingBean", "afterPropertiesSet",
            "SmartInitializingSingleton", "afterSingletonsInstantiated", "ServletContextListener",
            "contextInitialized");
    /** Spring events published once, at start-up: a listener of one of them is start-up code. */
    private static final Set<String> STARTUP_EVENTS = Set.of("ApplicationReadyEvent", "ApplicationStartedEvent",
            "ContextRefreshedEvent", "ApplicationStartingEvent", "WebServerInitializedEvent", "StartupEvent");

    /** Whether {@code method} is an entry point, and of which kind; empty for code only the project calls. */
    static Optional<Kind> kindOf(MethodInfo method, ProjectModel model) {
        if (MethodInfo.CONSTRUCTOR.equals(method.name())) {
            return Optional.empty();
        }
        String name = method.name();
        if (method.isStatic()) {
            return name.equals("main") && method.arity() == 1 ? Optional.of(Kind.MAIN) : Optional.empty();
        }
        Optional<ProjectType> owner = model.type(method.owner());
        if (owner.isEmpty() || owner.get().isInterface()) {
            return Optional.empty();
        }
        List<MethodInfo> declarations = new ArrayList<>();
        declarations.add(method);
        declarations.addAll(model.overridesOf(method));
        if (anyAnnotated(declarations, SCHEDULED_ANNOTATIONS)) {
            return Optional.of(Kind.SCHEDULED);
        }
        if (anyAnnotatedQualified(declarations, STARTUP_ANNOTATIONS)
                || (name.equals("afterPropertiesSet") && method.arity() == 0)) {
            return Optional.of(Kind.STARTUP);
        }
        if (anyAnnotated(declarations, LISTENER_ANNOTATIONS)) {
            boolean startupEvent = method.parameterTypes().stream().map(EntryPointKinds::simpleName)
                    .anyMatch(STARTUP_EVENTS::contains);
            return Optional.of(startupEvent ? Kind.STARTUP : Kind.MESSAGE);
        }
        if (isController(owner.get(), model) && anyAnnotated(declarations, SPRING_MAPPINGS.keySet())) {
            return Optional.of(Kind.HTTP);
        }
        if (isJaxRsResourceMethod(declarations)) {
            return Optional.of(Kind.HTTP);
        }
        List<String> supertypes = model.supertypes(method.owner());
        for (String s : supertypes) {
            String simple = simpleName(s);
            if (SERVLETS.contains(s) && SERVLET_METHODS.contains(name)
                    || FILTERS.getOrDefault(s, Set.of()).contains(name)) {
                return Optional.of(Kind.HTTP);
            }
            if (LISTENER_TYPES.contains(simple) && name.equals("onMessage")) {
                return Optional.of(Kind.MESSAGE);
            }
            if (LAMBDA_HANDLERS.contains(s) || (s.equals("RequestStreamHandler") || s.equals("RequestHandler"))
                    && name.equals("handleRequest")) {
                return name.equals("handleRequest") ? Optional.of(Kind.LAMBDA) : Optional.empty();
            }
            if (name.equals(JOBS.get(s))) {
                return Optional.of(Kind.SCHEDULED);
            }
            if (name.equals(STARTUP_CALLBACKS.get(simple))) {
                return Optional.of(Kind.STARTUP);
            }
        }
        if (method.modifiers().contains("public") && method.hasAnnotation("Override")
                && model.directSupertypes(method.owner()).stream().anyMatch(s -> s.endsWith("ImplBase"))) {
            return Optional.of(Kind.GRPC);
        }
        return Optional.empty();
    }

    private static boolean isController(ProjectType owner, ProjectModel model) {
        if (owner.annotations().stream().map(EntryPointKinds::simpleName).anyMatch(CONTROLLERS::contains)) {
            return true;
        }
        for (String s : model.supertypes(owner.name())) {
            Optional<ProjectType> t = model.type(s);
            if (t.isPresent() && t.get().annotations().stream().map(EntryPointKinds::simpleName)
                    .anyMatch(CONTROLLERS::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A JAX-RS resource method: an HTTP verb, or {@code @Path}, on it or on a method it overrides. */
    private static boolean isJaxRsResourceMethod(List<MethodInfo> declarations) {
        return anyAnnotated(declarations, JAX_RS_VERBS) || declarations.stream().anyMatch(m -> m.annotations().stream()
                .anyMatch(a -> a.equals("javax.ws.rs.Path") || a.equals("jakarta.ws.rs.Path")));
    }

    private static boolean anyAnnotated(List<MethodInfo> methods, Set<String> simpleNames) {
        for (MethodInfo m : methods) {
            for (String a : m.annotations()) {
                if (simpleNames.contains(simpleName(a))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a method carries one of {@code qualifiedNames}: by its qualified name where the annotation resolved,
     * by its simple name where it did not (no import says which library it is from).
     */
    private static boolean anyAnnotatedQualified(List<MethodInfo> methods, Set<String> qualifiedNames) {
        for (MethodInfo m : methods) {
            for (String a : m.annotations()) {
                if (a.indexOf('.') >= 0 ? qualifiedNames.contains(a)
                        : qualifiedNames.stream().anyMatch(q -> simpleName(q).equals(a))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String simpleName(String name) {
        int lt = name.indexOf('<');
        String raw = lt < 0 ? name : name.substring(0, lt);
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    private static String simpleName(TypeRef ref) {
        return simpleName(ref.name());
    }

    // ---- labels ------------------------------------------------------------------------------------------

    /**
     * What a finding calls the entry point: {@code GET /system/dict/type/{type}} (the class's and the method's
     * mapping joined), {@code @KafkaListener orders}, {@code @Scheduled}, {@code main}. {@code declaration} is the
     * method's declaration when its tree can be read, else null (the label then names the kind only).
     */
    static String label(Kind kind, MethodInfo method, CallableDeclaration<?> declaration) {
        switch (kind) {
            case MAIN:
                return "main";
            case PUBLIC_API:
                return "public API";
            case LAMBDA:
                return "Lambda handler";
            case GRPC:
                return "gRPC " + method.name();
            case STARTUP:
                return "start-up";
            default:
                break;
        }
        if (declaration == null) {
            return kind == Kind.SCHEDULED ? "@Scheduled" : kind == Kind.HTTP ? "HTTP" : "message listener";
        }
        for (AnnotationExpr a : declaration.getAnnotations()) {
            String simple = simpleName(a.getNameAsString());
            if (kind == Kind.SCHEDULED && SCHEDULED_ANNOTATIONS.contains(simple)) {
                return "@" + simple;
            }
            if (kind == Kind.MESSAGE && LISTENER_ANNOTATIONS.contains(simple)) {
                String target = firstString(a, "topics", "queues", "value", "destination", "topicPattern");
                return "@" + simple + (target.isEmpty() ? "" : " " + target);
            }
            if (kind == Kind.HTTP && SPRING_MAPPINGS.containsKey(simple)) {
                String verb = SPRING_MAPPINGS.get(simple);
                if (verb.isEmpty()) {
                    verb = Annotations.member(a, "method").map(EntryPointKinds::lastName).orElse("");
                }
                String path = join(typeMapping(declaration, "RequestMapping"), firstString(a, "value", "path"));
                return (verb.isEmpty() ? "" : verb + " ") + path;
            }
            if (kind == Kind.HTTP && JAX_RS_VERBS.contains(simple)) {
                Optional<AnnotationExpr> path = declaration.getAnnotationByName("Path");
                return simple + " " + join(typeMapping(declaration, "Path"),
                        path.map(p -> firstString(p, "value")).orElse(""));
            }
        }
        if (kind == Kind.HTTP) {
            String type = declaration.findAncestor(TypeDeclaration.class).map(t -> t.getNameAsString()).orElse("");
            if (SERVLET_METHODS.contains(method.name())) {
                String verb = method.name().startsWith("do") ? method.name().substring(2).toUpperCase(Locale.ROOT)
                        : "HTTP";
                return verb + " servlet " + type;
            }
            return "HTTP filter " + type;
        }
        return kind == Kind.SCHEDULED ? "scheduled job" : "message listener";
    }

    /** The first string of a member of the declaring type's annotation ({@code @RequestMapping("/system")}). */
    private static String typeMapping(Node declaration, String annotation) {
        Optional<TypeDeclaration> type = declaration.findAncestor(TypeDeclaration.class);
        return type.flatMap(t -> ((TypeDeclaration<?>) t).getAnnotationByName(annotation))
                .map(a -> firstString(a, "value", "path")).orElse("");
    }

    private static String join(String prefix, String path) {
        String p = prefix.isEmpty() || prefix.startsWith("/") ? prefix : "/" + prefix;
        String q = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        if (p.endsWith("/") && q.startsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String joined = p + q;
        return joined.isEmpty() ? "/" : joined;
    }

    private static String firstString(AnnotationExpr a, String... members) {
        for (String m : members) {
            Optional<Expression> value = Annotations.member(a, m);
            if (value.isPresent()) {
                return firstString(value.get());
            }
        }
        return "";
    }

    private static String firstString(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return s.getValue();
        }
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().isEmpty() ? "" : firstString(array.getValues().get(0));
        }
        if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
            return "{" + e + "}";
        }
        return "";
    }

    private static String lastName(Expression e) {
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().isEmpty() ? "" : lastName(array.getValues().get(0));
        }
        String s = e.toString();
        return s.substring(s.lastIndexOf('.') + 1);
    }
}
