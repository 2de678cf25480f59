-- Retention by plan (ADR 22). Every row has a retention class (its organization's plan) and a
-- retained_at, the later of its event time and the organization's previous retained_at: it never goes
-- down along a chain, so dropping a month of retained_at drops a prefix of every chain and what remains
-- still verifies from its first seq. audit_event is partitioned by class, then by month of retained_at.
-- Existing rows keep the retention they had (growth, 365 days).

-- Floors per class, where the runtime role cannot change them (set by the owner at every start,
-- afterMigrate.sql). audit_drop_partitions_before refuses any cutoff younger than its class's floor.
CREATE TABLE audit_retention_floor (
    retention_class text    PRIMARY KEY CHECK (retention_class IN ('free', 'growth', 'enterprise')),
    floor_days      integer NOT NULL CHECK (floor_days >= 30),
    CHECK (retention_class = 'free' OR floor_days >= 365)
);
INSERT INTO audit_retention_floor VALUES ('free', 30), ('growth', 365), ('enterprise', ${enterprise_retention_days});
REVOKE ALL ON audit_retention_floor FROM PUBLIC;
GRANT SELECT ON audit_retention_floor TO ${runtime_role};

DROP FUNCTION audit_drop_partitions_before(timestamptz);
DROP TABLE audit_retention;

-- The same columns (and defaults) as before, plus the two that decide where a row is kept.
CREATE TABLE audit_event_next (
    LIKE audit_event INCLUDING DEFAULTS,
    -- Neither is part of the chained canonical form: a plan change moves rows without touching a link.
    retention_class text        NOT NULL,
    retained_at     timestamptz NOT NULL
) PARTITION BY LIST (retention_class);

CREATE TABLE audit_event_free       PARTITION OF audit_event_next FOR VALUES IN ('free')       PARTITION BY RANGE (retained_at);
CREATE TABLE audit_event_growth     PARTITION OF audit_event_next FOR VALUES IN ('growth')     PARTITION BY RANGE (retained_at);
CREATE TABLE audit_event_enterprise PARTITION OF audit_event_next FOR VALUES IN ('enterprise') PARTITION BY RANGE (retained_at);
-- Rows whose retained_at falls outside every monthly partition are kept, never refused.
CREATE TABLE audit_event_free_default       PARTITION OF audit_event_free DEFAULT;
CREATE TABLE audit_event_growth_default     PARTITION OF audit_event_growth DEFAULT;
CREATE TABLE audit_event_enterprise_default PARTITION OF audit_event_enterprise DEFAULT;

-- Creates the class's monthly partitions from first_month to last_month (UTC months). Owner only.
CREATE FUNCTION audit_create_month_partitions(class_name text, first_month timestamp, last_month timestamp)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start timestamp := date_trunc('month', first_month);
    partition_name text;
    created integer := 0;
BEGIN
    IF class_name NOT IN ('free', 'growth', 'enterprise') THEN
        RAISE EXCEPTION 'unknown retention class %', class_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WHILE month_start <= last_month LOOP
        partition_name := 'audit_event_' || class_name || '_' || to_char(month_start, '"y"YYYY"m"MM');
        IF to_regclass(partition_name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                    partition_name, 'audit_event_' || class_name, month_start AT TIME ZONE 'UTC',
                    (month_start + interval '1 month') AT TIME ZONE 'UTC');
                created := created + 1;
            EXCEPTION WHEN others THEN
                -- e.g. the default partition already holds rows of that month: keep them there.
                RAISE WARNING 'partition % not created: %', partition_name, SQLERRM;
            END;
        END IF;
        month_start := month_start + interval '1 month';
    END LOOP;
    RETURN created;
END
$$;
REVOKE ALL ON FUNCTION audit_create_month_partitions(text, timestamp, timestamp) FROM PUBLIC;

-- Every month that had a partition gets one in growth; rows of other months stay in a default, as before.
SELECT audit_create_month_partitions('growth', to_timestamp(substring(c.relname FROM 14 FOR 4) || substring(c.relname FROM 19 FOR 2), 'YYYYMM')::date,
                                     to_timestamp(substring(c.relname FROM 14 FOR 4) || substring(c.relname FROM 19 FOR 2), 'YYYYMM')::date)
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'audit_event'::regclass AND c.relname ~ '^audit_event_y[0-9]{4}m[0-9]{2}$';

INSERT INTO audit_event_next (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome,
                              reason, client_ip, user_agent, request_id, resource_type, resource_id, details,
                              traceparent, stored_at, seq, prev_hash, hash, retention_class, retained_at)
SELECT event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome,
       reason, client_ip, user_agent, request_id, resource_type, resource_id, details,
       traceparent, stored_at, seq, prev_hash, hash, 'growth',
       CASE WHEN seq IS NULL THEN occurred_at
            ELSE max(occurred_at) OVER (PARTITION BY org_id, seq IS NULL ORDER BY seq ROWS UNBOUNDED PRECEDING) END
FROM audit_event;

DROP TABLE audit_event;
ALTER TABLE audit_event_next RENAME TO audit_event;

-- Each event id once: the key must hold the partition key, which a redelivery need not repeat (its
-- retained_at may be later), so ingest also looks stored ids up under the chain-head lock (ADR 22).
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pk PRIMARY KEY (event_id, retention_class, retained_at);
CREATE INDEX audit_event_org_time_idx  ON audit_event (org_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_org_type_idx  ON audit_event (org_id, type, occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_org_actor_idx ON audit_event (org_id, actor_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_event_org_seq_idx   ON audit_event (org_id, seq);
GRANT SELECT, INSERT ON audit_event TO ${runtime_role};

-- Each head says where its organization's rows are (every row of an organization is in its head's
-- class) and the retained_at of its newest row (NULL before the first chained row).
ALTER TABLE audit_chain_head
    ADD COLUMN retention_class text NOT NULL DEFAULT 'growth' CHECK (retention_class IN ('free', 'growth', 'enterprise')),
    ADD COLUMN retained_at     timestamptz;
-- Organizations with only unchained rows get a head too, so that their rows have a class to follow.
INSERT INTO audit_chain_head (org_id, seq, hash)
SELECT DISTINCT org_id, 0, decode(repeat('00', 32), 'hex') FROM audit_event ON CONFLICT (org_id) DO NOTHING;
UPDATE audit_chain_head h SET retained_at = m.retained_at
FROM (SELECT org_id, max(retained_at) AS retained_at FROM audit_event WHERE seq IS NOT NULL GROUP BY org_id) m
WHERE h.org_id = m.org_id;
ALTER TABLE audit_chain_head ALTER COLUMN retention_class DROP DEFAULT;

-- From last month to months_ahead months ahead, for every class.
CREATE OR REPLACE FUNCTION audit_ensure_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
BEGIN
    IF months_ahead < 0 OR months_ahead > 24 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 24';
    END IF;
    RETURN audit_create_month_partitions('free', this_month - interval '1 month', this_month + make_interval(months => months_ahead))
         + audit_create_month_partitions('growth', this_month - interval '1 month', this_month + make_interval(months => months_ahead))
         + audit_create_month_partitions('enterprise', this_month - interval '1 month', this_month + make_interval(months => months_ahead));
END
$$;
SELECT audit_ensure_partitions(3);

-- Retention: drops the class's whole monthly partitions that end before the cutoff. This is the only
-- removal the runtime role can cause, and never younger than the class's floor.
CREATE FUNCTION audit_drop_partitions_before(class_name text, cutoff timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_days integer;
    part record;
    month_end timestamptz;
    dropped integer := 0;
BEGIN
    SELECT f.floor_days INTO floor_days FROM audit_retention_floor f WHERE f.retention_class = class_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown retention class %', class_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF cutoff > now() - make_interval(days => floor_days) THEN
        RAISE EXCEPTION 'retention cutoff % is younger than the % retention floor of % days', cutoff, class_name, floor_days
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = ('audit_event_' || class_name)::regclass
          AND c.relname ~ ('^audit_event_' || class_name || '_y[0-9]{4}m[0-9]{2}$')
    LOOP
        month_end := (make_date(substring(part.relname FROM '_y([0-9]{4})m')::integer,
                                substring(part.relname FROM 'm([0-9]{2})$')::integer, 1)
                      + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        IF month_end <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;

-- Heads: created in the class of the organization's current plan; returned with where its rows are.
DROP FUNCTION audit_lock_chain_heads(text[]);
CREATE FUNCTION audit_lock_chain_heads(orgs text[], classes text[])
    RETURNS TABLE (org_id text, seq bigint, hash bytea, retention_class text, retained_at timestamptz)
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO audit_chain_head AS h (org_id, seq, hash, retention_class)
    SELECT o, 0, decode(repeat('00', 32), 'hex'), c FROM unnest(orgs, classes) AS u(o, c) ORDER BY o
    ON CONFLICT (org_id) DO UPDATE SET seq = h.seq
    RETURNING h.org_id, h.seq, h.hash, h.retention_class, h.retained_at
$$;

-- A head moves only to a stored row of its own class whose retained_at does not go back.
CREATE OR REPLACE FUNCTION audit_move_chain_heads(orgs text[], from_seqs bigint[], to_seqs bigint[], hashes bytea[])
    RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH moved AS (
        UPDATE audit_chain_head h SET seq = m.to_seq, hash = m.hash, retained_at = e.retained_at
        FROM unnest(orgs, from_seqs, to_seqs, hashes) AS m(org_id, from_seq, to_seq, hash)
        CROSS JOIN LATERAL (SELECT x.retained_at, x.retention_class FROM audit_event x
                            WHERE x.org_id = m.org_id AND x.seq = m.to_seq AND x.hash = m.hash LIMIT 1) e
        WHERE h.org_id = m.org_id AND h.seq = m.from_seq AND m.to_seq > m.from_seq
          AND e.retention_class = h.retention_class AND e.retained_at >= coalesce(h.retained_at, '-infinity')
        RETURNING 1)
    SELECT count(*)::integer FROM moved
$$;

-- Every class change of an organization, for whoever later asks why rows went early.
CREATE TABLE audit_retention_move (
    org_id     text        NOT NULL,
    from_class text        NOT NULL,
    to_class   text        NOT NULL,
    moved_rows bigint      NOT NULL,
    moved_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
REVOKE ALL ON audit_retention_move FROM PUBLIC;
GRANT SELECT ON audit_retention_move TO ${runtime_role};

-- A plan change: the organization's head and all its rows go to the new class together, under the
-- head's lock (so no batch of it is in between). Only retention_class changes; PostgreSQL moves the
-- rows between partitions. An organization not seen yet gets its head now. Returns how many moved.
CREATE FUNCTION audit_set_retention_class(orgs text[], classes text[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    target record;
    current_class text;
    first_month timestamptz;
    last_month timestamptz;
    rows_moved bigint;
    moved integer := 0;
BEGIN
    FOR target IN SELECT o, c FROM unnest(orgs, classes) AS u(o, c) ORDER BY o LOOP
        IF target.c NOT IN ('free', 'growth', 'enterprise') THEN
            RAISE EXCEPTION 'unknown retention class %', target.c USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT h.retention_class INTO current_class FROM audit_chain_head h WHERE h.org_id = target.o FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO audit_chain_head (org_id, seq, hash, retention_class)
            VALUES (target.o, 0, decode(repeat('00', 32), 'hex'), target.c) ON CONFLICT (org_id) DO NOTHING;
            CONTINUE;
        END IF;
        CONTINUE WHEN current_class = target.c;
        -- The rows' months get partitions in the new class, so none lands in a default never dropped.
        SELECT min(e.retained_at), max(e.retained_at) INTO first_month, last_month
        FROM audit_event e WHERE e.org_id = target.o AND e.retention_class = current_class;
        IF first_month IS NOT NULL THEN
            PERFORM audit_create_month_partitions(target.c, first_month AT TIME ZONE 'UTC', last_month AT TIME ZONE 'UTC');
        END IF;
        UPDATE audit_chain_head SET retention_class = target.c WHERE org_id = target.o;
        UPDATE audit_event SET retention_class = target.c WHERE org_id = target.o AND retention_class = current_class;
        GET DIAGNOSTICS rows_moved = ROW_COUNT;
        INSERT INTO audit_retention_move (org_id, from_class, to_class, moved_rows) VALUES (target.o, current_class, target.c, rows_moved);
        moved := moved + 1;
    END LOOP;
    RETURN moved;
END
$$;

REVOKE ALL ON FUNCTION audit_ensure_partitions(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_drop_partitions_before(text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_lock_chain_heads(text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_set_retention_class(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_ensure_partitions(integer) TO ${runtime_role};
GRANT EXECUTE ON FUNCTION audit_drop_partitions_before(text, timestamptz) TO ${runtime_role};
GRANT EXECUTE ON FUNCTION audit_lock_chain_heads(text[], text[]) TO ${runtime_role};
GRANT EXECUTE ON FUNCTION audit_set_retention_class(text[], text[]) TO ${runtime_role};
