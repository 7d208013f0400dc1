CREATE TABLE customers (
    id          VARCHAR(64) PRIMARY KEY,
    email       VARCHAR(255) NOT NULL,
    newsletter  BOOLEAN NOT NULL DEFAULT TRUE
);
