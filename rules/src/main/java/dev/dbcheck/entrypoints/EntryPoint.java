package dev.dbcheck.entrypoints;

import dev.dbcheck.model.MethodInfo;
import java.nio.file.Path;

/**
 * A method the outside world calls: an HTTP handler, a message listener, a Lambda handler, a gRPC service method,
 * a scheduled job, {@code main}, code the container runs while it starts, or (in a project with none of these, a
 * library) a public method of the public API.
 *
 * @param kind what calls it
 * @param label what a finding's {@code entryPoint} evidence says: {@code GET /system/dict/type/{type}},
 *     {@code @KafkaListener orders}, {@code @Scheduled}, {@code main}, {@code public API}
 * @param method the method, as the model declares it (null for start-up code outside any method: an initialiser)
 * @param file the file that declares it
 * @param line the line of its declaration
 */
public record EntryPoint(Kind kind, String label, MethodInfo method, Path file, int line) {

    /** What calls an entry point, and so how often the code it reaches runs. */
    public enum Kind {
        /** An HTTP handler: a Spring MVC/WebFlux handler method, a JAX-RS resource method, a servlet, a filter or interceptor. */
        HTTP(true),
        /** A message listener: Kafka, RabbitMQ, SQS, JMS, RocketMQ, Spring application events, reactive messaging. */
        MESSAGE(true),
        /** An AWS Lambda handler ({@code RequestHandler}, {@code RequestStreamHandler}): one invocation per event. */
        LAMBDA(true),
        /** A gRPC service method (an override in a subclass of a generated {@code *ImplBase}). */
        GRPC(true),
        /** A public method of a project that declares no entry point at all (a library): its callers' requests. */
        PUBLIC_API(true),
        /** A scheduled job: {@code @Scheduled}, EJB {@code @Schedule}, Quartz {@code Job.execute}, xxl-job {@code @XxlJob}. */
        SCHEDULED(false),
        /** {@code public static void main(String[])}: a program run, an example, a one-off tool. */
        MAIN(false),
        /** Code the container runs once while it starts: a constructor, an initialiser, a {@code @Bean} or {@code @PostConstruct} method. */
        STARTUP(false);

        private final boolean perRequest;

        Kind(boolean perRequest) {
            this.perRequest = perRequest;
        }

        /** Whether the code it reaches runs once per request, message or invocation (a library's public API counts). */
        public boolean perRequest() {
            return perRequest;
        }
    }
}
