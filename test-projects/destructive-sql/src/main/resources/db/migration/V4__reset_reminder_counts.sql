-- The reminder counters are rebuilt inside a PostgreSQL block: its statements are checked like any other.
DO $$
BEGIN
    DELETE FROM reminder_counts;
    INSERT INTO reminder_counts (invoice_id, sent) SELECT invoice_id, count(*) FROM payment_reminders GROUP BY invoice_id;
    UPDATE invoices SET status = 'OVERDUE' WHERE due_date < now() AND status = 'SENT';
END
$$;
