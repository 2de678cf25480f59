-- The hash chain (ADR 17): per organization, in the order events are stored, a sequence number and
-- hash = SHA-256(prev_hash || canonical form of the event). Events stored before this migration keep
-- seq, prev_hash and hash NULL: the chain of an organization starts with its first event after it.
ALTER TABLE audit_event
    ADD COLUMN seq       bigint,
    ADD COLUMN prev_hash bytea,
    ADD COLUMN hash      bytea;

-- The stored-order feed (after_seq), the export and the integrity ranges read by this.
CREATE INDEX audit_event_org_seq_idx ON audit_event (org_id, seq);

-- The head of each organization's chain. A batch locks the heads it extends, chains under the lock,
-- and moves each head only from the value it read (compare and set): two writers can never both
-- extend the same head, so a chain cannot fork whatever the consumers do. (A unique (org_id, seq)
-- index is not possible on the partitioned table, whose unique keys must hold occurred_at.)
CREATE TABLE audit_chain_head (
    org_id text   PRIMARY KEY,
    seq    bigint NOT NULL CHECK (seq >= 0),
    hash   bytea  NOT NULL CHECK (length(hash) = 32)
);

GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO ${runtime_role};
