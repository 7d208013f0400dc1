ALTER TABLE invoices ADD COLUMN currency CHAR(3);

-- Backfill: every existing invoice was billed in euros.
UPDATE invoices SET currency = 'EUR';

ALTER TABLE invoices ALTER COLUMN currency SET NOT NULL;
