-- Ingest looks a batch's event up only when it is no later than its organization's head retained_at
-- (issue 21: looking every id up took as long as the insert): a stored copy lies between its event time
-- and the head's retained_at. Chained rows keep to that (retained_at never goes back along a chain, and
-- the head holds the newest); rows stored before the chain (V3, seq NULL) were not counted in the heads
-- (V6), so each head now covers those of its organization too. Later chained rows start from it, which
-- keeps retained_at from going back.
UPDATE audit_chain_head h SET retained_at = u.retained_at
FROM (SELECT org_id, max(retained_at) AS retained_at FROM audit_event WHERE seq IS NULL GROUP BY org_id) u
WHERE h.org_id = u.org_id AND (h.retained_at IS NULL OR h.retained_at < u.retained_at);
