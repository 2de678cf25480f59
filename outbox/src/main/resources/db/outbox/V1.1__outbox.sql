-- Transactional outbox: written with the state change, relayed to Kafka after commit.
-- Services that use the outbox module add db/outbox to quarkus.flyway.locations.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
