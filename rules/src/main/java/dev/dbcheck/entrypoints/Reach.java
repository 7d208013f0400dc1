package dev.dbcheck.entrypoints;

import dev.dbcheck.entrypoints.EntryPoint.Kind;
import dev.dbcheck.finding.Details;
import java.util.List;
import java.util.Optional;

/**
 * Whether and how a method is reached from the project's entry points: the verdict, and the routes found
 * (shortest first, request routes before the others), each from an entry point down to the method.
 *
 * @param verdict what the routes add up to
 * @param routes every entry point found, one route each, request routes first
 */
public record Reach(Verdict verdict, List<Route> routes) {

    /** What the routes to a method add up to. */
    public enum Verdict {
        /** Reached from a request entry point (HTTP, message listener, Lambda, gRPC): runs per request. */
        PER_REQUEST,
        /**
         * In a project with no entry point at all (a library), reached from its public API: its callers' requests
         * are unknown, so it counts as per request.
         */
        PUBLIC_API,
        /** Reached from scheduled jobs (and perhaps start-up code or {@code main}) and nothing else: per run of a job. */
        SCHEDULED_ONLY,
        /** Reached only from {@code main} or from code the container runs once while it starts. */
        ONCE_ONLY,
        /**
         * No entry point found: a method only a framework, reflection or code beyond the search calls, or dead code.
         * Nothing says whether it runs per request.
         */
        UNKNOWN;

        /** Whether code reached so runs per request (or may: a library's public API). */
        public boolean perRequest() {
            return this == PER_REQUEST || this == PUBLIC_API;
        }

        /** Whether only scheduled jobs, {@code main} or start-up code reach it: no concurrent requests run it. */
        public boolean outsideRequests() {
            return this == SCHEDULED_ONLY || this == ONCE_ONLY;
        }
    }

    /**
     * One way to reach the method: the entry point, then each call on the way.
     *
     * @param steps the entry point's declaration first, then each call site, the last one calling the method
     * @param methods the methods on the way ({@code DictController.list}), the entry point's first, the reached
     *     method's last
     */
    public record Route(EntryPoint entryPoint, List<Details.Step> steps, List<String> methods) {
        public Route {
            steps = List.copyOf(steps);
            methods = List.copyOf(methods);
        }
    }

    static final Reach UNKNOWN = new Reach(Verdict.UNKNOWN, List.of());

    public Reach {
        routes = List.copyOf(routes);
    }

    /** The route the finding shows: the shortest request route, else the shortest of any kind. */
    public Optional<Route> route() {
        return routes.stream().findFirst();
    }

    /** The entry point of {@link #route()}. */
    public Optional<EntryPoint> entryPoint() {
        return route().map(Route::entryPoint);
    }

    /** Whether some route starts at an entry point of this kind. */
    public boolean reachedFrom(Kind kind) {
        return routes.stream().anyMatch(r -> r.entryPoint().kind() == kind);
    }

    /**
     * {@code details} with this reach as evidence and path: {@code entryPoint=GET /orders/{id}} (or {@code none}
     * when no entry point was found) and the route's steps. The finding's own line is the end of the path.
     */
    public Details addTo(Details details) {
        Optional<Route> r = route();
        Details out = details.withEvidence("entryPoint", r.map(x -> x.entryPoint().label()).orElse("none found"));
        return r.map(x -> out.withPath(x.steps())).orElse(out);
    }

    /**
     * The route's steps as one line of text, for a fact that a project rule reads back ({@link #steps(String)}): a
     * finding reported at the end of the analysis keeps the path its file's analysis found.
     */
    public String routeText() {
        StringBuilder out = new StringBuilder();
        for (Details.Step s : route().map(Route::steps).orElse(List.of())) {
            out.append(out.length() == 0 ? "" : "\u001e").append(s.file()).append('\u001f').append(s.line())
                    .append('\u001f').append(s.column()).append('\u001f').append(s.description());
        }
        return out.toString();
    }

    /** The steps {@link #routeText()} wrote. */
    public static List<Details.Step> steps(String routeText) {
        if (routeText == null || routeText.isEmpty()) {
            return List.of();
        }
        List<Details.Step> out = new java.util.ArrayList<>();
        for (String step : routeText.split("\u001e")) {
            String[] f = step.split("\u001f", 4);
            out.add(new Details.Step(java.nio.file.Path.of(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]));
        }
        return out;
    }

    /** "reached from GET /orders/{id} through OrderController.get → OrderService.find", or empty. */
    public Optional<String> describe() {
        return route().map(r -> "reached from " + r.entryPoint().label()
                + (r.methods().isEmpty() ? "" : " through " + String.join(" → ", r.methods())));
    }
}
