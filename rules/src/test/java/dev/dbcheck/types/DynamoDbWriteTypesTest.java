package dev.dbcheck.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The write-path type table is registered and loaded beside the others. */
class DynamoDbWriteTypesTest {

    private final LibraryTypes library = LibraryTypes.get();

    @Test
    void tableIsRegistered() {
        assertTrue(LibraryTypes.FILES.contains("aws-dynamodb-writes.types"));
    }

    @Test
    void v1ExceptionHierarchyReachesAmazonClientException() {
        assertTrue(library.isSubtype("com.amazonaws.services.dynamodbv2.model.ProvisionedThroughputExceededException",
                "com.amazonaws.AmazonClientException"));
        assertTrue(library.isSubtype("com.amazonaws.AmazonServiceException", "java.lang.RuntimeException"));
    }

    @Test
    void batchAndRetryReturnTypesAreKnown() {
        assertEquals(Optional.of("com.amazonaws.services.dynamodbv2.model.BatchWriteItemResult"),
                library.returnType("com.amazonaws.services.dynamodbv2.AmazonDynamoDB", "batchWriteItem"));
        assertEquals(Optional.of("software.amazon.awssdk.retries.api.RetryStrategy"),
                library.returnType("software.amazon.awssdk.awscore.retry.AwsRetryStrategy", "doNotRetry"));
        assertEquals(Optional.of("java.util.concurrent.ThreadLocalRandom"),
                library.returnType("java.util.concurrent.ThreadLocalRandom", "current"));
    }
}
