package com.example.shop;

/** The application: its data source is configured in config/application.yml. */
public class ShopApplication {

    public static void main(String[] args) {
        System.out.println("shop");
    }
}
