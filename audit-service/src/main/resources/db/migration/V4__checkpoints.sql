-- Signed checkpoints (ADR 17): from time to time audit-service signs each organization's chain head
-- with its own ES256 key. A checkpoint fixes everything up to its seq: a later change, removal or
-- insertion before it no longer matches the signed hash. Append-only like the events.
CREATE TABLE audit_checkpoint (
    org_id    text        NOT NULL,
    seq       bigint      NOT NULL CHECK (seq > 0),
    hash      bytea       NOT NULL CHECK (length(hash) = 32),
    signed_at timestamptz NOT NULL,
    kid       text        NOT NULL,
    jws       text        NOT NULL,
    PRIMARY KEY (org_id, seq)
);

GRANT SELECT, INSERT ON audit_checkpoint TO ${runtime_role};
