-- Working hours: periods with an IANA time zone, working intervals per weekday and holidays
-- (`spec`, JSON in the API's shape); one may be the default that queues created afterwards get.
CREATE TABLE hours_periods (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    spec        TEXT NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX hours_periods_name ON hours_periods (name COLLATE NOCASE);
CREATE UNIQUE INDEX hours_periods_one_default ON hours_periods (is_default) WHERE is_default = 1;

-- A queue's working hours (NULL: always open) and its away message (kept while switched off).
ALTER TABLE queues ADD COLUMN hours_period_id TEXT REFERENCES hours_periods (id);
ALTER TABLE queues ADD COLUMN away_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN away_message TEXT;
ALTER TABLE queues ADD COLUMN away_close INTEGER NOT NULL DEFAULT 0;
CREATE INDEX queues_hours_period ON queues (hours_period_id) WHERE hours_period_id IS NOT NULL;

-- What sent an automated message (AwayMessage, WaitingStrategy, Workflow, Bot); NULL: a person.
ALTER TABLE messages ADD COLUMN automated TEXT;

-- Timers found by what they are about (a period's next opening, say) as well as by time.
CREATE INDEX timers_kind ON timers (kind, payload);
