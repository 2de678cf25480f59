-- Only an HMAC-SHA-256 of each key is stored (key_hash); the key itself is shown once and gone.
CREATE TABLE api_keys (
    id              text        PRIMARY KEY,
    org_id          text        NOT NULL,
    name            text        NOT NULL,
    environment     text        NOT NULL CHECK (environment IN ('sandbox', 'production')),
    scopes          text[]      NOT NULL,
    ip_allowlist    text[]      NOT NULL DEFAULT '{}',
    key_hash        bytea       NOT NULL UNIQUE,
    masked_key      text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    rotation_due_at timestamptz NOT NULL,
    revoked_at      timestamptz,
    rotated_from    text REFERENCES api_keys (id),
    rotated_to      text REFERENCES api_keys (id),
    last_used_at    timestamptz
);

-- Listing is per organization, newest first, paged by (created_at, id).
CREATE INDEX api_keys_org_created ON api_keys (org_id, created_at DESC, id DESC);

-- An organization's key policy; no row means the defaults (rotation due after 90 days, not enforced).
CREATE TABLE key_policies (
    org_id               text        PRIMARY KEY,
    rotation_hard_expiry boolean     NOT NULL,
    updated_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL
);
