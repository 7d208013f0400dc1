package com.acme.data;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

/** The organisation's base for data access: a MyBatis-Plus mapper, named like neither a mapper nor a repository. */
public interface AcmeStore<T> extends BaseMapper<T> {
}
