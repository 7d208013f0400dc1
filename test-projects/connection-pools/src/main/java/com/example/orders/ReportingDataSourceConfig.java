package com.example.orders;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A second pool, on the reader endpoint, for the reporting screens. */
@Configuration
public class ReportingDataSourceConfig {

    @Bean
    public DataSource reportingDataSource(@Value("${reporting.url}") String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("reporting");
        config.setMaximumPoolSize(60);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }
}
