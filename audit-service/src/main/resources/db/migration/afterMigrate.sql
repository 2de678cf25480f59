-- Runs as the owner after every migration (each start): the enterprise floor follows the configured
-- retention (free 30 and growth 365 days are fixed, V6__retention_by_plan.sql).
UPDATE audit_retention_floor SET floor_days = ${enterprise_retention_days} WHERE retention_class = 'enterprise';
