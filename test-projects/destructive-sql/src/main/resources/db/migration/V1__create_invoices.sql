-- Invoices and their lines. Deleting an invoice must DELETE its lines too.
CREATE TABLE invoices (
    id          BIGINT PRIMARY KEY,
    customer    VARCHAR(120) NOT NULL,
    status      VARCHAR(20)  NOT NULL DEFAULT 'DRAFT',
    due_date    DATE,
    sent_at     TIMESTAMP
);

CREATE TABLE invoice_lines (
    id          BIGINT PRIMARY KEY,
    invoice_id  BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    amount      NUMERIC(12, 2) NOT NULL
);
