package com.example.billing;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import java.util.List;

public class InvoiceExport {

    private final AmazonDynamoDB legacy;

    public InvoiceExport(AmazonDynamoDB legacy) {
        this.legacy = legacy;
    }

    public ScanResult unpaid() {
        return legacy.scan("invoices", List.of("id", "status"));
    }

    public ScanResult archived() {
        return legacy.scan("invoices-archive", List.of("id"));
    }
}
