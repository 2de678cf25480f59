-- Audit events: append-only, partitioned by month of event time.
-- Runs as the owner role. The runtime role (${runtime_role}) may read and append, never change:
-- append-only is enforced by privilege, not by convention.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        CREATE ROLE ${runtime_role} LOGIN;
    END IF;
END
$$;

CREATE TABLE audit_event (
    event_id      uuid        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    org_id        text        NOT NULL,
    type          text        NOT NULL,
    source        text        NOT NULL,
    subject       text,
    actor_type    text        NOT NULL,
    actor_id      text        NOT NULL,
    outcome       text        NOT NULL,
    reason        text,
    client_ip     text,
    user_agent    text,
    request_id    text,
    resource_type text,
    resource_id   text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    traceparent   text,
    stored_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A partitioned table's unique key must hold the partition key; a redelivered event carries
    -- the same time as the original, so this is "each event id once" for every real delivery.
    CONSTRAINT audit_event_pk PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- One index per API filter that narrows a tenant's history; outcome and ip filter within these.
CREATE INDEX audit_event_org_time_idx  ON audit_event (org_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_org_type_idx  ON audit_event (org_id, type, occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_org_actor_idx ON audit_event (org_id, actor_id, occurred_at DESC, event_id DESC);

-- Events whose time falls outside every monthly partition are kept, never refused.
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

-- Creates the monthly partitions from last month to months_ahead months ahead (UTC months).
CREATE FUNCTION audit_ensure_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    first_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
    month_start timestamp;
    partition_name text;
    created integer := 0;
BEGIN
    IF months_ahead < 0 OR months_ahead > 24 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 24';
    END IF;
    FOR i IN -1..months_ahead LOOP
        month_start := first_month + make_interval(months => i);
        partition_name := 'audit_event_' || to_char(month_start, '"y"YYYY"m"MM');
        IF to_regclass(partition_name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
                    partition_name, month_start AT TIME ZONE 'UTC',
                    (month_start + interval '1 month') AT TIME ZONE 'UTC');
                created := created + 1;
            EXCEPTION WHEN others THEN
                -- e.g. the default partition already holds rows of that month: keep them there.
                RAISE WARNING 'partition % not created: %', partition_name, SQLERRM;
            END;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- Retention: drops whole monthly partitions that end before the cutoff. This is the only removal
-- the runtime role can cause, and it can never reach the last 30 days.
CREATE FUNCTION audit_drop_partitions_before(cutoff timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    part record;
    month_end timestamptz;
    dropped integer := 0;
BEGIN
    IF cutoff > now() - interval '30 days' THEN
        RAISE EXCEPTION 'retention cutoff % is within the last 30 days', cutoff;
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

SELECT audit_ensure_partitions(3);

GRANT USAGE ON SCHEMA public TO ${runtime_role};
GRANT SELECT, INSERT ON audit_event TO ${runtime_role};
REVOKE ALL ON FUNCTION audit_ensure_partitions(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_drop_partitions_before(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_ensure_partitions(integer) TO ${runtime_role};
GRANT EXECUTE ON FUNCTION audit_drop_partitions_before(timestamptz) TO ${runtime_role};
