-- Answers to key creation and rotation kept 24 h under the client's Idempotency-Key, so a retried
-- request gets the first answer back instead of a second key (Stripe's convention). An answer holds
-- a full API key: it is stored encrypted under a key derived from the Idempotency-Key, which only
-- the client has, and found by an HMAC of it. A stolen table alone reveals no key.
CREATE TABLE idempotent_answers (
    org_id         text        NOT NULL,
    key_digest     bytea       NOT NULL,
    request_digest bytea       NOT NULL,
    status         integer     NOT NULL,
    location       text,
    answer         bytea       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, key_digest)
);
CREATE INDEX idempotent_answers_created ON idempotent_answers (created_at);
