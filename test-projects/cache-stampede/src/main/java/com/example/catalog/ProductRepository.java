package com.example.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductRepository extends JpaRepository<Product, Long> {

    @Cacheable("products-by-sku")
    Optional<Product> findBySku(String sku);

    @Cacheable(cacheNames = "products-by-category", sync = true)
    List<Product> findByCategory(String category);
}
