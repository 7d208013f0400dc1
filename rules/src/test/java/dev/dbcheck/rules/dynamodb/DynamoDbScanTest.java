package dev.dbcheck.rules.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class DynamoDbScanTest {

    @Test
    void flagsEveryScanShapeAndNothingElse() {
        RuleTester.of(new DynamoDbScan()).fixtures("/fixtures/DynamoDbScan").expectMarkedFindings();
    }

    /**
     * The scan-wrapper summaries are computed only in files that reach a type of the DynamoDB packages: every type
     * a scan matcher names must be among them (else a wrapper would be missed with the relevance filter on), and the
     * rule's other AWS types (S3, SQS, retry policies, exceptions) must not be, or every project on the AWS SDK has
     * its summaries computed for nothing.
     */
    @Test
    void scanWrapperSummariesAreScopedToTheTypesAScanCallNames() {
        var scope = new DynamoDbScan().summaryRelevance().get(ScanWrappers.INSTANCE);
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (var m : java.util.List.of(DynamoDbScan.V2_CLIENT_SCAN, DynamoDbScan.ENHANCED_SCAN,
                DynamoDbScan.V1_CLIENT_SCAN, DynamoDbScan.V1_DOCUMENT_SCAN, DynamoDbScan.V1_MAPPER_SCAN,
                DynamoDbScan.V1_MAPPER_COUNT, DynamoDbScan.SPRING_CLOUD_SCAN)) {
            named.addAll(m.owners());
            assertTrue(scope.calls().containsAll(m.names()), m.names() + " in " + scope.calls());
        }
        named.add("com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBScanExpression");
        assertTrue(scope.types().containsAll(named), "missing: " + named.stream()
                .filter(t -> !scope.types().contains(t)).toList());
        for (String other : java.util.List.of("software.amazon.awssdk.services.s3.S3Client",
                "com.amazonaws.services.s3.AmazonS3", "software.amazon.awssdk.services.sqs.SqsClient",
                "com.amazonaws.AmazonClientException", "software.amazon.awssdk.core.exception.SdkException")) {
            assertFalse(scope.types().contains(other), other);
        }
    }

    @Test
    void positionIsTheMethodNameThroughTheEndOfTheCall() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        dynamo.scan(r -> r.tableName("t")); // expect: DynamoDbScan
                    }
                }
                """).expectMarkedFindings();
        Finding f = result.findings().get(0);
        assertEquals(5, f.beginLine());
        assertEquals(16, f.beginColumn());
        assertEquals(5, f.endLine());
        assertEquals(42, f.endColumn());
    }

    @Test
    void messageTeachesFailureModeGuideSectionAndFix() {
        AnalysisResult result = RuleTester.of(new DynamoDbScan()).java("""
                package p;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A {
                    void f(DynamoDbClient dynamo) {
                        dynamo.scan(r -> r.tableName("orders")); // expect: DynamoDbScan
                    }
                }
                """).expectMarkedFindings();
        String message = result.findings().get(0).message();
        assertEquals("scan() on table \"orders\" reads every item and consumes read capacity in proportion to "
                + "the table's size; it slows down and throttles other traffic as the table grows (guide: The "
                + "Access Pattern Constraint). Query by partition key, or add a GSI for this access pattern; if a "
                + "full read is intended (a batch job), suppress this with the reason.", message);
    }

    @Test
    void partiqlSelectWithoutWhereIsAScan() {
        assertTrue(ScanDetails.isUnboundedSelect("SELECT * FROM \"orders\""));
        assertTrue(ScanDetails.isUnboundedSelect("  select id from t"));
        assertFalse(ScanDetails.isUnboundedSelect("SELECT * FROM t WHERE pk = ?"));
        assertTrue(ScanDetails.isUnboundedSelect("SELECT * FROM \"WHERE\""));
        assertFalse(ScanDetails.isUnboundedSelect("UPDATE t SET a = 1"));
    }
}
