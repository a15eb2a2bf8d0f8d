-- Answers to POST requests sent with an Idempotency-Key, per caller, so a request sent again
-- within the window gets the first answer instead of creating a second thing.
CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL,
    key           TEXT NOT NULL,
    -- SHA-256 of the method, path and body: the same key for another request is refused.
    fingerprint   TEXT NOT NULL,
    -- NULL while the first request is running.
    status        INTEGER,
    content_type  TEXT,
    body          BLOB,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
