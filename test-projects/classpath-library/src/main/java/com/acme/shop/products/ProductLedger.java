package com.acme.shop.products;

import com.github.yulichang.base.MPJBaseMapper;

/** MyBatis-Plus-Join's base mapper, which dbcheck's tables do not list. */
public interface ProductLedger extends MPJBaseMapper<Product> {
}
