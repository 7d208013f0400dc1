package com.example.orders;

import java.io.Writer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Nightly CSV export, triggered over HTTP by the scheduler. */
@Component
public class ExportJob {

    private final String url;
    private final String user;
    private final String password;

    public ExportJob(@Value("${export.url}") String url, @Value("${export.user}") String user,
            @Value("${export.password}") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public void export(Writer out) throws SQLException, java.io.IOException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, status FROM orders WHERE created_at > now() - interval '1 day'")) {
            while (rs.next()) {
                out.write(rs.getLong(1) + "," + rs.getString(2) + "\n");
            }
        }
    }
}
