-- Retention's cutoff on the database's own clock. The service used to compute it from its clock as
-- "now minus the class's retention", which is the class's floor exactly: a pod whose clock ran a
-- millisecond ahead of PostgreSQL's asked for a cutoff younger than the floor, was refused every hour,
-- and nothing was ever dropped. The floor is the class's retention (free 30 days, growth 365,
-- enterprise as configured), so the database can name the cutoff itself.
CREATE FUNCTION audit_drop_expired_partitions(class_name text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_days integer;
BEGIN
    SELECT f.floor_days INTO floor_days FROM audit_retention_floor f WHERE f.retention_class = class_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown retention class %', class_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN audit_drop_partitions_before(class_name, now() - make_interval(days => floor_days));
END
$$;
REVOKE ALL ON FUNCTION audit_drop_expired_partitions(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_drop_expired_partitions(text) TO ${runtime_role};
