-- Uses of each key per day, outcome and client address (issue 20), written by the usage recorder
-- once per key and address per flush interval, never per request; 90 days are kept. Outcome is
-- "success" or the verify code of a refusal (lower case); client_ip is '' when unknown.
CREATE TABLE api_key_usage (
    key_id       text        NOT NULL,
    day          date        NOT NULL,
    outcome      text        NOT NULL,
    client_ip    text        NOT NULL,
    count        bigint      NOT NULL CHECK (count > 0),
    last_used_at timestamptz NOT NULL,
    PRIMARY KEY (key_id, day, outcome, client_ip)
);
CREATE INDEX api_key_usage_day ON api_key_usage (day);

-- Where the key was last used from, beside when.
ALTER TABLE api_keys ADD COLUMN last_used_ip text;
