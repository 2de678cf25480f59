-- A key's limits on successful calls, each "<limit>/<window seconds>" (common's RateLimitPolicy).
ALTER TABLE api_keys ADD COLUMN rate_limits text[] NOT NULL DEFAULT '{}';

-- How much of each limited key's budget has been leased to replicas in each fixed window (ADR 19).
-- Never more than the window's limit: that is what keeps every replica together within the limit.
-- Rows of past windows are deleted after a day.
CREATE TABLE rate_limit_windows (
    key_id         text        NOT NULL,
    window_seconds integer     NOT NULL,
    window_start   timestamptz NOT NULL,
    leased         bigint      NOT NULL CHECK (leased >= 0),
    last_grant     bigint      NOT NULL,
    exceeded_at    timestamptz,
    PRIMARY KEY (key_id, window_seconds, window_start)
);
CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);
