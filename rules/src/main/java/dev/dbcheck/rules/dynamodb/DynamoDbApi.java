package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.dbcheck.rule.JavaContext;
import dev.dbcheck.types.TypeResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Library knowledge the DynamoDB write-path rules share: which types are DynamoDB clients, client builders
 * and service exceptions, SDK v1 and v2. Data, not logic.
 */
final class DynamoDbApi {

    static final String V2 = "software.amazon.awssdk.services.dynamodb.";
    static final String ENHANCED = "software.amazon.awssdk.enhanced.dynamodb.";
    static final String V1 = "com.amazonaws.services.dynamodbv2.";

    /** Receivers whose calls go to DynamoDB (and may be throttled). */
    static final Set<String> CLIENTS = Set.of(
            V2 + "DynamoDbClient", V2 + "DynamoDbAsyncClient",
            ENHANCED + "DynamoDbEnhancedClient", ENHANCED + "DynamoDbEnhancedAsyncClient",
            ENHANCED + "DynamoDbTable", ENHANCED + "DynamoDbAsyncTable", ENHANCED + "DynamoDbIndex",
            ENHANCED + "DynamoDbAsyncIndex",
            V1 + "AmazonDynamoDB", V1 + "document.Table", V1 + "document.Index", V1 + "document.DynamoDB",
            V1 + "datamodeling.IDynamoDBMapper", V1 + "datamodeling.DynamoDBTableMapper",
            "io.awspring.cloud.dynamodb.DynamoDbOperations");

    /** Builders that produce a DynamoDB client. */
    static final Set<String> CLIENT_BUILDERS = Set.of(
            V2 + "DynamoDbClientBuilder", V2 + "DynamoDbAsyncClientBuilder",
            V1 + "AmazonDynamoDBClientBuilder", V1 + "AmazonDynamoDBAsyncClientBuilder");

    /** SDK v1 client classes with constructors that take a {@code ClientConfiguration}. */
    static final Set<String> V1_CLIENT_CLASSES = Set.of(V1 + "AmazonDynamoDBClient", V1 + "AmazonDynamoDBAsyncClient");

    /** DynamoDB's own throttling exceptions (every AWS service has a ThrottlingException: only these count). */
    static final Set<String> THROTTLING_EXCEPTIONS = Set.of(
            V2 + "model.ProvisionedThroughputExceededException", V2 + "model.RequestLimitExceededException",
            V2 + "model.ThrottlingException",
            V1 + "model.ProvisionedThroughputExceededException", V1 + "model.RequestLimitExceededException");

    /**
     * Broader service exception types that include DynamoDB throttling: a catch of one of these directly around
     * a DynamoDB call catches throttles too.
     */
    static final Set<String> BROAD_SERVICE_EXCEPTIONS = Set.of(
            V2 + "model.DynamoDbException", "software.amazon.awssdk.awscore.exception.AwsServiceException",
            "software.amazon.awssdk.core.exception.SdkServiceException",
            "software.amazon.awssdk.core.exception.SdkException",
            V1 + "model.AmazonDynamoDBException", "com.amazonaws.AmazonServiceException",
            "com.amazonaws.AmazonClientException", "com.amazonaws.SdkClientException", "com.amazonaws.SdkBaseException");

    /** Packages whose types a DynamoDB call, client or exception comes from. */
    private static final List<String> PACKAGES = List.of("software.amazon.awssdk.", "com.amazonaws.",
            "io.awspring.cloud.dynamodb");

    /** Annotations of test methods (JUnit 4 and 5, TestNG), by simple name. */
    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");

    private DynamoDbApi() {}

    /** Test code (under a {@code src/test/} root, or in a test method): its requests are not production traffic. */
    static boolean isTestCode(Node node, JavaContext context) {
        if (("/" + context.file().toString().replace('\\', '/')).contains("/src/test/")) {
            return true;
        }
        return node.findAncestor(MethodDeclaration.class).filter(m -> m.getAnnotations().stream()
                .anyMatch(a -> TEST_ANNOTATIONS.contains(a.getName().getIdentifier()))).isPresent();
    }

    private static boolean startsLikeSdkPackage(ClassOrInterfaceType type) {
        ClassOrInterfaceType leftmost = type;
        while (leftmost.getScope().isPresent()) {
            leftmost = leftmost.getScope().get();
        }
        String first = leftmost.getNameAsString();
        return first.equals("software") || first.equals("com") || first.equals("io");
    }

    /**
     * Whether this file can name any AWS SDK type at all (an import, or a fully qualified type): a cheap
     * per-file guard before resolving the receivers of every call in every loop or catch. Without one, no
     * receiver or exception in the file can resolve to a DynamoDB type.
     */
    static boolean mayUseAwsSdk(JavaContext context) {
        return context.memo(DynamoDbApi.class, () -> {
            CompilationUnit cu = context.compilationUnit();
            for (ImportDeclaration imp : cu.getImports()) {
                String name = imp.getNameAsString() + ".";
                if (PACKAGES.stream().anyMatch(name::startsWith)) {
                    return true;
                }
            }
            // A fully qualified SDK type without an import. Test the leftmost name first: building the
            // string of every scoped type (Map.Entry, ...) in every file would cost more than the check.
            return cu.findFirst(ClassOrInterfaceType.class, t -> t.getScope().isPresent()
                    && startsLikeSdkPackage(t)
                    && PACKAGES.stream().anyMatch(p -> (t.asString() + ".").startsWith(p))).isPresent();
        });
    }

    /** Whether {@code call} goes to DynamoDB: its receiver's declared type is a DynamoDB client or table. */
    static boolean isDynamoDbCall(MethodCallExpr call, TypeResolver types) {
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty() || types.typeReferencedBy(scope.get()).isPresent()) {
            return false;
        }
        return types.typeOf(scope.get()).filter(t -> types.isSubtypeOfAny(t, CLIENTS)).isPresent();
    }

    /** Whether a qualified type name is from the SDK v1 ({@code com.amazonaws}), for messages. */
    static boolean isV1(String type) {
        return type.startsWith("com.amazonaws.");
    }
}
