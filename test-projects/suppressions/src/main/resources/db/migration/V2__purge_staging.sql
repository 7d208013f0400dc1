-- Staging rows are rebuilt by the nightly import.
-- dbcheck:ignore DeleteWithoutWhere: staging table, emptied before every import
DELETE FROM staging_orders;

-- dbcheck:ignore DeleteWithoutWhere: the purge that was here now keeps the last 90 days
DELETE FROM audit_log WHERE created_at < now() - interval '90 days';
