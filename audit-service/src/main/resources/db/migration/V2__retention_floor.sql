-- The retention floor, where the runtime role cannot change it: audit_drop_partitions_before refuses
-- any cutoff younger than this many days, whoever calls it. A stolen runtime credential can drop only
-- what retention would drop anyway. The owner sets it from the configured retention at every start
-- (afterMigrate.sql); the runtime role may only read it.
CREATE TABLE audit_retention (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    floor_days integer NOT NULL CHECK (floor_days >= 30)
);
INSERT INTO audit_retention (floor_days) VALUES (${retention_days});
REVOKE ALL ON audit_retention FROM PUBLIC;
GRANT SELECT ON audit_retention TO ${runtime_role};

CREATE OR REPLACE FUNCTION audit_drop_partitions_before(cutoff timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    part record;
    month_end timestamptz;
    floor_days integer;
    dropped integer := 0;
BEGIN
    SELECT r.floor_days INTO STRICT floor_days FROM audit_retention r;
    IF cutoff > now() - make_interval(days => floor_days) THEN
        RAISE EXCEPTION 'retention cutoff % is younger than the retention floor of % days', cutoff, floor_days
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_event'::regclass AND c.relname ~ '^audit_event_y[0-9]{4}m[0-9]{2}$'
    LOOP
        month_end := (to_timestamp(substring(part.relname FROM 14 FOR 4) || substring(part.relname FROM 19 FOR 2),
                                   'YYYYMM') AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
        IF month_end <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;
