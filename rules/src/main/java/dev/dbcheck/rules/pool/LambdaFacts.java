package dev.dbcheck.rules.pool;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.dbcheck.config.ConfigFiles;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.rule.ResourceContext;
import dev.dbcheck.rule.ResourceFile;
import dev.dbcheck.rules.aurora.RdsEndpoints;
import dev.dbcheck.text.LineIndex;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the connection-pool rules learn about AWS Lambda: the project's handlers (and whether they open database
 * connections), the functions' reserved concurrency (SAM/CloudFormation {@code ReservedConcurrentExecutions},
 * Serverless Framework {@code reservedConcurrency}), RDS Proxy in the templates, and the RDS endpoints the
 * configuration names.
 *
 * <p>Facts (domain-facts section 13): each concurrent Lambda execution environment is its own JVM with its own
 * pool; without a reservation a function scales to the account's regional concurrency limit, 1,000 by default
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html); RDS Proxy endpoints carry a
 * {@code .proxy-} label, and AWS recommends RDS Proxy for Lambda functions that use relational databases
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html).
 */
final class LambdaFacts {

    /** The account's default regional concurrency limit: a function without a reservation can reach it. */
    static final long DEFAULT_CONCURRENCY = 1_000;

    static final Set<String> HANDLER_TYPES = Set.of("com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

    /** A Lambda handler class, whether it opens database connections, and the RDS hosts its literals name. */
    record LambdaHandler(String type, boolean connects, String hosts, int endLine, int endColumn) {}

    /** A reserved concurrency in a template, with where it is. */
    record LambdaConcurrency(long count, String source) {}

    /** An RDS or Aurora endpoint named in configuration or a template ({@code kind}: cluster, proxy, ...). */
    record DatabaseEndpoint(String host, String kind) {}

    /** A template that declares an RDS Proxy ({@code AWS::RDS::DBProxy}). */
    record ProxyDeclared(String source) {}

    private static final Pattern RESERVED = Pattern.compile(
            "(?m)^\\s*(ReservedConcurrentExecutions|reservedConcurrency)\\s*:\\s*[\"']?(\\d+)");

    private LambdaFacts() {}

    /** Records a Lambda handler class. */
    static void record(ClassOrInterfaceDeclaration type, JavaContext context) {
        if (type.isInterface() || !isHandler(type, context)) {
            return;
        }
        boolean connects = !type.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("getConnection")).isEmpty()
                || !type.findAll(ObjectCreationExpr.class, c -> {
                    String name = c.getType().getNameAsString();
                    return name.endsWith("DataSource") || name.equals("HikariConfig");
                }).isEmpty();
        Set<String> hosts = new TreeSet<>();
        for (StringLiteralExpr literal : type.findAll(StringLiteralExpr.class)) {
            RdsEndpoints.find(literal.getValue()).forEach(m -> hosts.add(m.host() + "=" + m.kind().name().toLowerCase(Locale.ROOT)));
        }
        int endLine = type.getName().getEnd().map(p -> p.line).orElse(1);
        int endColumn = type.getName().getEnd().map(p -> p.column).orElse(1);
        context.addFact(type.getName(), new LambdaHandler(type.getNameAsString(), connects, String.join(",", hosts),
                endLine, endColumn));
    }

    private static boolean isHandler(ClassOrInterfaceDeclaration type, JavaContext context) {
        Optional<String> name = context.types().enclosingTypeNames(type).stream().findFirst();
        if (name.isPresent() && context.types().isSubtypeOfAny(name.get(), HANDLER_TYPES)) {
            return true;
        }
        for (MethodDeclaration m : type.getMethods()) {
            if (m.getNameAsString().equals("handleRequest") && m.getParameters().size() >= 2 && context.types()
                    .resolve(m.getParameter(m.getParameters().size() - 1).getType()).filter(CONTEXT::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** SAM/CloudFormation templates and Serverless Framework files. */
    static boolean isTemplate(ResourceFile file) {
        String name = file.lowerCaseName();
        return ConfigFiles.isYaml(name) && (name.startsWith("template") || name.startsWith("serverless")
                || name.contains(".template."));
    }

    /** Records a template's reserved concurrencies and proxies, and any file's RDS endpoints. */
    static void record(ResourceFile file, ResourceContext context) {
        String text = file.text();
        LineIndex lines = LineIndex.of(text);
        if (isTemplate(file)) {
            Matcher m = RESERVED.matcher(text);
            while (m.find()) {
                int line = lines.lineOf(m.start(2));
                context.addFact(line, 1, new LambdaConcurrency(Long.parseLong(m.group(2)),
                        m.group(1) + " in " + file.fileName() + ":" + line));
            }
            int proxy = text.indexOf("AWS::RDS::DBProxy");
            if (proxy >= 0) {
                context.addFact(lines.lineOf(proxy), 1, new ProxyDeclared(file.fileName()));
            }
        }
        for (RdsEndpoints.Mention mention : RdsEndpoints.find(text)) {
            context.addFact(lines.lineOf(mention.start()), 1,
                    new DatabaseEndpoint(mention.host(), mention.kind().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** The largest reserved concurrency, or the regional default (assumed). */
    static Optional<LambdaConcurrency> concurrency(List<LambdaConcurrency> reserved, boolean handlers) {
        if (!handlers) {
            return Optional.empty();
        }
        return reserved.stream().max(java.util.Comparator.comparingLong(LambdaConcurrency::count)).or(() -> Optional.of(
                new LambdaConcurrency(DEFAULT_CONCURRENCY, "the regional default Lambda concurrency of 1,000 (assumed: "
                        + "no ReservedConcurrentExecutions or reservedConcurrency in the templates)")));
    }
}
