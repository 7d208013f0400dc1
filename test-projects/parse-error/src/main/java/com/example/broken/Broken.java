package com.example.broken;

public class Broken {

    public int answer() {
        return 42
    }
}
