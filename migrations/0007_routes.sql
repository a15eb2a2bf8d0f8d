-- Routing: an ordered list of routes, each with its conditions (JSON), destination and priority.
CREATE TABLE routes (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    position    INTEGER NOT NULL,
    conditions  TEXT NOT NULL DEFAULT '[]',
    queue_id    TEXT NOT NULL REFERENCES queues (id),
    priority    TEXT CHECK (priority IN ('Low', 'Normal', 'High', 'Urgent')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX routes_position ON routes (position);
