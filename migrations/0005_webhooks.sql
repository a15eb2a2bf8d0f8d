-- Webhook subscriptions, their persisted outbox and the log of delivery attempts.
CREATE TABLE webhook_subscriptions (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    url         TEXT NOT NULL,
    -- Signs each delivery (HMAC-SHA256); kept as given because signing needs it.
    secret      TEXT NOT NULL,
    -- JSON array of event names; empty means every event.
    events      TEXT NOT NULL DEFAULT '[]',
    format      TEXT NOT NULL CHECK (format IN ('Dixa', 'Interaction')),
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- One row per event per subscription, written in the transaction of the change itself, so a
-- committed change always has its deliveries and a rolled-back one never does.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    uid              TEXT NOT NULL UNIQUE,
    subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_type       TEXT NOT NULL,
    conversation_id  INTEGER,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('Pending', 'Delivered', 'Failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    last_error       TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, id);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);

CREATE TABLE webhook_attempts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id      INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    at               INTEGER NOT NULL,
    status_code      INTEGER,
    error            TEXT,
    duration_ms      INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, id);
