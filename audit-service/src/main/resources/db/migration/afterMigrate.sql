-- Runs as the owner after every migration (each start): the floor follows the configured retention.
UPDATE audit_retention SET floor_days = ${retention_days};
