-- One-time history fix for an auth-service database migrated before the outbox module owned the
-- outbox table (ADR 23). Its V1 created the table; V1 no longer does, and the outbox module's
-- V1.1__outbox.sql (db/outbox) does, with the very same definition. Flyway would refuse to start on
-- such a database (V1's checksum changed) and V1.1 would fail on the existing table, so the history
-- is brought in line with what the database holds: V1 gets its new checksum, V1.1 is recorded as
-- applied. Does nothing on any other database (a new one, apikey-service's, one already fixed).
--
--   psql -d awx_auth -f deploy/sql/0023-outbox-history.sql     (`deploy/local/awx infra` runs it locally)
-- The checksums are Flyway's (CRC32 of the lines): V1 before -457502843, after -1796569761; V1.1 -91004305.
DO $$
BEGIN
  -- Two IFs: the inner statements name the history table, which a new database does not have yet.
  IF to_regclass('flyway_schema_history') IS NOT NULL THEN
    IF EXISTS (SELECT FROM flyway_schema_history WHERE version = '1' AND checksum = -457502843) THEN
      UPDATE flyway_schema_history SET checksum = -1796569761 WHERE version = '1';
      INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                         installed_by, execution_time, success)
        SELECT max(installed_rank) + 1, '1.1', 'outbox', 'SQL', 'db/outbox/V1.1__outbox.sql', -91004305,
               current_user, 0, true
        FROM flyway_schema_history;
      RAISE NOTICE 'flyway_schema_history: V1 re-checksummed, V1.1 (outbox) recorded as applied (ADR 23)';
    END IF;
  END IF;
END $$;
