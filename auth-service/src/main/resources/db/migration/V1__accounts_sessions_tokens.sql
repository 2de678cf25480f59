-- Users are keyed by (issuer, subject), never by email: an email can move between accounts.
CREATE TABLE organization (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    plan       text        NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'growth', 'enterprise')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id             text PRIMARY KEY,
    issuer         text        NOT NULL,
    subject        text        NOT NULL,
    email          text,
    name           text,
    org_id         text        NOT NULL REFERENCES organization (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    CONSTRAINT app_user_identity_uq UNIQUE (issuer, subject)
);

CREATE TABLE session (
    id                  text PRIMARY KEY,
    user_id             text        NOT NULL REFERENCES app_user (id),
    org_id              text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    absolute_expires_at timestamptz NOT NULL,
    last_refreshed_at   timestamptz,
    client_ip           text,
    user_agent          text,
    revoked_at          timestamptz,
    revoke_reason       text
);
CREATE INDEX session_user_idx ON session (user_id) WHERE revoked_at IS NULL;

-- Only hashes of exchange codes and refresh tokens are stored.
CREATE TABLE exchange_code (
    code_hash  text PRIMARY KEY,
    session_id text        NOT NULL REFERENCES session (id),
    return_to  text        NOT NULL,
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz
);

CREATE TABLE refresh_token (
    id            text PRIMARY KEY,
    session_id    text        NOT NULL REFERENCES session (id),
    token_hash    text        NOT NULL UNIQUE,
    issued_at     timestamptz NOT NULL,
    idle_expires_at timestamptz NOT NULL,
    spent_at      timestamptz,
    successor_id  text
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);
