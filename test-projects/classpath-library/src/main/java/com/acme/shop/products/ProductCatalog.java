package com.acme.shop.products;

import com.github.yulichang.extension.mapping.base.MPJDeepService;

/** MyBatis-Plus-Join's deep-mapping service, a MyBatis-Plus IService that dbcheck's tables do not list. */
public interface ProductCatalog extends MPJDeepService<Product> {
}
