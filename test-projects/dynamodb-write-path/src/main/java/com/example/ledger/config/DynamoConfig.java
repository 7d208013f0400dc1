package com.example.ledger.config;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the AWS clients of the service. */
public final class DynamoConfig {

    /** "Fail fast" for the ledger: someone turned the SDK's retries off to keep p99 low. */
    private static final ClientOverrideConfiguration FAIL_FAST = ClientOverrideConfiguration.builder()
            .retryPolicy(RetryPolicy.none())
            .apiCallTimeout(Duration.ofMillis(500))
            .build();

    private DynamoConfig() {}

    public static DynamoDbClient ledgerClient() {
        return DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .overrideConfiguration(FAIL_FAST)
                .build();
    }

    /** Exports go to S3: retries off there are not a DynamoDB concern. */
    public static S3Client exportClient() {
        return S3Client.builder()
                .region(Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }
}
