-- Rows in a class's default partition expire too. A row lands there when its retained_at falls in a
-- month without a partition: an organization's first event stored long after its time (a dead letter
-- replayed, an outbox drained late), into a month already dropped or never created. No partition drop
-- ever removed it, so it outlived its retention, and once the newer months of its chain were dropped
-- the chain had a hole that every later export failed on. The hourly drop now also deletes the
-- default's rows older than the cutoff's month and than the class's oldest remaining month, unless
-- their organization was moved in from a longer retention less than the class's retention ago (V9).
-- retained_at never goes back along a chain, so what goes is still a prefix of every chain: a month
-- kept for a held organization keeps everyone's default rows from then on. Owner only: called by
-- audit_drop_expired_partitions, whose cutoff is the floor's.
CREATE FUNCTION audit_delete_expired_default_rows(class_name text, cutoff timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    oldest_kept timestamptz;
    deleted bigint;
BEGIN
    SELECT min(make_date(substring(c.relname FROM '_y([0-9]{4})m')::integer,
                         substring(c.relname FROM 'm([0-9]{2})$')::integer, 1)::timestamp AT TIME ZONE 'UTC')
      INTO oldest_kept
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = ('audit_event_' || class_name)::regclass
       AND c.relname ~ ('^audit_event_' || class_name || '_y[0-9]{4}m[0-9]{2}$');
    EXECUTE format('DELETE FROM %I d WHERE d.retained_at < $1 AND d.retained_at < coalesce($2, ''infinity'')'
                   ' AND NOT EXISTS (SELECT 1 FROM audit_retention_move mv'
                   ' JOIN audit_retention_floor longer ON longer.retention_class = mv.from_class'
                   ' JOIN audit_retention_floor this ON this.retention_class = mv.to_class'
                   ' WHERE mv.org_id = d.org_id AND mv.to_class = $3 AND longer.floor_days > this.floor_days'
                   ' AND mv.moved_at > now() - make_interval(days => this.floor_days))', 'audit_event_' || class_name || '_default')
        USING date_trunc('month', cutoff AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', oldest_kept, class_name;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION audit_delete_expired_default_rows(text, timestamptz) FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit_drop_expired_partitions(class_name text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_days integer;
    cutoff timestamptz;
    dropped integer;
BEGIN
    SELECT f.floor_days INTO floor_days FROM audit_retention_floor f WHERE f.retention_class = class_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown retention class %', class_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    cutoff := now() - make_interval(days => floor_days);
    dropped := audit_drop_partitions_before(class_name, cutoff);
    PERFORM audit_delete_expired_default_rows(class_name, cutoff);
    RETURN dropped;
END
$$;
