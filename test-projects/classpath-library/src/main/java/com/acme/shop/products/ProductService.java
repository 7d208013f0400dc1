package com.acme.shop.products;

import java.util.List;
import org.springframework.cache.annotation.Cacheable;

public class ProductService {
    private final ProductLedger ledger;

    public ProductService(ProductLedger ledger) {
        this.ledger = ledger;
    }

    @Cacheable("products")
    public Product product(long id) {
        return ledger.selectById(id);
    }

    /** With sync = true: no finding, with or without the class path. */
    @Cacheable(cacheNames = "products", sync = true)
    public List<Product> all() {
        return ledger.selectList(null);
    }
}
