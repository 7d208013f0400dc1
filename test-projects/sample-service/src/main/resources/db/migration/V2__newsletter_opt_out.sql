-- Opt everybody out of the newsletter before the new consent flow ships.
UPDATE customers SET newsletter = FALSE;

-- Remove test accounts created by the load test.
DELETE FROM customers WHERE email LIKE '%@loadtest.example.com';
