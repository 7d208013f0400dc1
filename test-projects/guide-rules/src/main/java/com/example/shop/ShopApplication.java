package com.example.shop;

import java.security.Security;

public class ShopApplication {

    public static void main(String[] args) {
        // Thirty seconds is within AWS's limit of 60: not flagged.
        Security.setProperty("networkaddress.cache.ttl", "30");
    }
}
