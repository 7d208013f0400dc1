package com.acme.shop.common;

import org.springframework.jdbc.core.JdbcTemplate;

/** What every service of the shop inherits: one row of its table, by id. */
public abstract class BaseService {
    protected final JdbcTemplate jdbc;

    protected BaseService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    protected abstract String table();

    protected String loadById(long id) {
        return jdbc.queryForObject("select body from " + table() + " where id = ?", String.class, id);
    }
}
