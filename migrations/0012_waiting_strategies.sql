-- Waiting strategies: what customers hear while they wait for an agent. `config` is the
-- strategy's messages in the API's shape (messaging or voice, by `kind`).
CREATE TABLE waiting_strategies (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('Messaging', 'Voice')),
    enabled     INTEGER NOT NULL DEFAULT 1,
    -- Used for conversations whose sender has no strategy of its own.
    is_default  INTEGER NOT NULL DEFAULT 0,
    config      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX waiting_strategies_name ON waiting_strategies (name COLLATE NOCASE);
CREATE UNIQUE INDEX waiting_strategies_default ON waiting_strategies (kind) WHERE is_default = 1;

-- The senders (addresses, numbers, widget ids) a strategy serves: one strategy per sender.
CREATE TABLE waiting_strategy_senders (
    kind         TEXT NOT NULL,
    sender       TEXT NOT NULL COLLATE NOCASE,
    strategy_id  TEXT NOT NULL REFERENCES waiting_strategies (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, sender)
) WITHOUT ROWID;
CREATE INDEX waiting_strategy_senders_strategy ON waiting_strategy_senders (strategy_id);

-- Uploaded audio (greetings, hold music, announcements) for voice strategies, at most 4 MB each.
CREATE TABLE audio_files (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    data          BLOB NOT NULL,
    created_at    INTEGER NOT NULL
);
