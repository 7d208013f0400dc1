package com.example.orders;

import java.math.BigDecimal;

public record Order(long id, String customerId, BigDecimal total, String status) {}
