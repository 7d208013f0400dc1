package com.example.ledger.account;

import java.math.BigDecimal;

/** One booking on an account. */
public record LedgerEntry(String accountId, String entryId, BigDecimal amount) {}
