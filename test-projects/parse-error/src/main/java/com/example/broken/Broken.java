package com.example.broken;

public class Broken { AuditLog log; // the AuditLog reader, broken: a file a rule can use

    public int answer() {
        return 42
    }
}
