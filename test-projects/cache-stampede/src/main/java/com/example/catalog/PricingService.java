package com.example.catalog;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestTemplate;

/** Spring-cached service methods. */
@Service
public class PricingService {

    private final ProductRepository products;
    private final RestTemplate taxService;

    public PricingService(ProductRepository products, RestTemplate taxService) {
        this.products = products;
        this.taxService = taxService;
    }

    @Cacheable(cacheNames = "prices", key = "#productId")
    public long priceCents(long productId) {
        return products.findById(productId).orElseThrow().priceCents();
    }

    @Cacheable(cacheNames = "tax-rates", sync = true)
    public double taxRate(String country) {
        return taxService.getForObject("https://tax.internal/rates/{country}", Double.class, country);
    }

    @Cacheable("vat-rates")
    public double vatRate(String country) {
        return taxService.getForObject("https://tax.internal/vat/{country}", Double.class, country);
    }

    /** Computed in memory: nothing to protect. */
    @Cacheable("display-prices")
    public String displayPrice(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }
}
