package com.example.broken;

public class Broken { // the AuditLog's reader, broken: a file a rule can use

    public int answer() {
        return 42
    }
}
