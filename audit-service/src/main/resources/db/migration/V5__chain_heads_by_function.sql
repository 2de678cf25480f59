-- The runtime role reads and appends tables, never updates them (deploy/checks PostgresTest), so it
-- moves chain heads only through these two functions, with the owner's rights. Moving is narrower than
-- UPDATE: a head goes forward only, only from the value it holds, and only to an event that is stored
-- with that seq and hash. A stolen runtime credential can append (as before) but not rewind a chain.
REVOKE UPDATE ON audit_chain_head FROM ${runtime_role};

-- Creates missing heads at seq 0 and locks the given heads until the transaction ends, in org order
-- (two batches lock their common organizations in the same order: no deadlock).
CREATE FUNCTION audit_lock_chain_heads(orgs text[]) RETURNS TABLE (org_id text, seq bigint, hash bytea)
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO audit_chain_head AS h (org_id, seq, hash)
    SELECT o, 0, decode(repeat('00', 32), 'hex') FROM unnest(orgs) AS o ORDER BY o
    ON CONFLICT (org_id) DO UPDATE SET seq = h.seq
    RETURNING h.org_id, h.seq, h.hash
$$;

-- Compare-and-set moves; returns how many heads moved (the caller aborts its batch unless all did).
CREATE FUNCTION audit_move_chain_heads(orgs text[], from_seqs bigint[], to_seqs bigint[], hashes bytea[])
    RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH moved AS (
        UPDATE audit_chain_head h SET seq = m.to_seq, hash = m.hash
        FROM unnest(orgs, from_seqs, to_seqs, hashes) AS m(org_id, from_seq, to_seq, hash)
        WHERE h.org_id = m.org_id AND h.seq = m.from_seq AND m.to_seq > m.from_seq
          AND EXISTS (SELECT 1 FROM audit_event e WHERE e.org_id = m.org_id AND e.seq = m.to_seq AND e.hash = m.hash)
        RETURNING 1)
    SELECT count(*)::integer FROM moved
$$;

REVOKE ALL ON FUNCTION audit_lock_chain_heads(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_move_chain_heads(text[], bigint[], bigint[], bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_lock_chain_heads(text[]) TO ${runtime_role};
GRANT EXECUTE ON FUNCTION audit_move_chain_heads(text[], bigint[], bigint[], bytea[]) TO ${runtime_role};
