-- A move to a shorter retention class takes effect for dropping only once the new class's retention has
-- passed since the move. audit_set_retention_class is the runtime role's to call (plan changes arrive
-- through audit-service), so until now a stolen runtime credential could move an enterprise organization
-- to free and drop its history past 30 days at once: exactly the erasure V2's floor is there to prevent.
-- Now a partition that holds rows of an organization moved into its class from a longer one, less than
-- the class's retention ago, is kept; an alert on downgrade moves (audit_retention_move) has that long.
-- For a real downgrade it means the history is kept one more retention period after it, as SaaS plans
-- usually grant; an upgrade in between moves the rows out again.
CREATE OR REPLACE FUNCTION audit_drop_partitions_before(class_name text, cutoff timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_days integer;
    part record;
    month_end timestamptz;
    held boolean;
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
        CONTINUE WHEN month_end > cutoff;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM audit_retention_move mv'
                       ' JOIN audit_retention_floor longer ON longer.retention_class = mv.from_class'
                       ' WHERE mv.to_class = $1 AND longer.floor_days > $2'
                       ' AND mv.moved_at > now() - make_interval(days => $2)'
                       ' AND EXISTS (SELECT 1 FROM %I p WHERE p.org_id = mv.org_id))', part.relname)
            INTO held USING class_name, floor_days;
        IF held THEN
            RAISE NOTICE 'keeping % : it holds rows moved into % from a longer retention less than % days ago',
                part.relname, class_name, floor_days;
            CONTINUE;
        END IF;
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;
