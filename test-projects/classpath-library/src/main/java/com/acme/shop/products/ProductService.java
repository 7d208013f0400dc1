package com.acme.shop.products;

import java.util.List;
import org.springframework.cache.annotation.Cacheable;

public class ProductService {
    private final ProductCatalog catalog;

    public ProductService(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Cacheable("products")
    public Product product(long id) {
        return catalog.getById(id);
    }

    /** With sync = true: no finding, with or without the class path. */
    @Cacheable(cacheNames = "products", sync = true)
    public List<Product> all() {
        return catalog.list();
    }
}
